"""Residence histories of the demo population: how people came and which papers they held since.

Each pathway (asylum with protection, asylum rejected and tolerated, temporary protection for people from
Ukraine, labour migration, study, long-settled families, humanitarian admission) is written as a story that
appends status periods one after another from the entry date up to the reference date ("Stichtag").
Periods never overlap; between two titles there is sometimes a Fiktionsbescheinigung and, rarely, a gap
(an extension applied for too late). Family members' histories are derived from the person they came
with (family asylum, family reunification, children born in Germany), so a household stays coherent.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from wegweiser.persons.models import DuldungKind, ResidenceStatus

AE = ResidenceStatus.AUFENTHALTSERLAUBNIS
NE = ResidenceStatus.NIEDERLASSUNGSERLAUBNIS
DA_EU = ResidenceStatus.DAUERAUFENTHALT_EU
VISA = ResidenceStatus.VISUM
GESTATTUNG = ResidenceStatus.AUFENTHALTSGESTATTUNG
DULDUNG = ResidenceStatus.DULDUNG
FIKTION = ResidenceStatus.FIKTIONSBESCHEINIGUNG
NO_STATUS = ResidenceStatus.NONE

YEAR = 365
#: Legal bases that mark a "Bleiberecht" case; such households go to the integration team.
BLEIBERECHT_BASES = ("§ 25a", "§ 25b", "§ 104c", "§ 60c", "§ 60d", "§ 16g", "§ 19d")

_DULDUNG_BASIS = {
    DuldungKind.GENERAL.value: "§ 60a Abs. 2 S. 1 AufenthG",
    DuldungKind.UNCLEAR_IDENTITY.value: "§ 60b AufenthG",
    DuldungKind.AUSBILDUNG.value: "§ 60c AufenthG",
    DuldungKind.BESCHAEFTIGUNG.value: "§ 60d AufenthG",
}
_EAT_ALPHABET = "0123456789CFGHJKLMNPRTVWXYZ"  # characters used on electronic residence permits

PROTECTION_KINDS = {
    # kind: (legal basis, first period in days, renewal in days)
    "flight": ("§ 25 Abs. 2 S. 1 Alt. 1 AufenthG", 3 * YEAR, 3 * YEAR),
    "asylum": ("§ 25 Abs. 1 AufenthG", 3 * YEAR, 3 * YEAR),
    "subsidiary": ("§ 25 Abs. 2 S. 1 Alt. 2 AufenthG", YEAR, 2 * YEAR),
    "ban": ("§ 25 Abs. 3 AufenthG", YEAR, 2 * YEAR),
}
_PROTECTION_BY_ORIGIN = {
    "SY": (("flight", 50), ("subsidiary", 45), ("ban", 5)),
    "AF": (("flight", 45), ("subsidiary", 10), ("ban", 45)),
    "ER": (("flight", 80), ("subsidiary", 15), ("ban", 5)),
    "IQ": (("flight", 50), ("subsidiary", 20), ("ban", 30)),
    "IR": (("flight", 75), ("asylum", 5), ("subsidiary", 5), ("ban", 15)),
    "SO": (("flight", 40), ("subsidiary", 40), ("ban", 20)),
    "XX": (("flight", 70), ("subsidiary", 25), ("ban", 5)),
    "TR": (("flight", 70), ("asylum", 15), ("ban", 15)),
    "RU": (("flight", 70), ("subsidiary", 10), ("ban", 20)),
}
_DEFAULT_PROTECTION = (("flight", 60), ("subsidiary", 25), ("ban", 15))

_LABOUR_BASES = {
    "XK": (("§ 19c Abs. 1 AufenthG i. V. m. § 26 Abs. 2 BeschV", 50), ("§ 18a AufenthG", 30), ("§ 16a AufenthG", 20)),
    "RS": (("§ 19c Abs. 1 AufenthG i. V. m. § 26 Abs. 2 BeschV", 50), ("§ 18a AufenthG", 30), ("§ 16a AufenthG", 20)),
    "AL": (("§ 19c Abs. 1 AufenthG i. V. m. § 26 Abs. 2 BeschV", 50), ("§ 18a AufenthG", 30), ("§ 16a AufenthG", 20)),
    "VN": (("§ 16a AufenthG", 40), ("§ 18a AufenthG", 40), ("§ 18b AufenthG", 20)),
    "TR": (("§ 18a AufenthG", 30), ("§ 18b AufenthG", 30), ("§ 18g AufenthG", 20), ("§ 19c Abs. 1 AufenthG", 20)),
    "GE": (("§ 16a AufenthG", 30), ("§ 18a AufenthG", 40), ("§ 19c Abs. 1 AufenthG", 30)),
}
_DEFAULT_LABOUR = (("§ 18a AufenthG", 35), ("§ 18b AufenthG", 40), ("§ 18g AufenthG", 25))

_REJECTED_OUTCOMES = (
    ("stay", 34), ("training", 10), ("employment", 8), ("chance", 15), ("b25", 7), ("a25", 6), ("p25_5", 5),
    ("none", 3), ("departed", 7), ("b16g", 2), ("d19", 3),
)


def weighted(rng: random.Random, pairs: tuple[tuple[Any, float], ...] | list[tuple[Any, float]]) -> Any:
    """One value from (value, weight) pairs."""
    values = [value for value, _weight in pairs]
    weights = [weight for _value, weight in pairs]
    return rng.choices(values, weights)[0]


def days(n: float) -> timedelta:
    return timedelta(days=int(n))


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass
class Period:
    """A planned residence period (turned into a ResidencePeriod when written)."""

    status: str
    legal_basis: str
    duldung_kind: str
    valid_from: date
    valid_until: date | None
    note: str = ""
    document_number: str = ""

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


@dataclass
class Story:
    """A person's residence history in the making, plus what it implies for their integration facts."""

    rng: random.Random
    today: date
    cursor: date
    periods: list[Period] = field(default_factory=list)
    flags: dict[str, Any] = field(default_factory=dict)

    @property
    def running(self) -> bool:
        return self.cursor <= self.today

    def add(self, status: str, length: float, basis: str = "", duldung: str = "", note: str = "",
            open_end: bool = False, until: date | None = None) -> bool:
        """Append a period starting at the cursor; True while the story goes on (it ended before today)."""
        start = self.cursor
        if open_end:
            end = None
        elif until is not None:
            end = max(until, start)
        else:
            end = start + days(max(1, length) - 1)
        self.periods.append(Period(status, basis, duldung, start, end, note, self._document_number(status)))
        if end is None:
            self.cursor = date.max
            return False
        self.cursor = end + timedelta(days=1)
        return self.cursor <= self.today

    def duldung(self, kind: str, length: float, note: str = "") -> bool:
        return self.add(DULDUNG, length, _DULDUNG_BASIS[str(kind)], str(kind), note)

    def pause(self, length: int) -> None:
        """A gap in the history (e.g. an extension applied for after the old title had expired)."""
        self.cursor += days(length)

    def between_titles(self) -> bool:
        """Sometimes a Fiktionsbescheinigung (§ 81 Abs. 4) bridges the extension; rarely there is a gap."""
        draw = self.rng.random()
        if draw < 0.22:
            return self.add(FIKTION, self.rng.randint(30, 150), "§ 81 Abs. 4 AufenthG",
                            note="Verlängerung rechtzeitig beantragt")
        if draw < 0.25:
            self.pause(self.rng.randint(10, 120))
        return self.running

    def chunks(self, status: str, total: int, basis: str, low: int = 90, high: int = 183, duldung: str = "") -> bool:
        """Short papers one after another (Gestattung, Duldung) covering about ``total`` days."""
        end = self.cursor + days(total)
        while self.cursor < end:
            length = min(self.rng.randint(low, high), max(1, (end - self.cursor).days))
            if not self.add(status, length, basis, duldung):
                return False
        return self.running

    def _document_number(self, status: str) -> str:
        rng = self.rng
        if status in (AE, NE, DA_EU) and rng.random() < 0.85:
            return "Y" + "".join(rng.choice(_EAT_ALPHABET) for _ in range(8))
        if status == FIKTION and rng.random() < 0.8:
            return f"F{rng.randint(0, 9_999_999):07d}"
        if status == VISA and rng.random() < 0.6:
            return f"D{rng.randint(0, 99_999_999):08d}"
        return ""

    def current(self) -> Period | None:
        return next((p for p in reversed(self.periods) if p.covers(self.today)), None)

    def status_on(self, day: date) -> Period | None:
        return next((p for p in reversed(self.periods) if p.covers(day)), None)


