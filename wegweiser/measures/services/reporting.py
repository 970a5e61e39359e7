"""Reporting for the council and the ABK: aggregate figures (STATISTICS_VIEW, e.g. the Auswertung role) and a
per-plan list for case roles (MEASURE_VIEW on every person of a plan).

Plans count in a period by the start of their window (plans without a window by their creation date).
"Blocked by rule" reads the outcomes stored at each plan's last change, so old plans are not re-judged with
today's data.

Departures (``models.Departure``) count by the day of departure, one per person and departure; withdrawn
records do not count. Voluntary departures are split by kind (self-organised, with a return programme); "after
counselling" means a final counselling protocol of type "freiwillige_ausreise" held on or before the day of
departure (the same day counts). Removals carried out are the removal departures the execution log records
when a plan is completed. Plans cancelled for voluntary departure are still counted separately (by plan, as
before), since a plan may have been cancelled before any departure was recorded.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.db.models import Min, Q
from django.utils import timezone

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record

from ..models import (
    VOLUNTARY_KINDS,
    CancelReason,
    Departure,
    DepartureKind,
    EventKind,
    ExecutionEvent,
    MeasurePlan,
    PlanStatus,
)
from .common import PURPOSE
from .facts import VOLUNTARY_DEPARTURE_TYPE, counselled_ids


@dataclass
class MeasureSummary:
    date_from: date
    date_to: date
    planned: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    blocked_by_rule: dict[str, int] = field(default_factory=dict)
    #: Plans that were interrupted at least once by a medical emergency.
    interrupted: int = 0
    aborted: int = 0
    completed: int = 0
    cancelled: int = 0
    #: Plans cancelled for voluntary departure (by plan), and of those the ones after counselling.
    voluntary_departures: int = 0
    voluntary_departures_after_counselling: int = 0
    #: Recorded departures in the period (by person and day of departure).
    departures_voluntary: int = 0  # self-organised
    departures_assisted: int = 0  # with a return programme
    departures_after_counselling: int = 0  # of both voluntary kinds
    removals: int = 0

    @property
    def departures_voluntary_total(self) -> int:
        return self.departures_voluntary + self.departures_assisted


def _plans(date_from: date, date_to: date) -> Any:
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(date_from, time.min), tz)
    end = timezone.make_aware(datetime.combine(date_to, time.max), tz)
    return MeasurePlan.objects.filter(Q(window_start__range=(start, end))
                                      | Q(window_start__isnull=True, created_at__range=(start, end)))


def summary(user: Any, *, date_from: date, date_to: date) -> MeasureSummary:
    """Aggregate figures only: no names, no file numbers."""
    policy.require(user, Action.STATISTICS_VIEW)
    plans = list(_plans(date_from, date_to).prefetch_related("plan_persons"))
    result = MeasureSummary(date_from=date_from, date_to=date_to, planned=len(plans))
    statuses = Counter(p.status for p in plans)
    result.by_status = {s: statuses.get(s, 0) for s in PlanStatus.values}
    result.aborted, result.completed = statuses[PlanStatus.ABORTED], statuses[PlanStatus.COMPLETED]
    result.cancelled = statuses[PlanStatus.CANCELLED]
    blocked: Counter[str] = Counter()
    for p in plans:
        for rule_id, outcome in (p.evaluation or {}).items():
            if outcome == "blocked":
                blocked[rule_id] += 1
    result.blocked_by_rule = dict(sorted(blocked.items()))
    ids = [p.pk for p in plans]
    result.interrupted = ExecutionEvent.objects.filter(plan_id__in=ids, kind=EventKind.MEDICAL_EMERGENCY) \
        .values("plan_id").distinct().count()
    departures = ExecutionEvent.objects.filter(plan_id__in=ids, kind=EventKind.CANCELLED,
                                               cancel_reason=CancelReason.VOLUNTARY_DEPARTURE)
    result.voluntary_departures = departures.count()
    by_plan = {p.pk: p for p in plans}
    for event in departures:
        person_ids = {pp.person_id for pp in by_plan[event.plan_id].plan_persons.all()}
        if counselled_ids(person_ids, before=timezone.localtime(event.at).date()):
            result.voluntary_departures_after_counselling += 1
    _count_departures(result, date_from, date_to)
    record(actor=user, action=AuditAction.VIEW, purpose=PURPOSE, object_type="measures.summary", details={
        "page": "measure_summary", "from": date_from.isoformat(), "to": date_to.isoformat()})
    return result


def first_counselling(person_ids: set[int]) -> dict[int, date]:
    """The day of each person's first final counselling protocol on voluntary departure."""
    from wegweiser.counselling.models import Protocol
    from wegweiser.counselling.models.protocol import ProtocolStatus

    rows = (Protocol.objects.filter(person_id__in=person_ids, status=ProtocolStatus.FINAL,
                                    counselling_type__key=VOLUNTARY_DEPARTURE_TYPE)
            .values("person_id").annotate(first=Min("held_on")))
    return {r["person_id"]: r["first"] for r in rows}


def _count_departures(result: MeasureSummary, date_from: date, date_to: date) -> None:
    rows = list(Departure.objects.filter(withdrawn_at__isnull=True, departed_on__range=(date_from, date_to))
                .values_list("person_id", "kind", "departed_on"))
    kinds = Counter(kind for _person, kind, _on in rows)
    result.departures_voluntary = kinds[DepartureKind.VOLUNTARY]
    result.departures_assisted = kinds[DepartureKind.ASSISTED]
    result.removals = kinds[DepartureKind.REMOVAL]
    voluntary = [(person_id, on) for person_id, kind, on in rows if kind in VOLUNTARY_KINDS]
    first = first_counselling({person_id for person_id, _on in voluntary})
    result.departures_after_counselling = sum(1 for person_id, on in voluntary
                                              if person_id in first and first[person_id] <= on)


@dataclass
class PlanRow:
    plan: MeasurePlan
    persons: list[Any]
    blocked_rules: list[str]
    interrupted: bool


def plan_list(user: Any, *, date_from: date, date_to: date) -> list[PlanRow]:
    """The plans of the period whose every affected person the user may see (MEASURE_VIEW); audited per person."""
    policy.require(user, Action.MEASURE_VIEW)
    rows = []
    plans = _plans(date_from, date_to).prefetch_related("plan_persons__person", "events")
    for plan in plans.order_by("window_start", "pk"):
        persons = [pp.person for pp in plan.plan_persons.all()]
        if not all(policy.may(user, Action.MEASURE_VIEW, p) for p in persons):
            continue
        rows.append(PlanRow(plan=plan, persons=persons,
                            blocked_rules=[r for r, o in (plan.evaluation or {}).items() if o == "blocked"],
                            interrupted=any(e.kind == EventKind.MEDICAL_EMERGENCY for e in plan.events.all())))
        for p in persons:
            record(actor=user, action=AuditAction.VIEW, purpose=PURPOSE, person=p, obj=plan,
                   details={"page": "measure_list"})
    return rows
