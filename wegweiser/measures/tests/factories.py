"""Samples for tests and for the UI engineer: a family, a plan, an approvable plan, a plan on the day.

``family(team)`` -> Family (two spouses, a 10-year-old and a 17-year-old child, one household);
``draft_plan(planner, persons, **values)``; ``approvable_plan(planner, family)`` -> a draft that a second
person with MEASURE_APPROVE can approve (counselled, perspective reason, safe window and place);
``approved_plan(planner, lead, family)`` and ``started_plan(...)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from wegweiser.persons.models import FamilyRelation, Household, Person, RelationKind

from ..models import EventKind, MeasurePlan, PlaceKind
from ..services import execution, plans


@dataclass
class Family:
    father: Person
    mother: Person
    child: Person  # 10 years old
    teen: Person  # 17 years old

    @property
    def all(self) -> list[Person]:
        return [self.father, self.mother, self.child, self.teen]


def born_years_ago(years: int, *, on: date | None = None, days: int = 0) -> date:
    on = on or timezone.localdate()
    try:
        born = on.replace(year=on.year - years)
    except ValueError:
        born = date(on.year - years, 2, 28)
    return born + timedelta(days=days)


def person(team: Any, file_number: str, given: str, birth: date | None, household: Household | None = None,
           family_name: str = "Haddad") -> Person:
    from wegweiser.core.partial_dates import PartialDate

    return Person.objects.create(file_number=file_number, family_name=family_name, given_names=given, team=team,
                                 birth_date=PartialDate.from_date(birth) if birth else None, household=household)


def family(team: Any, *, prefix: str = "AZ-M") -> Family:
    home = Household.objects.create(address="Bahnhofstraße 1, 59423 Unna")
    father = person(team, f"{prefix}-1", "Rami", born_years_ago(40), home)
    mother = person(team, f"{prefix}-2", "Lina", born_years_ago(36), home)
    kid = person(team, f"{prefix}-3", "Sami", born_years_ago(10), home)
    teen = person(team, f"{prefix}-4", "Nour", born_years_ago(17, days=-100), home)
    FamilyRelation.objects.create(person=father, relative=mother, kind=RelationKind.SPOUSE)
    for parent in (father, mother):
        for c in (kid, teen):
            FamilyRelation.objects.create(person=parent, relative=c, kind=RelationKind.PARENT, has_custody=True)
    return Family(father, mother, kid, teen)


def window(days_ahead: int = 7, start: time = time(8), end: time = time(12)) -> dict[str, datetime]:
    day = timezone.localdate() + timedelta(days=days_ahead)
    tz = timezone.get_current_timezone()
    return {"window_start": datetime.combine(day, start, tz), "window_end": datetime.combine(day, end, tz)}


def draft_plan(planner: Any, persons: list[Person], **values: Any) -> MeasurePlan:
    return plans.create_plan(planner, persons, {**window(), "place_kind": PlaceKind.HOME,
                                                "place_text": "Bahnhofstraße 1", **values})


def counsel(user: Any, persons: list[Person]) -> None:
    """A final protocol on voluntary departure for each person (needs the default counselling concept)."""
    from wegweiser.counselling.tests.samples import final

    for p in persons:
        final(user, p, "freiwillige_ausreise")


def approvable_plan(planner: Any, fam: Family, **values: Any) -> MeasurePlan:
    counsel(planner, fam.all)
    plan = draft_plan(planner, fam.all, perspective_reason="Keine tragfähige Perspektive: geprüft mit der Person.",
                      **values)
    plan, _checks = plans.run_before_check(planner, plan, expected_version=plan.version)
    return plan


def approved_plan(planner: Any, lead: Any, fam: Family, **values: Any) -> MeasurePlan:
    plan = approvable_plan(planner, fam, **values)
    return plans.approve(lead, plan, expected_version=plan.version)


def started_plan(planner: Any, lead: Any, fam: Family) -> MeasurePlan:
    plan = approved_plan(planner, lead, fam)
    return execution.record_event(planner, plan, EventKind.STARTED).plan