# --- pathways --------------------------------------------------------------------------------------------


def protection(rng: random.Random, today: date, entry: date, origin: str) -> Story:
    """Asylum procedure, then protection (refugee, subsidiary, deportation ban), later often settlement."""
    story = Story(rng, today, entry + days(rng.randint(0, 20)))
    story.flags["pathway"] = "protection"
    if not story.chunks(GESTATTUNG, rng.randint(100, 800), "§ 55 AsylG"):
        return story
    kind = weighted(rng, _PROTECTION_BY_ORIGIN.get(origin, _DEFAULT_PROTECTION))
    basis, first, renewal = PROTECTION_KINDS[kind]
    story.flags["protection"] = kind
    story.flags["title_since"] = story.cursor
    note = "Wohnsitzregelung nach § 12a AufenthG: Kreis Beispielstadt" if rng.random() < 0.4 else ""
    if not story.add(AE, first, basis, note=note):
        return story
    settles = rng.random() < 0.6
    settle_after = rng.randint(3, 6) * YEAR if kind in ("flight", "asylum") else rng.randint(5, 8) * YEAR
    ne_basis = "§ 26 Abs. 3 AufenthG" if kind in ("flight", "asylum") else "§ 26 Abs. 4 AufenthG"
    for _round in range(12):
        if not story.between_titles():
            return story
        if settles and (story.cursor - entry).days >= settle_after:
            story.flags["settled"] = story.cursor
            story.add(NE, 0, ne_basis, open_end=True)
            return story
        if not story.add(AE, renewal + rng.randint(-30, 30), basis):
            return story
    return story


