"""Transitions from Duldung or Aufenthaltsgestattung into a residence permit, per month and pathway.

A transition is a permit period (Aufenthaltserlaubnis, Niederlassungserlaubnis) whose preceding period —
Fiktionsbescheinigungen skipped, they only bridge an application — was a Duldung or Aufenthaltsgestattung.
It counts in the month the permit starts, once per person and month (only the person's first permit
period of that month is looked at), under the pathway of the permit's legal basis. Counting is done in SQL,
grouped by month and the recorded legal-basis text; only the few distinct texts are normalised in Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import TruncMonth

from wegweiser.persons.models import Person, ResidencePeriod, ResidenceStatus
from wegweiser.persons.services.situation import normalise_legal_basis
from wegweiser.rules.pathways import PATHWAYS

from .period import Period

PERMITS = (ResidenceStatus.AUFENTHALTSERLAUBNIS, ResidenceStatus.NIEDERLASSUNGSERLAUBNIS)
FROM_STATUSES = (ResidenceStatus.DULDUNG, ResidenceStatus.AUFENTHALTSGESTATTUNG)
#: Key of permits whose legal basis is not recorded or cannot be read.
UNKNOWN = "unknown"


def pathway_key(legal_basis: str) -> str:
    """The engine's pathway id the legal basis belongs to, else the normalised basis, else UNKNOWN."""
    basis = normalise_legal_basis(legal_basis)
    if basis is None:
        return UNKNOWN
    for pathway_id in PATHWAYS:
        if basis == pathway_id or basis.startswith(pathway_id + "_"):
            return pathway_id
    return basis


@dataclass
class Transitions:
    months: list[date]
    #: {month: {pathway key: count}}
    counts: dict[date, dict[str, int]] = field(default_factory=dict)

    def month_total(self, month: date) -> int:
        return sum(self.counts.get(month, {}).values())

    @property
    def total(self) -> int:
        return sum(self.month_total(m) for m in self.months)

    def by_pathway(self) -> list[tuple[str, int]]:
        """Pathway keys with their total over the period, largest first (then by key, for a stable order)."""
        totals: dict[str, int] = defaultdict(int)
        for per_month in self.counts.values():
            for key, n in per_month.items():
                totals[key] += n
        return sorted(totals.items(), key=lambda item: (-item[1], item[0]))


def _transition_periods(persons: QuerySet[Person], period: Period) -> QuerySet[ResidencePeriod]:
    previous_status = (
        ResidencePeriod.objects.filter(person=OuterRef("person"), valid_from__lt=OuterRef("valid_from"))
        .exclude(status=ResidenceStatus.FIKTIONSBESCHEINIGUNG)
        .order_by("-valid_from", "-pk").values("status")[:1]
    )
    earlier_permit_same_month = ResidencePeriod.objects.filter(
        Q(valid_from__lt=OuterRef("valid_from")) | Q(valid_from=OuterRef("valid_from"), pk__lt=OuterRef("pk")),
        person=OuterRef("person"), status__in=PERMITS, valid_from__gte=OuterRef("month"),
    )
    return (
        ResidencePeriod.objects.filter(
            person__in=persons, status__in=PERMITS, valid_from__gte=period.first, valid_from__lt=period.end_exclusive
        )
        .annotate(month=TruncMonth("valid_from"), previous=Subquery(previous_status))
        .filter(previous__in=FROM_STATUSES)
        .exclude(Exists(earlier_permit_same_month))
    )


def transitions(persons: QuerySet[Person], period: Period) -> Transitions:
    rows = (
        _transition_periods(persons, period).values("month", "legal_basis").annotate(n=Count("pk"))
        .values_list("month", "legal_basis", "n").order_by()
    )
    result = Transitions(months=period.months)
    keys: dict[str, str] = {}
    for month, legal_basis, n in rows:
        key = keys.setdefault(legal_basis, pathway_key(legal_basis))
        per_month = result.counts.setdefault(month, {})
        per_month[key] = per_month.get(key, 0) + n
    return result
