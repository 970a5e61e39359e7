"""The day itself: the append-only execution log. The model moves the plan with each event (and refuses what
the state machine does not allow); this service checks the policy, the persons named, and audits.

Starting re-checks the safeguards on today's file: if a rule blocks now (e.g. a family relation was recorded
after the approval) the plan goes back to draft instead of starting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wegweiser.accounts.policy import Action
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record

from ..models import (
    CancelReason,
    Departure,
    DepartureEvidence,
    DepartureKind,
    EventKind,
    ExecutionEvent,
    MeasurePlan,
    PlanStatus,
)
from .common import PURPOSE, persons_of, require_all
from .facts import evaluate_plan

#: Shown FIRST on the screen after a life-threatening condition (seed 004: "insbesondere Erste Hilfe und Notruf 112").
RESCUE_CHAIN = (
    gettext_lazy("Erste Hilfe leisten – sofort, durch die Anwesenden."),
    gettext_lazy("Notruf 112 absetzen (Rettungsdienst, ggf. Notärztin/Notarzt)."),
    gettext_lazy("Die Maßnahme ist endgültig abgebrochen und wird nicht fortgesetzt."),
)
#: Examples of life-threatening conditions named in seed 004 (for the form's help text).
LIFE_THREATENING_EXAMPLES = (
    gettext_lazy("akute Atemnot"), gettext_lazy("Krampfanfall"), gettext_lazy("bedrohliche Blutung"),
    gettext_lazy("Bewusstlosigkeit"), gettext_lazy("Atem- und Kreislaufstillstand"),
)


class StartRefused(ValidationError):
    """A safeguard blocks today: the plan went back to draft instead of starting."""


@dataclass(frozen=True)
class EventResult:
    event: ExecutionEvent
    plan: MeasurePlan
    #: The rescue chain to show first (only after ``life_threatening``), else empty.
    rescue_chain: tuple[Any, ...] = ()


def record_event(
    user: Any, plan: MeasurePlan, kind: str, *, text: str = "", person: Any = None, at: datetime | None = None,
    medical_staff_name: str = "", medical_staff_qualification: str = "", cancel_reason: str = "",
) -> EventResult:
    """Append one event. MEASURE_EXECUTE on every affected person (cancelling a plan that has not started:
    MEASURE_PLAN). ``person`` (who had the emergency) must be affected by the plan."""
    persons = persons_of(plan)
    if kind not in EventKind.values:
        raise ValidationError(_("Unbekanntes Ereignis."), code="unknown_kind")
    not_started = plan.status in (PlanStatus.DRAFT, PlanStatus.APPROVED)
    require_all(user, Action.MEASURE_PLAN if kind == EventKind.CANCELLED and not_started else Action.MEASURE_EXECUTE,
                persons)
    if person is not None and person.pk not in {p.pk for p in persons}:
        raise ValidationError({"person": [_("Die Person ist von diesem Plan nicht betroffen.")]})
    if kind in (EventKind.MEDICAL_EMERGENCY, EventKind.LIFE_THREATENING) and not text.strip():
        raise ValidationError({"text": [_("Bitte kurz beschreiben, was geschehen ist.")]})
    if cancel_reason and cancel_reason not in CancelReason.values:
        raise ValidationError({"cancel_reason": [_("Diesen Grund gibt es nicht.")]})
    if at is not None and at > timezone.now():
        raise ValidationError({"at": [_("Der Zeitpunkt liegt in der Zukunft.")]})
    if kind == EventKind.STARTED:
        _check_start(user, plan, persons)
    with transaction.atomic():
        event = ExecutionEvent(
            plan=plan, kind=kind, at=at or timezone.now(), recorded_by=user, person=person, text=text.strip(),
            medical_staff_name=medical_staff_name.strip(), medical_staff_qualification=medical_staff_qualification.strip(),
            cancel_reason=cancel_reason if kind == EventKind.CANCELLED else "",
        )
        event.save()  # the model checks the transition and moves the plan
        for p in persons:
            record(actor=user, action=AuditAction.CREATE, purpose=PURPOSE, person=p, obj=event,
                   details={"plan": plan.pk, "kind": kind, "status": event.plan.status})
        if kind == EventKind.COMPLETED:
            _record_removals(user, event, persons)
    return EventResult(event=event, plan=event.plan,
                       rescue_chain=RESCUE_CHAIN if kind == EventKind.LIFE_THREATENING else ())


def _record_removals(user: Any, event: ExecutionEvent, persons: list[Any]) -> None:
    """A completed measure is a removal of every affected person on the day of the event (the departures the
    report counts as "removals carried out"); recorded here so that no removal exists without its log."""
    on = timezone.localtime(event.at).date()
    for p in persons:
        departure = Departure.objects.create(person=p, departed_on=on, kind=DepartureKind.REMOVAL,
                                             evidence=DepartureEvidence.EXECUTION_LOG, plan=event.plan, recorded_by=user)
        record(actor=user, action=AuditAction.CREATE, purpose=PURPOSE, person=p, obj=departure,
               details={"kind": DepartureKind.REMOVAL, "departed_on": on.isoformat(), "plan": event.plan_id,
                        "event": event.pk})


def _check_start(user: Any, plan: MeasurePlan, persons: list[Any]) -> None:
    fresh = MeasurePlan.objects.get(pk=plan.pk)
    if fresh.status != PlanStatus.APPROVED:
        return  # the model refuses with the right message
    blocked = [r for r in evaluate_plan(fresh) if r.blocked]
    if not blocked:
        return
    with transaction.atomic():
        fresh.status = PlanStatus.DRAFT
        fresh.version += 1
        fresh.save()
        for p in persons:
            record(actor=user, action=AuditAction.CHANGE, purpose=PURPOSE, person=p, obj=fresh, details={
                "returned_to_draft": True, "because": "start_blocked", "rules": [r.rule_id for r in blocked]})
    raise StartRefused([_("Die Maßnahme kann nicht beginnen; der Plan ist zurück im Entwurf. %(rule)s: %(reason)s")
                        % {"rule": r.rule_id, "reason": r.reason_de} for r in blocked], code="start_blocked")


def log(user: Any, plan: MeasurePlan) -> list[ExecutionEvent]:
    """The plan's log in order (MEASURE_VIEW on every affected person; audited as a view)."""
    persons = persons_of(plan)
    require_all(user, Action.MEASURE_VIEW, persons)
    for p in persons:
        record(actor=user, action=AuditAction.VIEW, purpose=PURPOSE, person=p, obj=plan, details={"page": "measure_log"})
    return list(plan.events.select_related("recorded_by", "person").order_by("at", "pk"))