def rejected(rng: random.Random, today: date, entry: date, origin: str, age_at_entry: int,
             unclear_identity: float) -> Story:
    """Asylum rejected: Duldung for years, then a way out (training, employment, § 104c, § 25b …) or not."""
    story = Story(rng, today, entry + days(rng.randint(0, 30)))
    story.flags["pathway"] = "rejected"
    if not story.chunks(GESTATTUNG, rng.randint(150, 1100), "§ 55 AsylG"):
        return story
    unclear = rng.random() < unclear_identity
    story.flags["identity_unclear"] = unclear
    outcomes = [(o, w) for o, w in _REJECTED_OUTCOMES if o != "a25" or age_at_entry < 21]
    outcome = weighted(rng, outcomes)
    if outcome == "chance" and entry > today - days(4 * YEAR):
        outcome = "stay"  # § 104c needs years of toleration before 31.10.2022
    story.flags["outcome"] = outcome
    target = {
        "stay": today + days(YEAR),
        "training": story.cursor + days(rng.randint(1 * YEAR, 3 * YEAR)),
        "employment": story.cursor + days(rng.randint(int(1.5 * YEAR), 4 * YEAR)),
        "chance": max(story.cursor, today - days(rng.randint(120, 1000))),
        "b25": story.cursor + days(rng.randint(4 * YEAR, 8 * YEAR)),
        "a25": story.cursor + days(rng.randint(2 * YEAR, 4 * YEAR)),
        "p25_5": story.cursor + days(rng.randint(2 * YEAR, 6 * YEAR)),
        "none": story.cursor + days(rng.randint(1 * YEAR, 4 * YEAR)),
        "departed": today - days(rng.randint(60, 1500)),
        "b16g": story.cursor + days(rng.randint(1 * YEAR, 2 * YEAR)),
        "d19": story.cursor + days(rng.randint(2 * YEAR, 4 * YEAR)),
    }[outcome]
    duldung_from = story.cursor
    story.flags["duldung_since"] = duldung_from
    while story.cursor < target:
        kind = DuldungKind.GENERAL
        if unclear and rng.random() < 0.7 and (story.cursor - duldung_from).days > 180:
            kind = DuldungKind.UNCLEAR_IDENTITY
        note = "Erwerbstätigkeit nicht gestattet" if kind == DuldungKind.UNCLEAR_IDENTITY else ""
        length = rng.randint(30, 92) if rng.random() < 0.2 else rng.randint(90, 183)
        if not story.duldung(kind, length, note):
            return story
    if outcome in ("stay", "departed"):
        if outcome == "departed":
            story.flags["departed"] = story.cursor + days(rng.randint(0, 40))
        return story
    if outcome == "training":
        story.flags["training"] = story.cursor
        if story.cursor >= today - days(int(1.5 * YEAR)) and rng.random() < 0.5:
            ok = story.add(AE, 3 * YEAR, "§ 16g AufenthG")
        else:
            ok = story.duldung(DuldungKind.AUSBILDUNG, 3 * YEAR, "Ausbildung als Pflegefachkraft oder Handwerk")
        if ok:
            story.flags["qualified"] = story.cursor
            _renewals(story, "§ 19d Abs. 1a AufenthG", 2 * YEAR, settle=("§ 18c Abs. 1 AufenthG", 4 * YEAR))
    elif outcome == "employment":
        story.flags["employment"] = story.cursor
        if story.duldung(DuldungKind.BESCHAEFTIGUNG, 30 * 30):
            _renewals(story, "§ 25b Abs. 6 AufenthG", 2 * YEAR)
    elif outcome == "chance":
        story.flags["chance"] = story.cursor
        if story.add(AE, 548, "§ 104c AufenthG"):
            follow = weighted(rng, (("b25", 65), ("a25", 20 if age_at_entry < 21 else 0), ("back", 15)))
            if follow == "back":
                _tolerated(story, 3 * YEAR)
            else:
                basis = "§ 25b Abs. 1 AufenthG" if follow == "b25" else "§ 25a Abs. 1 AufenthG"
                _renewals(story, basis, 2 * YEAR)
    elif outcome == "b25":
        _renewals(story, "§ 25b Abs. 1 AufenthG", 2 * YEAR, settle=("§ 26 Abs. 4 AufenthG", 6 * YEAR))
    elif outcome == "a25":
        _renewals(story, "§ 25a Abs. 1 AufenthG", 3 * YEAR)
    elif outcome == "p25_5":
        _renewals(story, "§ 25 Abs. 5 AufenthG", YEAR)
    elif outcome == "b16g":
        story.flags["training"] = story.cursor
        story.add(AE, 3 * YEAR, "§ 16g AufenthG")
    elif outcome == "d19":
        story.flags["qualified"] = story.cursor
        story.flags["employment"] = story.cursor
        _renewals(story, "§ 19d Abs. 1 Nr. 1 AufenthG", 2 * YEAR)
    elif outcome == "none":
        if story.add(NO_STATUS, rng.randint(30, 400), note="vollziehbar ausreisepflichtig; keine Duldung erteilt"):
            if rng.random() < 0.5:
                _tolerated(story, 2 * YEAR)
    return story


