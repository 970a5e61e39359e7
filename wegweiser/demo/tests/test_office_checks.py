"""The office's knowledge in the demo data: deterministic, plausible, and without changing anything else."""

from __future__ import annotations

from collections import Counter
from datetime import date
from unittest import mock

from wegweiser.demo import office_checks
from wegweiser.demo.generator import DemoGenerator
from wegweiser.facts.models import (
    CheckedList,
    Conviction,
    ExpulsionInterest,
    ExpulsionOrder,
    ListCheck,
    Livelihood,
    RemovalObstruction,
)
from wegweiser.persons.models import RelationKind

TODAY = date(2025, 6, 30)
_OWN_ROWS = {CheckedList.CONVICTIONS: Conviction, CheckedList.EXPULSION_INTERESTS: ExpulsionInterest}


def _members(seed: int = 5, persons: int = 600):
    for plan in DemoGenerator(seed, persons, TODAY).households():
        yield from ((plan, m) for m in plan.members)


def _knowledge(seed: int = 5) -> list[tuple]:
    return [
        (m.person.file_number, type(f).__name__, getattr(f, "subject", ""), getattr(f, "checked_on", None),
         getattr(f, "source_date", None), getattr(f, "intentional", None), getattr(f, "exists", None))
        for _plan, m in _members(seed) for f in m.facts
    ]


def test_same_seed_gives_the_same_knowledge():
    assert _knowledge() == _knowledge()


def test_knowledge_leaves_the_rest_of_the_population_unchanged():
    def without_knowledge() -> list[tuple]:
        with mock.patch.object(office_checks, "add_knowledge"), mock.patch.object(office_checks, "family_checks"):
            return [row for row in _knowledge() if row[1] not in (
                "ListCheck", "ExpulsionOrder", "RemovalObstruction", "Commitment")]

    with_it = [row[:5] for row in _knowledge() if row[1] not in (
        "ListCheck", "ExpulsionOrder", "RemovalObstruction", "Commitment")]
    assert with_it == [row[:5] for row in without_knowledge()]


def test_checks_are_plausible():
    subjects: Counter = Counter()
    for plan, member in _members():
        kinds = {type(f) for f in member.facts}
        index = plan.members.index(member)
        spouse = any(k in (RelationKind.SPOUSE, RelationKind.PARTNER) and index in (a, b)
                     for a, b, k, *_ in plan.relations)
        for fact in member.facts:
            if not isinstance(fact, ListCheck):
                continue
            subjects[fact.subject] += 1
            assert fact.checked_on <= TODAY
            assert (TODAY - member.birth).days >= 18 * 365, "only adults are checked"
            assert _OWN_ROWS.get(fact.subject) not in kinds, "a check that found nothing beside a recorded row"
            assert not (fact.subject == CheckedList.SPOUSE and spouse)
    assert subjects[CheckedList.CONVICTIONS] > 100  # a register extract for most adults
    assert subjects[CheckedList.SPOUSE] > 0 and subjects[CheckedList.STAYS_ABROAD] > 0


def test_yes_no_answers_and_states_are_filled_where_the_office_knows_them():
    facts = [f for _plan, m in _members(5, 1500) for f in m.facts]
    convictions = [f for f in facts if isinstance(f, Conviction)]
    assert convictions and sum(c.intentional is not None for c in convictions) > len(convictions) / 2
    livelihoods = [f for f in facts if isinstance(f, Livelihood)]
    assert all(x.by_employment is False for x in livelihoods if x.secured == "not")
    assert any(isinstance(f, ExpulsionOrder) for f in facts) and any(isinstance(f, RemovalObstruction) for f in facts)
    for order in (f for f in facts if isinstance(f, ExpulsionOrder)):
        order.full_clean(exclude=["person", "recorded_by"])
