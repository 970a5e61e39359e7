"""The office's figures per Lotse/Lotsin, for the Teamleitung: two grouped queries, no loop over persons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet

from wegweiser.goals.models import GoalStatus, Zielvereinbarung
from wegweiser.persons.models import Person

from .figures import DUE_WITHIN_DAYS, RUNNING
from .period import Period


@dataclass(frozen=True)
class LotseRow:
    lotse: Any  # a User, or None for persons without a Lotse/Lotsin
    persons: int
    due_soon: int
    overdue: int
    achieved: int


def rows_by_lotse(persons: QuerySet[Person], period: Period, today: date) -> list[LotseRow]:
    counts = dict(persons.values("lotse").annotate(n=Count("pk")).values_list("lotse", "n").order_by())
    start, end = period.aware_bounds()
    goals = {
        row["person__lotse"]: row
        for row in Zielvereinbarung.objects.filter(person__in=persons).values("person__lotse").annotate(
            due_soon=Count("pk", filter=Q(status__in=RUNNING, due_date__gte=today,
                                          due_date__lte=today + timedelta(days=DUE_WITHIN_DAYS))),
            overdue=Count("pk", filter=Q(status__in=RUNNING, due_date__lt=today)),
            achieved=Count("pk", filter=Q(status=GoalStatus.ACHIEVED, achieved_at__gte=start, achieved_at__lt=end)),
        ).order_by()
    }
    users = get_user_model().objects.in_bulk([pk for pk in counts if pk is not None])
    rows = []
    for pk, n in counts.items():
        g = goals.get(pk, {})
        rows.append(LotseRow(lotse=users.get(pk) if pk is not None else None, persons=n,
                             due_soon=g.get("due_soon", 0), overdue=g.get("overdue", 0), achieved=g.get("achieved", 0)))
    rows.sort(key=lambda r: (r.lotse is None, (r.lotse.get_full_name() or r.lotse.username) if r.lotse else ""))
    return rows
