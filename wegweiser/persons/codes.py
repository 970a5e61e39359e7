"""Country and language codes of the case file, with display names in the user's language.

Codes are stored (ISO 3166-1 alpha-2 for nationalities, ISO 639 for languages) so that lists, the API and
statistics agree; names come from pycountry's own gettext catalogues for the active language, so a German
user reads "Syrien" and an English one "Syria" without us maintaining 250 names per language.
"""

from __future__ import annotations

import gettext
from functools import cache

import pycountry
from django.utils.translation import get_language
from django.utils.translation import gettext as _

#: Nationality markers besides ISO codes (also on the model as Nationality.STATELESS / UNCLEAR).
STATELESS = "XX"
UNCLEAR = "XU"
SPECIAL_NATIONALITIES = (STATELESS, UNCLEAR)

#: Countries that ISO 3166-1 does not list but German authorities record: Kosovo uses the user-assigned
#: code XK (as in EU and German practice, e.g. Schengen visas and the Ausländerzentralregister's lists).
KOSOVO = "XK"


def _extra_countries() -> dict[str, str]:
    return {KOSOVO: _("Kosovo")}

#: Languages without an ISO 639-1 code that immigration offices meet often; offered next to the 639-1 list.
EXTRA_LANGUAGES = (
    "prs",  # Dari
    "kmr",  # Kurmanji (Nordkurdisch)
    "ckb",  # Sorani (Zentralkurdisch)
    "sdh",  # Südkurdisch
    "apc",  # Levantinisches Arabisch
    "arz",  # Ägyptisches Arabisch
    "ary",  # Marokkanisches Arabisch
    "tig",  # Tigre
    "bal",  # Belutschi
    "haz",  # Hazaragi
    "rom",  # Romani
    "fuf",  # Pular
    "mnk",  # Mandinka
    "kri",  # Krio
    "pcm",  # Nigerianisches Pidgin
)


def _language() -> str:
    return (get_language() or "de").split("-")[0]


@cache
def _catalogue(domain: str, language: str) -> gettext.NullTranslations:
    try:
        return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return gettext.NullTranslations()


def _country_name(country, language: str) -> str:
    catalogue = _catalogue("iso3166-1", language)
    # The common name ("Syrien") reads better than the formal one ("Syrien, Arabische Republik").
    if common := getattr(country, "common_name", None):
        return catalogue.gettext(common)
    return catalogue.gettext(country.name)


def is_country(code: str) -> bool:
    """A current ISO 3166-1 alpha-2 code (upper case)."""
    if code == KOSOVO:
        return True
    return bool(code) and len(code) == 2 and pycountry.countries.get(alpha_2=code) is not None


def is_historic_country(code: str) -> bool:
    """An ISO 3166-3 alpha-4 code of a former country (birth countries such as the Soviet Union)."""
    return bool(code) and len(code) == 4 and pycountry.historic_countries.get(alpha_4=code) is not None


def country_name(code: str) -> str:
    """Display name of a country, historic country or nationality marker; the code itself if unknown."""
    if not code:
        return ""
    code = code.upper()
    if code == STATELESS:
        return _("staatenlos")
    if code == UNCLEAR:
        return _("ungeklärt")
    if code in _extra_countries():
        return _extra_countries()[code]
    language = _language()
    if len(code) == 2 and (country := pycountry.countries.get(alpha_2=code)):
        return _country_name(country, language)
    if len(code) == 4 and (historic := pycountry.historic_countries.get(alpha_4=code)):
        return _catalogue("iso3166-3", language).gettext(historic.name)
    return code


@cache
def _country_choices(language: str) -> tuple[tuple[str, str], ...]:
    pairs = [(c.alpha_2, _country_name(c, language)) for c in pycountry.countries]
    pairs += list(_extra_countries().items())
    return tuple(sorted(pairs, key=lambda p: p[1].casefold()))


@cache
def _historic_choices(language: str) -> tuple[tuple[str, str], ...]:
    catalogue = _catalogue("iso3166-3", language)
    pairs = [(h.alpha_4, catalogue.gettext(h.name)) for h in pycountry.historic_countries]
    return tuple(sorted(pairs, key=lambda p: p[1].casefold()))


def nationality_choices() -> list[tuple[str, str]]:
    """Stateless and unclear first (they are frequent and must be easy to find), then all countries."""
    return [(STATELESS, _("staatenlos")), (UNCLEAR, _("ungeklärt")), *_country_choices(_language())]


def birth_country_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Current countries and, in a second group, former ones (Sowjetunion, Jugoslawien, …)."""
    language = _language()
    return [
        (_("Staaten"), list(_country_choices(language))),
        (_("Ehemalige Staaten"), list(_historic_choices(language))),
    ]


def is_language(code: str) -> bool:
    """An ISO 639-1 (two letters) or ISO 639-3 (three letters) code known to pycountry (lower case)."""
    if not code or code != code.lower():
        return False
    if len(code) == 2:
        return pycountry.languages.get(alpha_2=code) is not None
    if len(code) == 3:
        return pycountry.languages.get(alpha_3=code) is not None
    return False


def language_name(code: str) -> str:
    if not code:
        return ""
    language = None
    if len(code) == 2:
        language = pycountry.languages.get(alpha_2=code.lower())
    elif len(code) == 3:
        language = pycountry.languages.get(alpha_3=code.lower())
    if language is None:
        return code
    return _catalogue("iso639-3", _language()).gettext(language.name)


@cache
def _language_choices(language: str) -> tuple[tuple[str, str], ...]:
    catalogue = _catalogue("iso639-3", language)
    pairs = [(lang.alpha_2, catalogue.gettext(lang.name)) for lang in pycountry.languages if hasattr(lang, "alpha_2")]
    for code in EXTRA_LANGUAGES:
        if lang := pycountry.languages.get(alpha_3=code):
            pairs.append((code, catalogue.gettext(lang.name)))
    return tuple(sorted(pairs, key=lambda p: p[1].casefold()))


def language_choices() -> list[tuple[str, str]]:
    """ISO 639-1 languages plus frequent ISO 639-3 ones (Dari, Kurmanji, Sorani, …), by display name."""
    return list(_language_choices(_language()))