def _tolerated(story: Story, total: int) -> None:
    """Duldungen (§ 60a) one after another for about ``total`` days."""
    end = story.cursor + days(total)
    while story.cursor < end and story.duldung(DuldungKind.GENERAL, story.rng.randint(90, 183)):
        pass


def _renewals(story: Story, basis: str, length: int, settle: tuple[str, int] | None = None) -> None:
    """A residence permit renewed until today; with ``settle`` maybe a settlement permit after some years."""
    start = story.cursor
    rng = story.rng
    if not story.add(AE, length + rng.randint(-20, 20), basis):
        return
    for _round in range(12):
        if not story.between_titles():
            return
        if settle and (story.cursor - start).days >= settle[1] and rng.random() < 0.5:
            story.flags["settled"] = story.cursor
            story.add(NE, 0, settle[0], open_end=True)
            return
        if not story.add(AE, length + rng.randint(-20, 20), basis):
            return


def ukraine(rng: random.Random, today: date, entry: date, working_age: bool) -> Story:
    """Temporary protection (§ 24 AufenthG) after a Fiktionsbescheinigung; a few change to work or training."""
    story = Story(rng, today, entry + days(rng.randint(0, 25)))
    story.flags["pathway"] = "ukraine"
    if not story.add(FIKTION, rng.randint(30, 150), "§ 81 Abs. 3 AufenthG",
                     note="Antrag auf Aufenthaltserlaubnis nach § 24 AufenthG"):
        return story
    story.flags["title_since"] = story.cursor
    if not story.add(AE, rng.randint(YEAR, 2 * YEAR), "§ 24 AufenthG"):
        return story
    if working_age and rng.random() < 0.12:
        basis = weighted(rng, (("§ 18a AufenthG", 40), ("§ 19c Abs. 1 AufenthG", 35), ("§ 16a AufenthG", 25)))
        if basis == "§ 16a AufenthG":
            story.flags["training"] = story.cursor
        else:
            story.flags["employment"] = story.cursor
        _renewals(story, basis, 2 * YEAR)
        return story
    for _round in range(6):
        if not story.between_titles():
            return story
        if not story.add(AE, rng.randint(YEAR, 2 * YEAR), "§ 24 AufenthG"):
            return story
    return story


