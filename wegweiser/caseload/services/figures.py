"""The dashboard figures. Each block is one or two aggregate queries over the scope's persons.

Goals "due" and "overdue" are those still being worked on (vereinbart, in Arbeit): a goal already judged
"nicht erreicht" is an outcome, not a deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth

from wegweiser.goals.models import GoalStatus, StatusChange, Zielvereinbarung
from wegweiser.persons.models import Person

from .period import Period

#: Goals due within this many days count as "due soon".
DUE_WITHIN_DAYS = 30
RUNNING = (GoalStatus.AGREED, GoalStatus.IN_PROGRESS)


@dataclass(frozen=True)
class PersonFigures:
    total: int
    accompanied: int


@dataclass(frozen=True)
class GoalFigures:
    running: int
    due_soon: int
    overdue: int
    achieved: int  # in the period
    missed: int  # judged "nicht erreicht" in the period
    achieved_by_month: list[tuple[date, int]]


def person_figures(persons: QuerySet[Person]) -> PersonFigures:
    result = persons.aggregate(total=Count("pk"), accompanied=Count("pk", filter=Q(lotse__isnull=False)))
    return PersonFigures(total=result["total"], accompanied=result["accompanied"])


def goal_figures(persons: QuerySet[Person], period: Period, today: date) -> GoalFigures:
    goals = Zielvereinbarung.objects.filter(person__in=persons)
    start, end = period.aware_bounds()
    in_period = Q(achieved_at__gte=start, achieved_at__lt=end)
    result = goals.aggregate(
        running=Count("pk", filter=Q(status__in=RUNNING)),
        due_soon=Count("pk", filter=Q(status__in=RUNNING, due_date__gte=today,
                                      due_date__lte=today + timedelta(days=DUE_WITHIN_DAYS))),
        overdue=Count("pk", filter=Q(status__in=RUNNING, due_date__lt=today)),
        achieved=Count("pk", filter=Q(in_period, status=GoalStatus.ACHIEVED)),
    )
    missed = (StatusChange.objects.filter(goal__in=goals, to_status=GoalStatus.MISSED, at__gte=start, at__lt=end)
              .values("goal").distinct().count())
    per_month = dict(
        goals.filter(in_period, status=GoalStatus.ACHIEVED)
        .annotate(month=TruncMonth("achieved_at")).values("month").annotate(n=Count("pk")).values_list("month", "n")
        .order_by()
    )
    by_month = {(m.date() if hasattr(m, "date") else m): n for m, n in per_month.items()}
    return GoalFigures(
        running=result["running"], due_soon=result["due_soon"], overdue=result["overdue"],
        achieved=result["achieved"], missed=missed,
        achieved_by_month=[(month, by_month.get(month, 0)) for month in period.months],
    )
