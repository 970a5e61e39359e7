"""Person search: name normalisation, Kölner Phonetik, search keys and the ranked search itself.

Names reach the office in many spellings: the passport's own script (Arabic, Cyrillic, ...), one or more
Latin transliterations (Mohammed / Muhammad / Mohamad), and typos made while typing. This module reduces a
name to normalised ASCII tokens and derives several keys per token, each catching one kind of variation:

* ``phonetic`` -- Kölner Phonetik, the German standard for "sounds alike" (Meier / Mayr / Maier);
* ``shape`` -- consonants with every vowel run replaced by one marker, so transliterations that differ only
  in vowels or doubled letters meet (Mohammed / Muhammad / Mohamed, but not Mahmoud);
* ``skeleton`` -- the phonetic code without vowels, for scripts that do not write short vowels (محمد);
* ``token`` and ``reversed_token`` -- for prefix ranges that find typos in the back or the front half.

The keys live in an indexed side table (``models.search_keys``): a small vocabulary of distinct tokens with
their keys, and one (person, token) row per name token. A search first looks up candidate *tokens* in the
vocabulary with index-friendly equality and range conditions, scores them in Python with Jaro-Winkler and
Damerau-Levenshtein, and then fetches persons whose tokens match every part of the query -- tier by tier
(exact, then similar spelling, then fuzzy), each tier a bounded query. Nothing scans all persons.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import jellyfish
from anyascii import anyascii
from django.utils.translation import gettext_lazy as _

from wegweiser.core.partial_dates import PartialDate

if TYPE_CHECKING:
    from django.db.models import QuerySet

#: Longest token stored (the column is 64 characters wide).
MAX_TOKEN_LENGTH = 64
#: Longest query accepted; the view shows a message above this.
MAX_QUERY_LENGTH = 200
#: At most this many name words of a query are used (more adds nothing but cost).
MAX_QUERY_WORDS = 8

# ---------------------------------------------------------------------------------------------------------
# Transliteration and normalisation
# ---------------------------------------------------------------------------------------------------------

# Arabic and Persian letters -> Latin, chosen for matching, not for display: emphatic and plain consonants
# fall together as they do in everyday transliterations. Alif, waw and ya are handled in _arabic_variants.
_ARABIC = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z",
    "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "gh", "ف": "f", "ق": "q", "ك": "k",
    "ل": "l", "م": "m", "ن": "n", "ه": "h", "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ک": "k", "ڤ": "v",
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ى": "a", "ة": "a", "ۀ": "a", "ء": "", "ـ": "",
    "\u064e": "a", "\u064f": "u", "\u0650": "i", "\u0670": "a",  # fatha, damma, kasra, dagger alif
    "\u064b": "", "\u064c": "", "\u064d": "", "\u0651": "", "\u0652": "",  # tanwin, shadda, sukun
}
# Cyrillic as German offices have long written it (Duden): Шевченко -> Schewtschenko, Жанна -> Schanna.
_CYRILLIC_GERMAN = str.maketrans({
    "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "e", "ё": "jo", "ж": "sch", "з": "s", "и": "i",
    "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "ju", "я": "ja", "є": "je", "і": "i", "ї": "ji", "ґ": "g",
})
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_CYRILLIC_SCRIPT = re.compile("[\u0400-\u052f]")
# Apostrophes and ayn/hamza marks are dropped without splitting the word (Ma'moun -> mamoun).
_APOSTROPHES = re.compile(r"['`´’‘ʼʻʿʾ]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_WORD_SPLIT = re.compile(r"[\s,;/|]+")
_VOWELS = frozenset("aeiou")

# Particles written apart from the name ("Al Hassan", "Abu Bakr"): joined with the following word.
_SPACE_PARTICLES = {"al": "al", "el": "al", "ul": "al", "il": "al", "abu": "abu", "abou": "abu", "abo": "abu",
                    "bin": "bin", "ibn": "bin", "bint": "bint"}
# Particles joined by a hyphen ("As-Sayed", "El-Amin"): the Arabic article with its assimilated forms.
_HYPHEN_PARTICLES = {**_SPACE_PARTICLES, "ad": "al", "ag": "al", "ar": "al", "as": "al", "ash": "al",
                     "at": "al", "az": "al", "an": "al", "ed": "al", "er": "al", "es": "al", "et": "al",
                     "ez": "al", "en": "al"}


def _is_arabic(text: str) -> bool:
    return _ARABIC_SCRIPT.search(text) is not None


def _is_cyrillic(text: str) -> bool:
    return _CYRILLIC_SCRIPT.search(text) is not None


def _arabic_variants(word: str) -> list[str]:
    """Two readings of an Arabic-script word: waw/ya as vowels (يوسف -> yusf) and as consonants (ywsf).

    Arabic writes long vowels with the same letters as w and y and leaves short vowels out, so neither
    reading is right for every name; both become search keys. The article ال becomes "al-".
    """
    prefix = ""
    if word.startswith("ال") and len(word) > 3:
        prefix, word = "al-", word[2:]
    vowelled, consonantal = [], []
    for index, char in enumerate(word):
        initial = index == 0
        if char == "و":
            vowelled.append("w" if initial else "u")
            consonantal.append("w")
        elif char in "يی":
            vowelled.append("y" if initial else "i")
            consonantal.append("y")
        elif char == "ع":
            vowelled.append("a")
        elif char == "ؤ":
            vowelled.append("u")
            consonantal.append("w")
        elif char == "ئ":
            vowelled.append("i")
            consonantal.append("y")
        elif char in _ARABIC:
            vowelled.append(_ARABIC[char])
            consonantal.append(_ARABIC[char])
        else:
            vowelled.append(anyascii(char))
            consonantal.append(anyascii(char))
    return list(dict.fromkeys([prefix + "".join(vowelled), prefix + "".join(consonantal)]))


def _script_variants(word: str) -> list[str]:
    """ASCII readings of one word, the first being the primary one."""
    word = unicodedata.normalize("NFKC", word)
    if _is_arabic(word):
        return _arabic_variants(word)
    variants = [anyascii(word)]
    if _is_cyrillic(word):
        # Russian х and г stand for Arabic/Ukrainian h (Мухаммед = Muhammad, Олег = Oleh); German
        # offices also write the Duden transliteration.
        variants.append(anyascii(re.sub("[хХгГ]", "h", word)))
        variants.append(anyascii(word.casefold().translate(_CYRILLIC_GERMAN)))
    return list(dict.fromkeys(variants))


def _ascii_parts(text: str) -> list[str]:
    """Casefold an ASCII reading and split it into alphanumeric parts (hyphens split, apostrophes join)."""
    text = _APOSTROPHES.sub("", text.casefold())
    return [part for part in _NON_ALNUM.split(text) if part]


def _merge_space_particles(words: list[str]) -> list[str]:
    """Join "Al Hassan" / "Abu Bakr" into one hyphenated word, so they behave like "Al-Hassan"."""
    merged: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        parts = _ascii_parts(_script_variants(word)[0])
        if index + 1 < len(words) and len(parts) == 1 and parts[0] in _SPACE_PARTICLES:
            words[index + 1] = f"{word}-{words[index + 1]}"
        else:
            merged.append(word)
        index += 1
    return merged


def _split_words(text: str) -> list[str]:
    return _merge_space_particles([w for w in _WORD_SPLIT.split(text or "") if w])


@dataclass(frozen=True)
class _WordForms:
    """The keys of one written word: its full joined form plus weaker alternatives (parts, core)."""

    full: tuple[str, ...]  # joined forms, one per script variant ("alhassan")
    core: tuple[str, ...]  # without a leading particle ("hassan")
    parts: tuple[str, ...]  # parts of hyphenated names ("muller", "ludenscheidt")


def _strip_glued_article(token: str) -> str | None:
    """"alhassan" -> "hassan" when an article seems glued on; None for names like Alexander or Elena."""
    if token[:2] in ("al", "el") and len(token) >= 7 and token[2] not in _VOWELS:
        return token[2:]
    return None


def _word_forms(word: str) -> _WordForms:
    full: list[str] = []
    core: list[str] = []
    parts_out: list[str] = []
    for variant in _script_variants(word):
        parts = _ascii_parts(variant)
        if not parts:
            continue
        if len(parts) > 1 and parts[0] in _HYPHEN_PARTICLES:
            rest = "".join(parts[1:])
            full.append(_HYPHEN_PARTICLES[parts[0]] + rest)
            core.append(rest)
            parts_out.extend(p for p in parts[1:] if len(parts) > 2)
        else:
            joined = "".join(parts)
            full.append(joined)
            stripped = _strip_glued_article(joined)
            if stripped:
                core.append(stripped)
            if len(parts) > 1:
                parts_out.extend(parts)
    def clean(tokens: list[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t[:MAX_TOKEN_LENGTH] for t in tokens if len(t) >= 2))
    full_t = clean(full)
    return _WordForms(full_t, tuple(t for t in clean(core) if t not in full_t),
                      tuple(t for t in clean(parts_out) if t not in full_t and t not in _HYPHEN_PARTICLES))


def normalise_token(s: str) -> str:
    """Normalise a name (word) for comparison: "El-Ḥassan" -> "alhassan", "Müller-Lüdenscheidt" ->
    "mullerludenscheidt", "Алёна" -> "alena", "محمد" -> "mhmd".

    Other scripts are transliterated (anyascii; Arabic by a matching-oriented table), the result is
    casefolded, diacritics and punctuation go, ß becomes ss, hyphenated parts are joined, and a particle
    written apart or with a hyphen (al/el/ul, as-/ar-/..., abu, bin/ibn) is joined in one canonical spelling,
    so "Al Hassan", "El-Hassan" and "al-Hassan" all give "alhassan". Several words give several tokens,
    separated by single spaces.
    """
    tokens = []
    for word in _split_words(s):
        forms = _word_forms(word)
        if forms.full:
            tokens.append(forms.full[0])
    return " ".join(tokens)


def name_tokens(*names: str) -> list[str]:
    """All search tokens of the given name strings (each string one name field), without duplicates.

    Besides each word's normalised form this adds the other script reading, the name without its particle,
    the parts of hyphenated names and adjacent words joined ("Abdul Rahman" -> "abdulrahman"), so that a
    query written any of these ways meets an equal token.
    """
    tokens: list[str] = []
    for name in names:
        words = [_word_forms(w) for w in _split_words(name)]
        words = [w for w in words if w.full]
        for forms in words:
            tokens.extend(forms.full)
            tokens.extend(forms.core)
            tokens.extend(forms.parts)
        for left, right in zip(words, words[1:], strict=False):
            left_core = left.core[0] if left.core else left.full[0]
            right_core = right.core[0] if right.core else right.full[0]
            tokens.append((left_core + right_core)[:MAX_TOKEN_LENGTH])
    return list(dict.fromkeys(tokens))


# ---------------------------------------------------------------------------------------------------------
# Kölner Phonetik and the other keys
# ---------------------------------------------------------------------------------------------------------

_KP_VOWELS = frozenset("AEIJOUYÄÖÜ")


def koelner_phonetik_digits(word: str) -> str:
    """The raw digit string of the Kölner Phonetik (before merging repeats and dropping zeros).

    Letters only; everything else (hyphens, digits, spaces) is skipped. Rules after Postel (1969).
    """
    letters = [c for c in word.upper().replace("ẞ", "ß") if c.isalpha()]
    out: list[str] = []
    for index, char in enumerate(letters):
        prev = letters[index - 1] if index else ""
        nxt = letters[index + 1] if index + 1 < len(letters) else ""
        if char in _KP_VOWELS:
            out.append("0")
        elif char == "H":
            continue
        elif char == "B":
            out.append("1")
        elif char == "P":
            out.append("3" if nxt == "H" else "1")
        elif char in "DT":
            out.append("8" if nxt in ("C", "S", "Z", "ß") else "2")
        elif char in "FVW":
            out.append("3")
        elif char in "GKQ":
            out.append("4")
        elif char == "C":
            if index == 0:
                out.append("4" if nxt and nxt in "AHKLOQRUX" else "8")
            elif prev in ("S", "Z", "ß"):
                out.append("8")
            else:
                out.append("4" if nxt and nxt in "AHKOQUX" else "8")
        elif char == "X":
            out.append("8" if prev in ("C", "K", "Q") else "48")
        elif char == "L":
            out.append("5")
        elif char in "MN":
            out.append("6")
        elif char == "R":
            out.append("7")
        elif char in ("S", "Z", "ß"):
            out.append("8")
        # any other letter (after transliteration there are none) carries no code
    return "".join(out)


def _collapse(digits: str) -> str:
    return re.sub(r"(.)\1+", r"\1", digits)


@lru_cache(maxsize=65536)
def koelner_phonetik(word: str) -> str:
    """Kölner Phonetik code of a word: "Müller-Lüdenscheidt" -> "65752682", "Meyer" -> "67"."""
    collapsed = _collapse(koelner_phonetik_digits(word))
    return collapsed[:1] + collapsed[1:].replace("0", "")


@lru_cache(maxsize=65536)
def phonetic_skeleton(token: str) -> str:
    """The phonetic code without any vowel: what remains of a name written without short vowels.

    "mohammed" and "mhmd" (محمد) both give "62"; too coarse to rank by, fine to find candidates.
    """
    return _collapse(koelner_phonetik(token).replace("0", ""))


_SHAPE_DIGRAPHS = (("sch", "s"), ("sh", "s"), ("kh", "h"), ("ch", "h"), ("ph", "f"), ("th", "t"),
                   ("dh", "d"), ("gh", "g"), ("ck", "k"), ("c", "k"), ("q", "k"), ("z", "s"), ("w", "v"),
                   ("j", "y"), ("x", "ks"))


@lru_cache(maxsize=65536)
def spelling_shape(token: str) -> str:
    """Consonant frame with each vowel run as "*": Mohammed, Muhammad, Mohamed -> "m*h*m*d".

    Transliterations of one name mostly differ in vowels, doubled letters and digraphs (kh/ch, ph/f, j/y);
    the shape keeps the number and place of syllables, so Mahmoud ("m*hm*d") stays apart.
    """
    shape = token
    for old, new in _SHAPE_DIGRAPHS:
        shape = shape.replace(old, new)
    if len(shape) > 2 and shape.endswith("h") and shape[-2] in _VOWELS:
        shape = shape[:-1]  # Fatimah / Fatima, Aishah / Aisha
    out = []
    for index, char in enumerate(shape):
        is_vowel = char in _VOWELS or (char == "y" and not (index == 0 and len(shape) > 1 and shape[1] in _VOWELS))
        out.append("*" if is_vowel else char)
    return _collapse("".join(out))


def _consonants(token: str) -> str:
    return _collapse("".join(c for c in spelling_shape(token) if c != "*"))


_LONG_VOWELS = re.compile("ou|oo|ee|ii|aa|uu|ei|ie|ai|ay|ey|oa")


def _vowel_poor(token: str) -> bool:
    """True for tokens that look written without short vowels (mhmd, hsin, khald); y inside is a vowel."""
    vowels = sum(c in _VOWELS or (c == "y" and i > 0) for i, c in enumerate(token))
    return len(token) >= 3 and vowels <= len(token) // 4


def compute_search_fields(*names: str) -> tuple[str, str]:
    """Return (search_text, search_phonetic) for the given name strings.

    ``search_text`` holds the search tokens separated by spaces; ``search_phonetic`` the Kölner Phonetik
    code of each token in the same order (so both can be zipped).
    """
    tokens = name_tokens(*names)
    return " ".join(tokens), " ".join(koelner_phonetik(t) for t in tokens)


def person_names(person: Any) -> tuple[str, ...]:
    return (person.family_name, person.given_names, person.family_name_latin, person.given_names_latin,
            person.birth_name)


def update_search_fields(person: Any) -> None:
    """Set ``search_text``/``search_phonetic`` from the person's names (the caller saves).

    For a person already in the database the indexed search keys are rewritten at once as well; a new
    person gets them when it is first saved (post_save in ``models.search_keys``).
    """
    person.search_text, person.search_phonetic = compute_search_fields(*person_names(person))
    if person.pk is not None:
        sync_search_keys(person)


# ---------------------------------------------------------------------------------------------------------
# Maintaining the indexed keys
# ---------------------------------------------------------------------------------------------------------


def _vocabulary_row(token: str) -> Any:
    from .models.search_keys import SearchToken

    return SearchToken(token=token, phonetic=koelner_phonetik(token), shape=spelling_shape(token)[:64],
                       skeleton=phonetic_skeleton(token), reversed_token=token[::-1])


def sync_search_keys(person: Any) -> None:
    """Make the person's rows in the key table match ``person.search_text`` (the person must be saved)."""
    from django.db import transaction

    from .models.search_keys import PersonNameKey, SearchToken

    tokens = set(person.search_text.split())
    with transaction.atomic():
        existing = set(PersonNameKey.objects.filter(person_id=person.pk).values_list("token", flat=True))
        if stale := existing - tokens:
            PersonNameKey.objects.filter(person_id=person.pk, token__in=stale).delete()
        if new := sorted(tokens - existing):
            SearchToken.objects.bulk_create([_vocabulary_row(t) for t in new], ignore_conflicts=True)
            PersonNameKey.objects.bulk_create([PersonNameKey(person_id=person.pk, token=t) for t in new])