def labour(rng: random.Random, today: date, entry: date, origin: str) -> Story:
    """National visa, then a residence permit for work or training, later a settlement permit."""
    story = Story(rng, today, entry)
    story.flags["pathway"] = "labour"
    if not story.add(VISA, rng.randint(60, 120), "§ 6 Abs. 3 AufenthG", note="nationales Visum"):
        return story
    basis = weighted(rng, _LABOUR_BASES.get(origin, _DEFAULT_LABOUR))
    if basis == "§ 16a AufenthG":
        story.flags["training"] = story.cursor
        if not story.add(AE, 3 * YEAR, basis):
            return story
        story.flags["qualified"] = story.cursor
        basis = "§ 18a AufenthG"
    story.flags["employment"] = story.cursor
    length = 4 * YEAR if basis in ("§ 18a AufenthG", "§ 18b AufenthG", "§ 18g AufenthG") else 2 * YEAR
    _renewals(story, basis, length, settle=("§ 18c Abs. 1 AufenthG", 3 * YEAR))
    return story


def study(rng: random.Random, today: date, entry: date) -> Story:
    """Visa, studies (§ 16b), job search after graduation (§ 20), skilled work (§ 18b), settlement."""
    story = Story(rng, today, entry)
    story.flags["pathway"] = "study"
    if not story.add(VISA, rng.randint(60, 120), "§ 6 Abs. 3 AufenthG", note="Visum zum Studium"):
        return story
    story.flags["student"] = story.cursor
    end_of_studies = story.cursor + days(rng.randint(3 * YEAR, 6 * YEAR))
    while story.cursor < end_of_studies:
        if not story.add(AE, 2 * YEAR, "§ 16b Abs. 1 AufenthG"):
            return story
        if not story.between_titles():
            return story
    story.flags["graduated"] = story.cursor
    if rng.random() < 0.6 and not story.add(AE, 548, "§ 20 Abs. 3 Nr. 1 AufenthG",
                                            note="Suche eines Arbeitsplatzes nach dem Studium"):
        return story
    story.flags["employment"] = story.cursor
    _renewals(story, "§ 18b AufenthG", 4 * YEAR, settle=("§ 18c Abs. 1 AufenthG", 2 * YEAR))
    return story


def long_term(rng: random.Random, today: date, entry: date, family: bool) -> Story:
    """Settled long ago (guest-worker families, former contract workers): a few permits, then permanent."""
    story = Story(rng, today, entry)
    story.flags["pathway"] = "long_term"
    for _round in range(rng.randint(1, 3)):
        start = story.cursor
        if start < date(1991, 1, 1):
            basis = "AuslG 1965"
        elif start < date(2005, 1, 1):
            basis = "§ 17 AuslG (Familiennachzug)" if family else "§ 10 AuslG (Beschäftigung)"
        else:
            basis = "§ 30 AufenthG" if family else "§ 18 AufenthG"
        if not story.add(AE, rng.randint(1, 3) * YEAR, basis):
            return story
    start = story.cursor
    if start < date(2005, 1, 1):
        basis = "§ 101 Abs. 1 AufenthG"
        note = "vor 2005 unbefristete Aufenthaltserlaubnis nach dem AuslG; gilt als Niederlassungserlaubnis fort"
    else:
        basis, note = "§ 9 AufenthG", ""
    story.flags["settled"] = start
    if rng.random() < 0.15 and start + days(6 * YEAR) < today:
        if story.add(NE, rng.randint(5 * YEAR, 15 * YEAR), basis, note=note):
            story.add(DA_EU, 0, "§ 9a AufenthG", open_end=True)
        return story
    story.add(NE, 0, basis, note=note, open_end=True)
    return story


