"""The generator alone (no database): determinism and the plausibility of what it plans."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from wegweiser.core.partial_dates import PartialDate
from wegweiser.demo import names
from wegweiser.demo.generator import FILE_NUMBER_PREFIX, DemoGenerator
from wegweiser.demo.stories import add_years
from wegweiser.persons.models import RelationKind, ResidenceStatus

TODAY = date(2025, 6, 30)


def snapshot(seed: int, persons: int, today: date = TODAY) -> list[tuple]:
    rows = []
    for plan in DemoGenerator(seed, persons, today).households():
        for member in plan.members:
            p = member.person
            rows.append((
                p.file_number, p.family_name, p.given_names, p.family_name_latin, p.given_names_latin,
                str(p.birth_date), p.sex, tuple(member.nationalities),
                tuple((q.status, q.legal_basis, q.valid_from, q.valid_until) for q in member.story.periods),
                tuple(sorted(type(f).__name__ for f in member.facts)),
            ))
    return rows


def test_same_seed_gives_identical_data():
    assert snapshot(11, 400) == snapshot(11, 400)


def test_other_seed_gives_other_data():
    first, second = snapshot(11, 300), snapshot(12, 300)
    assert [row[0] for row in first] != [row[0] for row in second]
    assert [row[1:3] for row in first] != [row[1:3] for row in second]


def test_exact_number_of_persons_with_unique_file_numbers():
    rows = snapshot(5, 777)
    assert len(rows) == 777
    numbers = [row[0] for row in rows]
    assert len(set(numbers)) == 777
    assert all(number.startswith(FILE_NUMBER_PREFIX) for number in numbers)


def test_rejects_impossible_sizes():
    with pytest.raises(ValueError):
        DemoGenerator(1, 0, TODAY)
    with pytest.raises(ValueError):
        DemoGenerator(1, 900_001, TODAY)


@pytest.fixture(scope="module")
def plans():
    return list(DemoGenerator(3, 3000, TODAY).households())


def test_periods_never_overlap_and_start_no_later_than_today(plans):
    for plan in plans:
        for member in plan.members:
            periods = member.story.periods
            assert periods, member.person.file_number
            assert periods[0].valid_from <= TODAY
            for earlier, later in zip(periods, periods[1:], strict=False):
                assert earlier.valid_until is not None, member.person.file_number
                assert later.valid_from > earlier.valid_until, member.person.file_number
            for period in periods:
                assert period.valid_until is None or period.valid_until >= period.valid_from
                assert (period.status == ResidenceStatus.DULDUNG) == bool(period.duldung_kind)


def test_children_are_at_least_sixteen_years_younger_than_their_parents(plans):
    checked = 0
    for plan in plans:
        for parent_index, child_index, kind, custody, _since in plan.relations:
            if kind != RelationKind.PARENT:
                assert custody is None
                continue
            parent, child = plan.members[parent_index].person, plan.members[child_index].person
            assert isinstance(parent.birth_date, PartialDate) and isinstance(child.birth_date, PartialDate)
            assert child.birth_date.earliest() >= add_years(parent.birth_date.latest(), 16)
            checked += 1
    assert checked > 300


def test_entries_lie_between_birth_and_first_status(plans):
    for plan in plans:
        for member in plan.members:
            first = [e for e in member.entries if e.is_first_entry]
            if member.entry is None:
                assert not first and member.person.birth_country == "DE"
                continue
            assert len(first) == 1
            assert member.birth <= first[0].date <= member.story.periods[0].valid_from
            assert all(e.date >= first[0].date for e in member.entries)


def test_realistic_mix(plans):
    members = [m for plan in plans for m in plan.members]
    nationalities = Counter(m.nationalities[0] for m in members)
    assert {"SY", "UA", "AF", "TR", "IQ", "ER", "XX", "XU"} <= set(nationalities)
    assert nationalities.most_common(1)[0][0] in ("SY", "UA")
    births = [m.person.birth_date for m in members]
    assert any(b.month == 0 for b in births), "some birth dates are 00.00.YYYY"
    assert any(b.month and not b.day for b in births), "some birth dates are 00.MM.YYYY"
    scripts = {m.person.family_name for m in members if m.person.family_name_latin}
    assert any("\u0600" <= c <= "\u06ff" for name in scripts for c in name), "Arabic or Persian script"
    assert any("\u0400" <= c <= "\u04ff" for name in scripts for c in name), "Cyrillic script"
    assert any("\u1200" <= c <= "\u137f" for name in scripts for c in name), "Ge'ez script"
    assert any("\u10a0" <= c <= "\u10ff" for name in scripts for c in name), "Georgian script"
    statuses = Counter(p.status for m in members for p in m.story.periods)
    for status in (ResidenceStatus.AUFENTHALTSGESTATTUNG, ResidenceStatus.DULDUNG, ResidenceStatus.AUFENTHALTSERLAUBNIS,
                   ResidenceStatus.NIEDERLASSUNGSERLAUBNIS, ResidenceStatus.FIKTIONSBESCHEINIGUNG):
        assert statuses[status] > 0, status
    kinds = Counter(p.duldung_kind for m in members for p in m.story.periods)
    assert kinds["60b"] and kinds["60c"] and kinds["60d"]
    bases = {p.legal_basis for m in members for p in m.story.periods}
    for basis in ("§ 25 Abs. 2 S. 1 Alt. 1 AufenthG", "§ 25a Abs. 1 AufenthG", "§ 25b Abs. 1 AufenthG",
                  "§ 104c AufenthG", "§ 24 AufenthG", "§ 18a AufenthG"):
        assert basis in bases, basis
    soon = [m for m in members if (c := m.story.current()) and c.valid_until
            and c.valid_until - TODAY <= timedelta(days=60)]
    assert len(soon) > 30, "some titles expire soon"
    gaps = sum(1 for m in members for a, b in zip(m.story.periods, m.story.periods[1:], strict=False)
               if (b.valid_from - a.valid_until).days > 1)
    assert gaps > 5, "a few histories have gaps"


def test_many_facts_stay_unknown(plans):
    members = [m for plan in plans for m in plan.members]
    without_language = [m for m in members if not any(type(f).__name__ == "LanguageCertificate" for f in m.facts)]
    assert len(without_language) > len(members) / 3
    courses = [f for m in members for f in m.facts if type(f).__name__ == "IntegrationCourse"]
    assert any(f.obliged is None for f in courses)


def test_name_lists_parse():
    for origin in names.ORIGINS:
        for pool in (origin.male, origin.female, origin.family):
            if pool is None:
                continue
            assert pool.names and len(pool.names) == len(pool.weights)
            for name in pool.names:
                assert name.latin and all(name.latin)
                if origin.original_share:
                    assert name.original, (origin.key, name)