def rebuild_search_keys(persons: Iterable[Any], batch_size: int = 2000) -> int:
    """Recompute search fields and keys for many saved persons (demo data, imports); returns the key count.

    Meant for rows created with ``bulk_create``, which sends no signals. Changed ``search_text`` /
    ``search_phonetic`` values are written back (filling them with ``compute_search_fields`` before
    ``bulk_create`` saves that step); keys are replaced batch by batch.
    """
    from django.db import transaction

    from .models.person import Person
    from .models.search_keys import PersonNameKey, SearchToken

    if hasattr(persons, "iterator"):
        persons = persons.iterator(chunk_size=batch_size)
    total = 0
    batch: list[Any] = []

    def flush() -> int:
        changed = []
        keys: list[PersonNameKey] = []
        vocabulary: set[str] = set()
        for person in batch:
            text, phonetic = compute_search_fields(*person_names(person))
            if (text, phonetic) != (person.search_text, person.search_phonetic):
                person.search_text, person.search_phonetic = text, phonetic
                changed.append(person)
            tokens = text.split()
            vocabulary.update(tokens)
            keys.extend(PersonNameKey(person_id=person.pk, token=t) for t in tokens)
        with transaction.atomic():
            for person in changed:
                # One UPDATE per row: bulk_update's CASE expressions grow quadratically with the batch.
                Person.objects.filter(pk=person.pk).update(search_text=person.search_text,
                                                           search_phonetic=person.search_phonetic)
            known = set(SearchToken.objects.filter(token__in=vocabulary).values_list("token", flat=True))
            SearchToken.objects.bulk_create([_vocabulary_row(t) for t in sorted(vocabulary - known)],
                                            batch_size=500, ignore_conflicts=True)
            PersonNameKey.objects.filter(person_id__in=[p.pk for p in batch]).delete()
            PersonNameKey.objects.bulk_create(keys, batch_size=1000)
        return len(keys)

    for person in persons:
        if person.pk is None:
            raise ValueError("rebuild_search_keys needs saved persons")
        batch.append(person)
        if len(batch) >= batch_size:
            total += flush()
            batch = []
    if batch:
        total += flush()
    return total