def admission(rng: random.Random, today: date, entry: date) -> Story:
    """Humanitarian admission from abroad (local staff, federal programme): § 22 / § 23 Abs. 2 AufenthG."""
    story = Story(rng, today, entry)
    story.flags["pathway"] = "admission"
    basis = "§ 22 S. 2 AufenthG" if rng.random() < 0.6 else "§ 23 Abs. 2 AufenthG"
    story.flags["title_since"] = story.cursor
    _renewals(story, basis, 3 * YEAR, settle=("§ 26 Abs. 4 AufenthG", 5 * YEAR))
    return story


def reunion(rng: random.Random, today: date, entry: date, sponsor: Story, spouse: bool) -> Story:
    """Family reunification to a sponsor already here: visa, then § 30 / § 32 / § 36a AufenthG."""
    story = Story(rng, today, entry)
    story.flags["pathway"] = "reunion"
    if not story.add(VISA, rng.randint(60, 100), "§ 6 Abs. 3 AufenthG", note="Visum zum Familiennachzug"):
        return story
    subsidiary = sponsor.flags.get("protection") == "subsidiary"
    if subsidiary:
        basis = "§ 36a Abs. 1 AufenthG"
    else:
        basis = "§ 30 Abs. 1 AufenthG" if spouse else "§ 32 AufenthG"
    _renewals(story, basis, 2 * YEAR, settle=("§ 9 AufenthG", 5 * YEAR) if spouse else None)
    return story


# --- dependants --------------------------------------------------------------------------------------------

_SPOUSE_BASES = {
    "§ 25b Abs. 1 AufenthG": "§ 25b Abs. 4 AufenthG",
    "§ 25a Abs. 1 AufenthG": "§ 25a Abs. 2 AufenthG",
    "§ 19d Abs. 1a AufenthG": "§ 30 Abs. 1 AufenthG",
    "§ 19d Abs. 1 Nr. 1 AufenthG": "§ 30 Abs. 1 AufenthG",
    "§ 16g AufenthG": "",  # the family of a § 16g trainee stays tolerated
    "§ 16a AufenthG": "§ 30 Abs. 1 AufenthG",
    "§ 16b Abs. 1 AufenthG": "§ 30 Abs. 1 AufenthG",
    "§ 18a AufenthG": "§ 30 Abs. 1 AufenthG",
    "§ 18b AufenthG": "§ 30 Abs. 1 AufenthG",
    "§ 18g AufenthG": "§ 30 Abs. 1 AufenthG",
    "§ 18 AufenthG": "§ 30 AufenthG",
    "§ 19c Abs. 1 AufenthG": "§ 30 Abs. 1 AufenthG",
    "§ 19c Abs. 1 AufenthG i. V. m. § 26 Abs. 2 BeschV": "§ 30 Abs. 1 AufenthG",
    "§ 20 Abs. 3 Nr. 1 AufenthG": "§ 30 Abs. 1 AufenthG",
    "§ 25b Abs. 6 AufenthG": "§ 25b Abs. 6 AufenthG",
    "§ 10 AuslG (Beschäftigung)": "§ 17 AuslG (Familiennachzug)",
    "§ 18c Abs. 1 AufenthG": "§ 9 AufenthG",
}


def _child_basis(basis: str, born_here: bool, first_title: bool) -> str:
    if basis.startswith("§ 25 Abs.") or basis in ("§ 24 AufenthG", "§ 104c AufenthG", "§ 22 S. 2 AufenthG",
                                                   "§ 23 Abs. 2 AufenthG", "§ 25 Abs. 5 AufenthG"):
        return basis
    if basis.startswith("§ 25b"):
        return "§ 25b Abs. 4 AufenthG"
    if basis.startswith("§ 25a"):
        return "§ 25a Abs. 2 AufenthG"
    if basis.startswith("§ 36a"):
        return basis
    if "AuslG" in basis:
        return "§ 21 AuslG (Kindernachzug)"
    if born_here:
        return "§ 33 AufenthG" if first_title else "§ 34 Abs. 1 AufenthG"
    return "§ 32 AufenthG"


