"""The fictional population of Kreis Beispielstadt, generated deterministically from a seed.

``DemoGenerator(seed, persons, today).households()`` yields households one after another as unsaved model
instances (persons, residence periods, entries, facts, ...), so that the writer can store them in batches
without holding 100 000 persons in memory. All randomness comes from one ``random.Random(seed)``; the same
seed, number of persons and reference date ("Stichtag", default today) give identical data. Nothing here
touches the database.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from anyascii import anyascii

from wegweiser.core.partial_dates import PartialDate
from wegweiser.persons import codes
from wegweiser.persons.models import Entry, Household, Person, RelationKind, Sex, StayAbroad

from . import integration_facts, office_checks, stories
from . import names as n
from .stories import YEAR, Story, add_years, days, weighted

#: Every demo file number starts with this; it is how ``--reset`` recognises demo persons.
FILE_NUMBER_PREFIX = "BSP-"
#: The note every demo file carries, so nobody mistakes it for a real case.
DEMO_NOTE = (
    "Fiktive Person – Demodaten des fiktiven Kreises Beispielstadt. Name, Daten und Geschichte sind "
    "zufällig erzeugt; Ähnlichkeiten mit realen Personen sind nicht beabsichtigt."
)
OTHER_NOTES = (
    "Dolmetschung für Vorsprachen erforderlich.",
    "Anschriftenänderung telefonisch mitgeteilt; Meldebescheinigung angefordert.",
    "Vorsprache zur Verlängerung vereinbart.",
    "Unterlagen zur Lebensunterhaltssicherung nachgefordert.",
    "Person wurde auf Beratungsangebote der Integrationslotsen hingewiesen.",
    "Schreiben kam als unzustellbar zurück.",
)

#: German names of the countries of origin (destination of stays abroad).
COUNTRY_NAMES = {
    "SY": "Syrien", "UA": "Ukraine", "TR": "Türkei", "AF": "Afghanistan", "IQ": "Irak", "RU": "Russland",
    "XK": "Kosovo", "IR": "Iran", "ER": "Eritrea", "VN": "Vietnam", "SO": "Somalia", "NG": "Nigeria",
    "GN": "Guinea", "RS": "Serbien", "AL": "Albanien", "GE": "Georgien", "XX": "Libanon", "XU": "Irak",
}
ENTRY_NOTES = {
    "protection": ("Einreise auf dem Landweg, Asylgesuch", "Einreise über den Flughafen, Asylgesuch", ""),
    "rejected": ("Einreise auf dem Landweg, Asylgesuch", "Einreise ohne Visum", ""),
    "minor": ("unbegleitet eingereist; Inobhutnahme durch das Jugendamt",),
    "ukraine": ("visumfreie Einreise mit biometrischem Pass", "Einreise ohne Pass, mit Inlandspass", ""),
    "labour": ("Einreise mit nationalem Visum",),
    "study": ("Einreise mit Visum zum Studium",),
    "long_term": ("",),
    "admission": ("Einreise mit Aufnahmezusage des Bundes",),
    "reunion": ("Einreise mit Visum zum Familiennachzug",),
}

#: Years before the reference date people of each pathway arrived: (from, to, weight) ranges.
_ARRIVAL_YEARS = {
    "protection": ((9.0, 10.4, 35), (6, 9, 15), (3, 6, 20), (0.3, 3, 30)),
    "minor": ((8.5, 10.3, 30), (3, 8.5, 30), (0.3, 3, 40)),
    "rejected": ((0.3, 3, 35), (3, 6, 30), (6, 10, 30), (10, 15, 5)),
    "ukraine": ((0.2, 1, 15), (1, 2.5, 25), (2.5, 3.6, 60)),
    "labour": ((0.3, 3, 40), (3, 7, 35), (7, 15, 25)),
    "study": ((0.3, 3, 50), (3, 8, 50)),
    "long_term": ((12, 25, 40), (25, 40, 40), (40, 52, 20)),
    "admission": ((0.3, 1.5, 30), (1.5, 4.2, 70)),
}
#: Age on arrival of the person a household's story starts with: (lowest, highest).
_ARRIVAL_AGE = {
    "protection": (18, 45), "minor": (14, 17), "rejected": (18, 42), "ukraine": (18, 70), "labour": (21, 45),
    "study": (19, 30), "long_term": (17, 35), "admission": (22, 50),
}
_CHILD_COUNTS = ((1, 25), (2, 30), (3, 22), (4, 12), (5, 7), (6, 4))
_SECOND_GIVEN_NAME = frozenset({"SY", "IQ", "XX", "XU", "AF", "IR", "TR", "NG", "GN"})


@dataclass
class MemberPlan:
    """One person of a household with everything that will be stored about them."""

    person: Person
    role: str  # "head", "spouse", "child"
    birth: date  # the true birth date (the file may record only part of it)
    entry: date | None  # None: born in Germany
    story: Story
    origin: n.Origin
    nationalities: list[str] = field(default_factory=list)
    languages: list[tuple[str, bool]] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    stays: list[StayAbroad] = field(default_factory=list)
    facts: list[Any] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    first_name: tuple[n.Name, int] | None = None  # for patronymic family names of the children

    @property
    def female(self) -> bool:
        return self.person.sex == Sex.FEMALE


@dataclass
class HouseholdPlan:
    household: Household | None
    team: str  # "1".."4" by family name, or "integration"
    members: list[MemberPlan]
    #: (index of person, index of relative, kind, has_custody, since)
    relations: list[tuple[int, int, str, bool | None, date | None]] = field(default_factory=list)


class DemoGenerator:
    """Yields the households of the demo population; see the module docstring."""

    _given_in_household: set[str]

    def __init__(self, seed: int, persons: int, today: date) -> None:
        if persons < 1:
            raise ValueError("persons must be at least 1")
        if persons > 900_000:
            raise ValueError("at most 900 000 demo persons (six-digit file numbers)")
        self.rng = random.Random(seed)
        self.today = today
        self.total = persons
        self._numbers = iter(self.rng.sample(range(100_000, 1_000_000), persons))
        # Kosovo has no ISO 3166 code yet; "XK" (used by the EU and on passports) once the case file takes it.
        self.kosovo = "XK" if codes.is_country("XK") else "RS"
        self._origins = [(origin, origin.weight) for origin in n.ORIGINS]
        self._given_in_household = set()

    # --- the population ----------------------------------------------------------------------------------

    def households(self) -> Iterator[HouseholdPlan]:
        remaining = self.total
        while remaining > 0:
            plan = self._household(remaining)
            remaining -= len(plan.members)
            yield plan

    def _household(self, room: int) -> HouseholdPlan:
        rng = self.rng
        self._given_in_household = set()
        origin: n.Origin = weighted(rng, self._origins)
        kind = weighted(rng, origin.households)
        if room < 2 and kind != "minor":
            kind = "single"
        pathway = "minor" if kind == "minor" else weighted(rng, origin.pathways)
        script = rng.random() < origin.original_share
        entry = self._arrival(pathway)
        head_female = self._head_female(kind, pathway)
        low, high = _ARRIVAL_AGE[pathway]
        if kind in ("couple", "family"):
            low = max(low, 21)
        age = rng.randint(low, max(low, high))
        birth = entry - days(age * YEAR + rng.randint(0, 364))
        story = self._story(pathway, entry, origin, age)
        family_name, spelling = self._family_name(origin)
        head = self._member(origin, "head", head_female, birth, entry, story, script, family_name, spelling)
        members = [head]
        relations: list[tuple[int, int, str, bool | None, date | None]] = []
        mother: MemberPlan | None = head if head_female else None
        father: MemberPlan | None = None if head_female else head
        arriving = head  # the parent children came with
        if kind in ("couple", "family") and room >= 2:
            spouse = self._spouse(origin, head, script, family_name, spelling)
            members.append(spouse)
            mother = spouse
            since = None
            if rng.random() < 0.5:
                since = min(self.today, add_years(spouse.birth, rng.randint(18, 26)))
            relation = RelationKind.PARTNER if rng.random() < 0.08 else RelationKind.SPOUSE
            relations.append((0, 1, relation, None, since))
            if spouse.entry and spouse.entry > entry:
                arriving = spouse
        if kind in ("family", "single_parent"):
            count = weighted(rng, _CHILD_COUNTS)
            for child_birth in self._child_births(count, mother, father, room - len(members)):
                child = self._child(origin, child_birth, arriving, script, family_name, spelling, father)
                if child is None:
                    continue
                index = len(members)
                members.append(child)
                minor = add_years(child_birth, 18) > self.today
                for parent in (mother, father):
                    if parent is None:
                        continue
                    custody: bool | None = None
                    if minor:
                        custody = weighted(rng, ((True, 90), (None, 7), (False, 3))) if parent is father else True
                    relations.append((members.index(parent), index, RelationKind.PARENT, custody, None))
        self._departures(members)
        household = self._household_record(kind, members)
        for member in members:
            self._finish(member, household)
        office_checks.family_checks(members, relations, self.today)
        return HouseholdPlan(household, self._team(head), members, relations)

    def _arrival(self, pathway: str) -> date:
        low, high, _weight = weighted(self.rng, [((a, b, w), w) for a, b, w in _ARRIVAL_YEARS[pathway]])
        return self.today - days(self.rng.uniform(low, high) * YEAR)

    def _head_female(self, kind: str, pathway: str) -> bool:
        rng = self.rng
        if kind in ("couple", "family"):
            return False
        if kind == "single_parent":
            return rng.random() < 0.85
        share = {"protection": 0.25, "rejected": 0.2, "minor": 0.1, "ukraine": 0.62}.get(pathway, 0.45)
        return rng.random() < share

    def _story(self, pathway: str, entry: date, origin: n.Origin, age: int) -> Story:
        rng, today = self.rng, self.today
        if pathway == "minor":
            pathway = "protection" if rng.random() < 0.6 else "rejected"
            story = self._story(pathway, entry, origin, age)
            story.flags["minor"] = True
            return story
        if pathway == "protection":
            return stories.protection(rng, today, entry, origin.key)
        if pathway == "rejected":
            unclear = {"NG": 0.45, "GN": 0.5, "XU": 0.6, "AF": 0.2, "SO": 0.35, "ER": 0.3}.get(origin.key, 0.12)
            return stories.rejected(rng, today, entry, origin.key, age, unclear)
        if pathway == "ukraine":
            return stories.ukraine(rng, today, entry, working_age=age < 60)
        if pathway == "labour":
            return stories.labour(rng, today, entry, origin.key)
        if pathway == "study":
            return stories.study(rng, today, entry)
        if pathway == "long_term":
            return stories.long_term(rng, today, entry, family=rng.random() < 0.5)
        return stories.admission(rng, today, entry)

    # --- family members ------------------------------------------------------------------------------------

    def _spouse(self, origin: n.Origin, head: MemberPlan, script: bool, family_name: n.Name,
                spelling: int) -> MemberPlan:
        rng, today = self.rng, self.today
        birth = head.birth + days(rng.randint(-2 * YEAR, 8 * YEAR))
        birth = min(birth, add_years(head.entry or today, -18))
        pathway = head.story.flags.get("pathway")
        start = head.story.periods[0].valid_from if head.story.periods else head.entry
        if pathway == "protection" and rng.random() < 0.35 and "title_since" in head.story.flags:
            entry = head.story.flags["title_since"] + days(rng.randint(120, 900))
            if entry < today - days(30):
                story = stories.reunion(rng, today, entry, head.story, spouse=True)
                return self._spouse_member(origin, head, script, family_name, spelling, birth, entry, story)
        if pathway == "labour" and rng.random() < 0.5:
            entry = (head.entry or today) + days(rng.randint(90, 700))
            if entry < today - days(30):
                story = stories.reunion(rng, today, entry, head.story, spouse=True)
                return self._spouse_member(origin, head, script, family_name, spelling, birth, entry, story)
        if pathway == "long_term" and rng.random() < 0.6:
            entry = (head.entry or today) + days(rng.randint(60, 5 * YEAR))
            if entry < today - days(30):
                story = stories.long_term(rng, today, entry, family=True)
                return self._spouse_member(origin, head, script, family_name, spelling, birth, entry, story)
        story = stories.dependant(rng, today, head.story, start or today, birth, child=False, born_here=False)
        return self._spouse_member(origin, head, script, family_name, spelling, birth, head.entry, story)

    def _spouse_member(self, origin: n.Origin, head: MemberPlan, script: bool, family_name: n.Name,
                       spelling: int, birth: date, entry: date | None, story: Story) -> MemberPlan:
        own_name, own_spelling = self._family_name(origin)
        if origin.wife_takes_name:
            member = self._member(origin, "spouse", True, birth, entry, story, script, family_name, spelling)
            maiden = own_name.form(True)
            member.person.birth_name = maiden.latin[min(own_spelling, len(maiden.latin) - 1)]
            return member
        return self._member(origin, "spouse", True, birth, entry, story, script, own_name, own_spelling)

    def _child_births(self, count: int, mother: MemberPlan | None, father: MemberPlan | None,
                      room: int) -> list[date]:
        """Birth dates of up to ``count`` children: parents at least 18 years older, children at most 25."""
        rng, today = self.rng, self.today
        parents = [p for p in (mother, father) if p is not None]
        low = max(add_years(p.birth, 18) for p in parents)
        low = max(low, add_years(today, -25))
        high = today - days(20)
        if mother is not None:
            high = min(high, add_years(mother.birth, 44))
        if father is not None:
            high = min(high, add_years(father.birth, 60))
        if low > high or room <= 0:
            return []
        births = sorted(low + days(rng.randint(0, (high - low).days)) for _ in range(min(count, room)))
        spaced: list[date] = []
        for birth in births:
            if not spaced or (birth - spaced[-1]).days >= 300 or rng.random() < 0.03:
                spaced.append(birth)
        return spaced

    def _child(self, origin: n.Origin, birth: date, parent: MemberPlan, script: bool, family_name: n.Name,
               spelling: int, father: MemberPlan | None) -> MemberPlan | None:
        rng, today = self.rng, self.today
        female = rng.random() < 0.49
        arrival = parent.entry
        if arrival is not None and birth < arrival:
            start = parent.story.periods[0].valid_from if parent.story.periods else arrival
            story = stories.dependant(rng, today, parent.story, start, birth, child=True, born_here=False)
            entry: date | None = arrival
            self._maybe_youth_permit(story, birth, arrival)
        else:
            last_day = max(((p.valid_until or today) for p in parent.story.periods), default=None)
            if last_day is None or birth > last_day:
                return None  # the parent had left Germany before this birth
            story = stories.born_here(rng, today, parent.story, birth)
            entry = None
        if rng.random() < 0.1:
            spelling = rng.randrange(len(family_name.latin))
        if origin.family is None:  # patronymic naming: the father's given name
            family_name, spelling = self._patronym(origin, father)
        return self._member(origin, "child", female, birth, entry, story, script, family_name, spelling)

    def _maybe_youth_permit(self, story: Story, birth: date, arrival: date) -> None:
        """Half of the tolerated teenagers who have been here three years get § 25a AufenthG."""
        day = max(add_years(birth, 14), add_years(arrival, 3))
        if day > self.today - days(30) or day >= add_years(birth, 27):
            return
        period = story.status_on(day)
        if period is not None and period.status == stories.DULDUNG and self.rng.random() < 0.5:
            stories.youth_permit(story, min(self.today, day + days(self.rng.randint(0, 200))))

    def _patronym(self, origin: n.Origin, father: MemberPlan | None) -> tuple[n.Name, int]:
        """Eritrean and Somali children carry their father's given name as family name."""
        if father is not None and father.first_name is not None:
            return father.first_name
        return self._family_name(origin)

    def _departures(self, members: list[MemberPlan]) -> None:
        """Rejected families who left: every member whose papers ended gets the stay abroad recorded."""
        head = members[0]
        left = head.story.flags.get("departed")
        if left is None:
            return
        left = min(left, self.today)
        destination = COUNTRY_NAMES.get(head.origin.key, "")
        reason = self.rng.choice(("freiwillige Ausreise (Grenzübertrittsbescheinigung liegt vor)", "Abschiebung",
                                  "Ausreise angezeigt; Bestätigung steht aus"))
        for member in members:
            ends = [p.valid_until for p in member.story.periods]
            if ends and None not in ends and max(ends) < left:  # type: ignore[type-var]
                member.stays.append(StayAbroad(left_on=left, returned_on=None, destination=destination,
                                               reason=reason))

    # --- one person --------------------------------------------------------------------------------------

    def _family_name(self, origin: n.Origin) -> tuple[n.Name, int]:
        rng = self.rng
        if origin.family is None:
            name = rng.choices(origin.male.names, origin.male.weights)[0]
            if origin.key == "SO" and rng.random() < 0.4:
                second = rng.choices(origin.male.names, origin.male.weights)[0]
                name = n.Name("", (f"{name.latin[0]} {second.latin[0]}",))
            return name, self._spelling(name)
        name = rng.choices(origin.family.names, origin.family.weights)[0]
        return name, self._spelling(name)

    def _spelling(self, name: n.Name) -> int:
        """Index of the Latin spelling a file uses: mostly the first, sometimes another."""
        if len(name.latin) == 1 or self.rng.random() < 0.7:
            return 0
        return self.rng.randrange(1, len(name.latin))

    def _given(self, origin: n.Origin, female: bool, script: bool) -> tuple[str, str, n.Name, int]:
        """(given names as in the passport, Latin transliteration or "", first name, its spelling).

        Within a household nobody gets a first name already given there (siblings are not namesakes).
        """
        rng = self.rng
        pool = origin.female if female else origin.male
        for _attempt in range(6):
            first = rng.choices(pool.names, pool.weights)[0]
            if first.latin[0] not in self._given_in_household:
                break
        self._given_in_household.add(first.latin[0])
        chosen = [first]
        if origin.key in _SECOND_GIVEN_NAME and rng.random() < 0.12:
            second = rng.choices(pool.names, pool.weights)[0]
            if second != first:
                chosen.append(second)
        spellings = [self._spelling(name) for name in chosen]
        latin = " ".join(name.latin[index] for name, index in zip(chosen, spellings, strict=True))
        if script and all(name.original for name in chosen):
            return " ".join(name.original for name in chosen), latin, chosen[0], spellings[0]
        return latin, "", chosen[0], spellings[0]

    def _member(self, origin: n.Origin, role: str, female: bool, birth: date, entry: date | None, story: Story,
                script: bool, family_name: n.Name, spelling: int) -> MemberPlan:
        rng = self.rng
        form = family_name.form(female)
        latin_family = form.latin[min(spelling, len(form.latin) - 1)]
        given, given_latin, first_name, first_spelling = self._given(origin, female, script)
        if script and form.original and given_latin:
            family, family_latin = form.original, latin_family
        else:
            family, family_latin = latin_family, ""
            if given_latin:
                given, given_latin = given_latin, ""
        sex = Sex.FEMALE if female else Sex.MALE
        draw = rng.random()
        if draw < 0.001:
            sex = Sex.UNSPECIFIED
        elif draw < 0.003:
            sex = ""
        born_here = entry is None
        person = Person(
            file_number=f"{FILE_NUMBER_PREFIX}{next(self._numbers)}",
            family_name=family,
            given_names=given,
            family_name_latin=family_latin,
            given_names_latin=given_latin,
            birth_date=self._birth_record(birth, origin, born_here),
            sex=sex,
        )
        self._birth_place(person, origin, birth, born_here)
        member = MemberPlan(person, role, birth, entry, story, origin)
        member.first_name = (first_name, first_spelling)
        return member

    def _birth_record(self, birth: date, origin: n.Origin, born_here: bool) -> PartialDate:
        """What the file records: passports of some countries give only the year, or 01.01."""
        if born_here:
            return PartialDate.from_date(birth)
        draw = self.rng.random()
        if draw < origin.year_only_birth:
            return PartialDate(birth.year)
        draw -= origin.year_only_birth
        if draw < origin.month_only_birth:
            return PartialDate(birth.year, birth.month)
        draw -= origin.month_only_birth
        if draw < origin.first_of_january:
            return PartialDate(birth.year, 1, 1)
        return PartialDate.from_date(birth)

    def _birth_place(self, person: Person, origin: n.Origin, birth: date, born_here: bool) -> None:
        """Birth country (the nationality, a neighbouring country, or a former state) and a place in it."""
        rng = self.rng
        if born_here:
            person.birth_place, person.birth_country = "Beispielstadt", "DE"
            return
        nationality = self._nationality(origin)
        country = nationality
        alternatives = origin.birth_countries
        if nationality in codes.SPECIAL_NATIONALITIES:
            country = weighted(rng, alternatives) if alternatives else ""
        elif alternatives and rng.random() < sum(w for _c, w in alternatives):
            country = weighted(rng, alternatives)
        places = origin.birth_places if country in (nationality, origin.nationality, "") else (
            n.BY_KEY[country].birth_places if country in n.BY_KEY else n.OTHER_BIRTH_PLACES.get(country, ()))
        person.birth_place = rng.choice(places) if places and rng.random() < 0.9 else ""
        if birth.year < 1992 and origin.soviet_born and country == nationality and rng.random() < 0.5:
            country = "SUHH"
        elif birth.year < 1992 and origin.yugoslav_born and country == nationality and rng.random() < 0.5:
            country = "YUCS"
        elif country == "XK" and not codes.is_country("XK"):
            country = "RS" if birth.year >= 1992 else "YUCS"
        person.birth_country = country

    def _nationality(self, origin: n.Origin) -> str:
        return self.kosovo if origin.nationality == "XK" else origin.nationality

    # --- household, contact data, facts --------------------------------------------------------------------

    def _household_record(self, kind: str, members: list[MemberPlan]) -> Household | None:
        rng = self.rng
        head = members[0]
        if kind == "single" and rng.random() < 0.3:
            return None
        current = head.story.current()
        if head.story.flags.get("minor") and add_years(head.birth, 18) > self.today:
            address = "Jugendhilfeeinrichtung Haus am Beispielbach\nBachweg 5\n00120 Musterdorf"
        elif current is not None and current.status == stories.GESTATTUNG and rng.random() < 0.7:
            address = rng.choice(n.SHARED_ACCOMMODATION)
        else:
            address = self._street_address()
        return Household(address=address)

    def _street_address(self) -> str:
        rng = self.rng
        postcode, town, _weight = weighted(rng, [((p, t, w), w) for p, t, w in n.TOWNS])
        number = f"{rng.randint(1, 120)}{rng.choice(('', '', '', '', 'a', 'b'))}"
        return f"{rng.choice(n.STREETS)} {number}\n{postcode} {town}"

    def _finish(self, member: MemberPlan, household: Household | None) -> None:
        """Nationality, languages, contact data, entries, integration facts and notes of one person."""
        rng, today = self.rng, self.today
        person, origin = member.person, member.origin
        nationality = self._nationality(origin)
        member.nationalities = [nationality]
        if nationality == "XK" and rng.random() < 0.1:
            member.nationalities.append("AL")
        elif nationality == "RS" and rng.random() < 0.05:
            member.nationalities.append("BA")
        age = (today - member.birth).days // YEAR
        native = weighted(rng, origin.native)
        member.languages = [(native, True)]
        for other in origin.other_languages:
            if rng.random() < 0.25 and other != native:
                member.languages.append((other, False))
        if member.entry is None or (today - member.entry).days > 3 * YEAR or age < 12:
            if "de" not in {code for code, _native in member.languages} and rng.random() < 0.6:
                member.languages.append(("de", member.entry is None and rng.random() < 0.3))
        if age >= 16 and rng.random() < 0.2 and member.story.flags.get("pathway") in ("long_term", "labour", "study"):
            person.letter_language = "de"
        elif rng.random() < 0.92:
            person.letter_language = origin.letter_language
        person.address = household.address if household is not None else self._street_address()
        if age >= 16:
            if rng.random() < 0.45:
                person.phone = f"{rng.choice(n.DRAMA_NUMBER_BLOCKS)} {rng.randint(0, 999):03d}"
            if rng.random() < (0.3 if age < 40 else 0.12):
                person.email = self._email(person)
        if member.entry is not None:
            note = rng.choice(ENTRY_NOTES.get(member.story.flags.get("pathway", ""), ("",)))
            if member.story.flags.get("minor"):
                note = ENTRY_NOTES["minor"][0]
            member.entries.append(Entry(date=member.entry, is_first_entry=True, note=note))
            self._stay_abroad(member)
        member.facts = integration_facts.facts_for(self, member, age)
        member.notes = [DEMO_NOTE]
        if rng.random() < 0.05:
            member.notes.append(rng.choice(OTHER_NOTES))

    def _email(self, person: Person) -> str:
        given = anyascii(person.given_names_latin or person.given_names).split(" ")[0]
        family = anyascii(person.family_name_latin or person.family_name)
        local = ".".join(
            "".join(c for c in part.lower() if c.isalnum()) for part in (given, family)
        ).strip(".")
        if self.rng.random() < 0.5:
            local += str(self.rng.randint(1, 99))
        return f"{local or 'kontakt'}@example.org"

    def _stay_abroad(self, member: MemberPlan) -> None:
        """A longer stay in the country of origin, now and then, with the return recorded as an entry."""
        rng, today = self.rng, self.today
        pathway = member.story.flags.get("pathway")
        chance = {"long_term": 0.1, "ukraine": 0.15, "labour": 0.06, "protection": 0.02}.get(pathway or "", 0.0)
        if member.entry is None or rng.random() >= chance:
            return
        earliest = member.entry + days(YEAR)
        latest = today - days(120)
        if earliest >= latest:
            return
        left = earliest + days(rng.randint(0, (latest - earliest).days))
        back = min(left + days(rng.randint(21, 330)), today - days(1))
        reason = rng.choice(("Besuch der Familie", "Pflege eines Angehörigen", "Beerdigung eines Angehörigen",
                             "Erbschaftsangelegenheit", ""))
        member.stays.append(StayAbroad(left_on=left, returned_on=back,
                                       destination=COUNTRY_NAMES.get(member.origin.key, ""), reason=reason))
        member.entries.append(Entry(date=back, is_first_entry=False, note="Wiedereinreise"))

    def _team(self, head: MemberPlan) -> str:
        """Files are split by family name; Bleiberecht cases go to the integration team."""
        for period in head.story.periods[-3:]:
            if period.legal_basis.startswith(stories.BLEIBERECHT_BASES):
                return "integration"
        name = anyascii(head.person.family_name_latin or head.person.family_name).upper()
        letter = next((c for c in name if c.isalpha()), "A")
        if letter <= "E":
            return "1"
        if letter <= "K":
            return "2"
        if letter <= "R":
            return "3"
        return "4"

    # --- helpers for the facts module -----------------------------------------------------------------------

    def between(self, start: date, end: date) -> date:
        """A random day from ``start`` to ``end`` (``start`` if the range is empty)."""
        if end <= start:
            return start
        return start + timedelta(days=self.rng.randint(0, (end - start).days))