def prune_search_tokens() -> int:
    """Delete vocabulary tokens no person has any more (after renames); returns how many went."""
    from .models.search_keys import PersonNameKey, SearchToken

    deleted, _details = SearchToken.objects.exclude(
        token__in=PersonNameKey.objects.values("token")
    ).delete()
    return deleted


# ---------------------------------------------------------------------------------------------------------
# Parsing a query
# ---------------------------------------------------------------------------------------------------------

_DATE_LIKE = re.compile(r"^(\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}\.\d{4}|\d{4}|\d{4}-\d{2}-\d{2})$")
_DATE_ATTEMPT = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{2,4}$")


@dataclass
class ParsedQuery:
    """What a free-text query asks for."""

    text: str
    name_words: list[str] = field(default_factory=list)
    birth_date: PartialDate | None = None
    invalid_dates: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)  # words with digits that are no date: file numbers

    @property
    def is_empty(self) -> bool:
        return not (self.name_words or self.birth_date or self.numbers)


def parse_query(query: str) -> ParsedQuery:
    """Split a query into name words, at most one birth date and file-number-like words."""
    text = " ".join((query or "").split())[:MAX_QUERY_LENGTH]
    parsed = ParsedQuery(text=text)
    for word in text.split(" ") if text else []:
        bare = word.strip(",;()[]")
        if _DATE_LIKE.match(bare):
            try:
                value = PartialDate.parse(bare)
            except ValueError:
                value = None
            if value is not None:
                if parsed.birth_date is None:
                    parsed.birth_date = value
                continue
            if "." in bare:
                parsed.invalid_dates.append(bare)
                continue
        elif _DATE_ATTEMPT.match(bare):
            parsed.invalid_dates.append(bare)
            continue
        if any(c.isdigit() for c in bare):
            parsed.numbers.append(bare)
        elif normalise_token(bare):
            parsed.name_words.append(bare)
    parsed.name_words = parsed.name_words[:MAX_QUERY_WORDS]
    return parsed