def dependant(rng: random.Random, today: date, parent: Story, start: date, birth: date, child: bool,
              born_here: bool) -> Story:
    """The history of a spouse or child who came with ``parent`` (or was born here on ``start``).

    Family members share the parent's papers in time (family asylum, the Beschäftigungsduldung covering
    spouse and children); legal bases change where the law gives the family its own ground (§ 30, § 32,
    § 33, § 25b Abs. 4). Children get a settlement permit only from 16 (§ 35), permits before.
    """
    story = Story(rng, today, start)
    story.flags["pathway"] = parent.flags.get("pathway", "")
    if "protection" in parent.flags:
        story.flags["protection"] = parent.flags["protection"]
    sixteen = add_years(birth, 16)
    first_title = True
    for period in parent.periods:
        if period.valid_until is not None and period.valid_until < start:
            continue
        begin = max(period.valid_from, start)
        if begin > today:
            break
        status, basis, kind = period.status, period.legal_basis, period.duldung_kind
        if status == DULDUNG:
            if kind == DuldungKind.AUSBILDUNG or (child and kind == DuldungKind.UNCLEAR_IDENTITY):
                kind = DuldungKind.GENERAL.value
            basis = _DULDUNG_BASIS[str(kind)]
        elif status == AE:
            mapped = _child_basis(basis, born_here, first_title) if child else _SPOUSE_BASES.get(basis, basis)
            first_title = False
            if not mapped:  # family of a § 16g trainee: tolerated
                status, kind = DULDUNG, DuldungKind.GENERAL.value
                basis = _DULDUNG_BASIS[kind]
            else:
                basis = mapped
        elif status in (NE, DA_EU) and child and begin < sixteen:
            _child_permits(story, begin, period.valid_until, sixteen, born_here)
            continue
        elif status in (NE, DA_EU) and child:
            status, basis = NE, "§ 35 AufenthG"
        elif status in (NE, DA_EU):
            basis = _SPOUSE_BASES.get(basis, basis)
        story.cursor = begin
        story.add(status, 0, basis, kind, period.note, open_end=period.valid_until is None,
                  until=period.valid_until)
    return story


def _child_permits(story: Story, begin: date, until: date | None, sixteen: date, born_here: bool) -> None:
    """Permits of up to five years for a child whose parent is settled, then § 35 AufenthG from 16."""
    story.cursor = begin
    basis = "§ 34 Abs. 1 AufenthG" if born_here else "§ 32 AufenthG"
    last_day = sixteen - timedelta(days=1) if until is None else min(until, sixteen - timedelta(days=1))
    while story.cursor <= last_day and story.cursor <= story.today:
        end = min(story.cursor + days(5 * YEAR - 1), last_day)
        story.add(AE, 0, basis, until=end)
    if story.cursor == sixteen and sixteen <= story.today and (until is None or sixteen <= until):
        story.add(NE, 0, "§ 35 AufenthG", until=until, open_end=until is None)


def youth_permit(story: Story, day: date) -> None:
    """A tolerated young person who went to school here gets § 25a AufenthG from ``day`` (history cut there)."""
    kept = []
    for period in story.periods:
        if period.valid_from >= day:
            break
        if period.valid_until is None or period.valid_until >= day:
            period.valid_until = day - timedelta(days=1)
        kept.append(period)
    story.periods = kept
    story.cursor = day
    story.flags["youth_permit"] = day
    _renewals(story, "§ 25a Abs. 1 AufenthG", 3 * YEAR)


def born_here(rng: random.Random, today: date, parent: Story, birth: date) -> Story:
    """A child born in Germany: its history starts at birth with the parent's kind of status."""
    story = dependant(rng, today, parent, birth, birth, child=True, born_here=True)
    story.flags["born_here"] = True
    if not story.periods:
        # The parent's history has a gap on the day of birth: the child's own permit (§ 33) fills it.
        story.cursor = birth
        _renewals(story, "§ 33 AufenthG", 2 * YEAR)
    return story