# ---------------------------------------------------------------------------------------------------------
# Comparing tokens
# ---------------------------------------------------------------------------------------------------------

EXACT, PHONETIC, FUZZY = 1, 2, 3  # match kinds, best first; a person's kind is its weakest name part

_KIND_NAMES = {EXACT: "exact", PHONETIC: "phonetic", FUZZY: "fuzzy"}


@lru_cache(maxsize=262144)
def compare_tokens(candidate: str, wanted: str, allow_prefix: bool = False) -> tuple[float, int] | None:
    """Score how well a stored token matches a query token: (score in 0..1, kind) or None.

    Exact 1.0; other spellings of the same name 0.75-0.95 (equal spelling shape, equal Kölner code, or
    equal consonants against a transliteration without short vowels); typos 0.55-0.7 (Damerau-Levenshtein 1, or 2 for
    long names); with ``allow_prefix`` (the word being typed) a stored name starting with it 0.55-0.8.
    """
    if candidate == wanted:
        return 1.0, EXACT
    jw = jellyfish.jaro_winkler_similarity(candidate, wanted)
    shortest = min(len(candidate), len(wanted))
    if shortest >= 3 and jw >= 0.7 and spelling_shape(candidate) == spelling_shape(wanted):
        return 0.9 + 0.05 * jw, PHONETIC
    if _vowel_poor(candidate) != _vowel_poor(wanted):
        # One side written without short vowels (محمد -> mhmd): equal consonants, at least three of them.
        # Sound codes mean little here (vowels decide where Kölner codes repeat), so only this test counts.
        consonants = _consonants(candidate)
        if (len(consonants) >= 3 and consonants == _consonants(wanted)
                and phonetic_skeleton(candidate) == phonetic_skeleton(wanted)):
            # Long vowels are written in Arabic script (محمود has its و), so a Latin long vowel with no
            # vowel letter on the other side speaks against the match: محمد is Mohammed, not Mahmoud.
            poor, rich = (candidate, wanted) if _vowel_poor(candidate) else (wanted, candidate)
            missing = max(0, len(_LONG_VOWELS.findall(rich)) - sum(c in _VOWELS for c in poor))
            return 0.85 + 0.05 * jw - 0.04 * missing, PHONETIC
    else:
        code = koelner_phonetik(candidate)
        if (shortest >= 3 and code == koelner_phonetik(wanted)
                and (jw >= 0.85 or (len(code) >= 3 and jw >= 0.75))):
            return 0.8 + 0.1 * jw, PHONETIC
    if shortest >= 4:
        allowed = 1 if len(wanted) < 8 else 2
        if jellyfish.damerau_levenshtein_distance(candidate, wanted) <= allowed:
            return 0.55 + 0.15 * jw, FUZZY
    if allow_prefix and len(wanted) >= 3 and candidate.startswith(wanted):
        return 0.55 + 0.25 * len(wanted) / len(candidate), FUZZY
    return None


def _successor(prefix: str) -> str | None:
    """Smallest string above every token starting with ``prefix`` (tokens use only a-z and 0-9).

    Kept to letters and digits so the bound sorts the same under any collation, not only "C".
    """
    chars = list(prefix)
    while chars:
        last = chars.pop()
        if last == "9":
            return "".join(chars) + "a"
        if last != "z":
            return "".join(chars) + chr(ord(last) + 1)
    return None


def _prefix_q(field_name: str, prefix: str) -> Any:
    """A range condition for "starts with": uses a plain B-tree index on SQLite and PostgreSQL alike."""
    from django.db.models import Q

    condition = Q(**{f"{field_name}__gte": prefix})
    upper = _successor(prefix)
    if upper is not None:
        condition &= Q(**{f"{field_name}__lt": upper})
    return condition


# ---------------------------------------------------------------------------------------------------------
# Searching
# ---------------------------------------------------------------------------------------------------------

#: Candidate tokens taken from the vocabulary per look-up; persons fetched per tier beyond the limit.
MAX_CANDIDATE_TOKENS = 3000
MAX_TOKENS_PER_PART = 400
MIN_CANDIDATE_PERSONS = 200


@dataclass
class SearchHit:
    """One person found, with why: ``match`` is "file_number", "exact", "phonetic", "fuzzy" or "date"."""

    person: Any
    score: float
    match: str
    birth_date_match: str = ""  # "exact", "compatible" (a part unknown), "different", "" (not asked)
    complete: bool = True  # False when not every name word of the query matched
    matched_tokens: tuple[str, ...] = ()

    @property
    def match_label(self) -> str:
        labels = {
            "file_number": _("Aktenzeichen"),
            "exact": _("genaue Schreibweise"),
            "phonetic": _("andere Schreibweise"),
            "fuzzy": _("ähnliche Schreibweise"),
            "date": _("Geburtsdatum"),
        }
        return str(labels.get(self.match, self.match))


@dataclass
class _Part:
    """One name word of the query: its alternatives (token -> weight) and the scored vocabulary tokens."""

    alternatives: dict[str, float]
    is_last: bool
    scores: dict[str, tuple[float, int]] = field(default_factory=dict)

    def tokens(self, worst_kind: int) -> list[str]:
        ranked = sorted((t for t, (_s, k) in self.scores.items() if k <= worst_kind),
                        key=lambda t: -self.scores[t][0])
        return ranked[:MAX_TOKENS_PER_PART]


def _query_parts(words: Sequence[str]) -> list[_Part]:
    parts: list[_Part] = []
    merged = _merge_space_particles(list(words))
    for index, word in enumerate(merged):
        forms = _word_forms(word)
        alternatives: dict[str, float] = {}
        for tokens, weight in ((forms.parts, 0.85), (forms.core, 0.95), (forms.full, 1.0)):
            for token in tokens:
                alternatives[token] = weight
        if alternatives:
            parts.append(_Part(alternatives, is_last=index == len(merged) - 1))
    return parts


def _vocabulary_candidates(parts: list[_Part]) -> set[str]:
    """Tokens in the vocabulary that might match some query word: equal keys, then prefix ranges."""
    from django.db.models import Q

    from .models.search_keys import SearchToken

    equal = Q(pk__in=[])
    ranges = Q(pk__in=[])
    for part in parts:
        for alt in part.alternatives:
            equal |= Q(shape=spelling_shape(alt))
            if len(code := koelner_phonetik(alt)) >= 2:
                equal |= Q(phonetic=code)
            if len(skeleton := phonetic_skeleton(alt)) >= 2:
                equal |= Q(skeleton=skeleton)
            if len(alt) >= 4:
                size = min(3, len(alt) // 2)
                ranges |= _prefix_q("token", alt[:size]) | _prefix_q("reversed_token", alt[::-1][:size])
            if part.is_last and len(alt) >= 3:
                ranges |= _prefix_q("token", alt)
    found = set(SearchToken.objects.filter(equal).values_list("token", flat=True)[:MAX_CANDIDATE_TOKENS])
    found.update(SearchToken.objects.filter(ranges).values_list("token", flat=True)[:MAX_CANDIDATE_TOKENS])
    return found


def _score_parts(parts: list[_Part], candidates: set[str]) -> None:
    for part in parts:
        for token in candidates | set(part.alternatives):
            best: tuple[float, int] | None = None
            for alt, weight in part.alternatives.items():
                result = compare_tokens(token, alt, part.is_last)
                if result is not None:
                    scored = (result[0] * weight, result[1])
                    if best is None or scored[0] > best[0]:
                        best = scored
            if best is not None:
                part.scores[token] = best


def _birth_date_q(value: PartialDate, include_unknown: bool) -> Any:
    """Persons whose recorded birth date fits ``value``; partly unknown dates on either side fit."""
    from django.db.models import Q

    year_only = PartialDate(value.year)
    if value.is_complete:
        condition = Q(birth_date__in=[value, PartialDate(value.year, value.month), year_only])
    elif value.month:
        condition = Q(birth_date__gte=PartialDate(value.year, value.month),
                      birth_date__lte=value.latest()) | Q(birth_date=year_only)
    else:
        condition = Q(birth_date__gte=year_only, birth_date__lte=PartialDate.from_date(value.latest()))
    if include_unknown:
        condition |= Q(birth_date__isnull=True)
    return condition


def birth_date_match(wanted: PartialDate | None, recorded: PartialDate | None) -> str:
    """"exact" when every part given in the query is recorded and equal, "compatible" when the record
    leaves such a part open, "different" otherwise, "" when the query has no date."""
    if wanted is None:
        return ""
    if recorded is None:
        return "compatible"
    result = "exact"
    for asked, stored in ((wanted.year, recorded.year), (wanted.month, recorded.month), (wanted.day, recorded.day)):
        if not asked:
            continue
        if not stored:
            result = "compatible"
        elif asked != stored:
            return "different"
    return result


def _fetch(base: QuerySet, token_lists: list[list[str]], exclude: set[int], limit: int) -> list[Any]:
    from .models.search_keys import PersonNameKey

    if limit <= 0 or any(not tokens for tokens in token_lists):
        return []
    queryset = base
    for tokens in token_lists:
        queryset = queryset.filter(pk__in=PersonNameKey.objects.filter(token__in=tokens).values("person_id"))
    if exclude:
        queryset = queryset.exclude(pk__in=exclude)
    return list(queryset.order_by("pk")[:limit])


def _name_hits(base: QuerySet, parts: list[_Part], wanted_date: PartialDate | None, cap: int) -> list[SearchHit]:
    """Persons matching every name word, tier by tier; failing that, all but one word; failing that (with
    a date), the same without the date filter, so a wrongly remembered birth date still finds the name."""
    persons: list[Any] = []
    seen: set[int] = set()
    dated = base.filter(_birth_date_q(wanted_date, include_unknown=True)) if wanted_date else base
    # Strategies in order, the first that finds anybody wins: all words with the date, all words without
    # it, then all words but one (with the date, then without).
    strategies: list[tuple[QuerySet, list[int | None]]] = [(dated, [None])]
    if wanted_date:
        strategies.append((base, [None]))
    if len(parts) > 1:
        strategies.append((dated, list(range(len(parts)))))
        if wanted_date:
            strategies.append((base, list(range(len(parts)))))
    complete = True
    for queryset, left_outs in strategies:
        for left_out in left_outs:
            used = [part for index, part in enumerate(parts) if index != left_out]
            previous: list[list[str]] | None = None
            # Tiers keep the best persons within the cap; partial matches are few, one query will do.
            for worst in (EXACT, PHONETIC, FUZZY) if left_out is None else (FUZZY,):
                token_lists = [part.tokens(worst) for part in used]
                if token_lists != previous:
                    found = _fetch(queryset, token_lists, seen, cap - len(persons))
                    persons.extend(found)
                    seen.update(p.pk for p in found)
                previous = token_lists
        if persons:
            complete = left_outs == [None]
            break
    hits = []
    for person in persons:
        tokens = person.search_text.split()
        total = 0.0
        worst_kind = EXACT
        matched: list[str] = []
        all_parts = True
        for part in parts:
            best = max((part.scores[t] + (t,) for t in tokens if t in part.scores), default=None)
            if best is None:
                all_parts = False
                worst_kind = FUZZY
                continue
            total += best[0]
            worst_kind = max(worst_kind, best[1])
            matched.append(best[2])
        score = total / len(parts) - 0.001 * min(len(tokens), 20)
        date_match = birth_date_match(wanted_date, person.birth_date) if wanted_date else ""
        score += {"exact": 0.05, "compatible": 0.02}.get(date_match, 0.0)
        hits.append(SearchHit(person, round(score, 4), _KIND_NAMES[worst_kind], date_match,
                              complete and all_parts, tuple(matched)))
    return hits


def _file_number_hits(base: QuerySet, parsed: ParsedQuery) -> list[SearchHit]:
    """Exact file-number hits: the whole query (one word or containing digits) and each word with digits."""
    single_word = " " not in parsed.text
    candidates = ([parsed.text] if single_word or parsed.numbers else []) + parsed.numbers
    if not candidates:
        return []
    variants = {v for c in candidates for v in (c, c.upper(), c.lower())}
    persons = list(base.filter(file_number__in=variants))
    if not persons and single_word and any(c.isdigit() for c in parsed.text):
        # Mixed-case file numbers: iexact (index-backed on PostgreSQL with an Upper() index).
        persons = list(base.filter(file_number__iexact=parsed.text)[:5])
    return [SearchHit(p, 2.0, "file_number") for p in persons]


def search_persons(queryset: QuerySet, query: str, limit: int = 50) -> list[SearchHit]:
    """Find persons in ``queryset`` (already narrowed by the policy) for a free-text query, best first.

    The query may hold a file number (exact, case-insensitive), a birth date (TT.MM.JJJJ, 00 for unknown
    parts, MM.JJJJ or a year) and name words in any order, script and common spelling. Returns at most
    ``limit`` hits ranked file number > exact name > other spelling > typo, a fitting birth date ranking
    higher. Persons whose recorded birth date is unknown still match a query with a date.
    """
    parsed = parse_query(query)
    if parsed.is_empty or limit <= 0:
        return []
    cap = max(limit * 4, MIN_CANDIDATE_PERSONS)
    hits = _file_number_hits(queryset, parsed)
    if hits and (not parsed.name_words or " " not in parsed.text):
        return hits[:limit]
    if parsed.name_words:
        parts = _query_parts(parsed.name_words)
        if parts:
            _score_parts(parts, _vocabulary_candidates(parts))
            hits.extend(_name_hits(queryset, parts, parsed.birth_date, cap))
    elif parsed.birth_date is not None:
        found = queryset.filter(_birth_date_q(parsed.birth_date, include_unknown=False))
        for person in found.order_by("family_name", "given_names", "pk")[:cap]:
            date_match = birth_date_match(parsed.birth_date, person.birth_date)
            hits.append(SearchHit(person, 1.0 if date_match == "exact" else 0.8, "date", date_match))
    unique: dict[int, SearchHit] = {}
    for hit in hits:
        if hit.person.pk not in unique or unique[hit.person.pk].score < hit.score:
            unique[hit.person.pk] = hit
    ranked = sorted(unique.values(),
                    key=lambda h: (-h.score, h.person.display_name.casefold(), h.person.pk))
    return ranked[:limit]
