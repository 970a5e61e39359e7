"""Departures: a person left Germany voluntarily (self-organised or with a return programme), or was removed.

Voluntary departures are recorded here (MEASURE_PLAN on the person); removals only by the execution log when a
plan is completed (``execution.record_event``), so a removal always has its plan and log behind it.

Open plans: a plan affects a family. When a voluntary departure is recorded, a draft or approved plan is
cancelled (reason "voluntary_departure", through ``execution.record_event``, so the log says so) only if every
person it affects has left voluntarily by a departure recorded since the plan was made, and the user may cancel
it. A plan that still affects someone who has not left, a plan already running, or one the user may not cancel
stays as it is and is returned in ``DepartureResult.open_plans``, for the user to change or cancel with their
own judgement. Cancelling a whole family's plan because one member left would write into the log something
that did not happen.

Records are never edited or deleted (see ``models.Departure``): a wrong record is withdrawn with a reason and,
where needed, recorded again (``correct_departure`` does both in one step and links the two). Withdrawing a
voluntary departure does not reopen a plan it cancelled: cancelled plans are final; plan again if needed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.core.partial_dates import PartialDate
from wegweiser.persons.models import Person

from ..models import (
    VOLUNTARY_KINDS,
    CancelReason,
    Departure,
    DepartureEvidence,
    DepartureKind,
    EventKind,
    MeasurePlan,
    PlanPerson,
    PlanStatus,
)
from .common import PURPOSE, persons_of

#: Plans a voluntary departure may cancel by itself (nothing has happened on the day yet).
NOT_STARTED = (PlanStatus.DRAFT, PlanStatus.APPROVED)
OPEN = (PlanStatus.DRAFT, PlanStatus.APPROVED, PlanStatus.IN_PROGRESS, PlanStatus.INTERRUPTED)


@dataclass
class DepartureResult:
    departure: Departure
    #: Plans cancelled because every affected person has now left voluntarily.
    cancelled_plans: list[MeasurePlan] = field(default_factory=list)
    #: Plans that are still open and affect the person: the user has to decide about them.
    open_plans: list[MeasurePlan] = field(default_factory=list)


def _birth_earliest(person: Person) -> date | None:
    birth = person.birth_date if isinstance(person.birth_date, PartialDate) else None
    return birth.earliest() if birth else None


def dependent_errors(kind: str, programme: str, evidence: str, note: str) -> dict[str, list[str]]:
    """Checks between fields: the programme belongs to an assisted departure, "other" evidence needs a note."""
    errors: dict[str, list[str]] = {}
    if kind == DepartureKind.ASSISTED and not programme:
        errors["programme"] = [_("Bitte das Rückkehrprogramm angeben, mit dem die Person ausgereist ist.")]
    if kind == DepartureKind.VOLUNTARY and programme:
        errors["programme"] = [_("Ein Rückkehrprogramm gibt es nur bei der geförderten Ausreise. Bitte die Art der "
                                 "Ausreise ändern oder das Feld leeren.")]
    if evidence == DepartureEvidence.OTHER and not note:
        errors["evidence_note"] = [_("Bitte den Nachweis beschreiben.")]
    return errors


def validate(person: Person, values: dict[str, Any]) -> dict[str, Any]:
    """The cleaned values, or a ``ValidationError`` with one German message per field."""
    errors: dict[str, list[str]] = {}

    def error(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    departed_on = values.get("departed_on")
    kind = values.get("kind") or ""
    programme = str(values.get("programme") or "").strip()
    evidence = values.get("evidence") or ""
    note = str(values.get("evidence_note") or "").strip()
    plan = values.get("plan")
    if not departed_on:
        error("departed_on", _("Bitte den Tag der Ausreise angeben."))
    elif not isinstance(departed_on, date):
        error("departed_on", _("Bitte ein gültiges Datum angeben."))
    elif departed_on > timezone.localdate():
        error("departed_on", _("Der Tag der Ausreise liegt in der Zukunft. Erfasst wird eine Ausreise, die "
                               "stattgefunden hat."))
    elif (birth := _birth_earliest(person)) is not None and departed_on < birth:
        error("departed_on", _("Der Tag der Ausreise liegt vor der Geburt der Person (%(birth)s).")
              % {"birth": person.birth_date})
    if kind == DepartureKind.REMOVAL:
        error("kind", _("Eine Abschiebung wird nicht hier erfasst, sondern im Ablaufprotokoll des Maßnahmeplans "
                        "(„Maßnahme durchgeführt“)."))
    elif kind not in VOLUNTARY_KINDS:
        error("kind", _("Bitte die Art der Ausreise wählen."))
    if evidence == DepartureEvidence.EXECUTION_LOG:
        error("evidence", _("Das Ablaufprotokoll belegt nur eine durchgeführte Maßnahme."))
    elif evidence not in DepartureEvidence.values:
        error("evidence", _("Bitte angeben, wie die Ausreise nachgewiesen ist."))
    for name, messages in dependent_errors(kind, programme, evidence, note).items():
        for message in messages:
            error(name, message)
    if plan is not None and not PlanPerson.objects.filter(plan=plan, person=person).exists():
        error("plan", _("Die Person ist von diesem Plan nicht betroffen."))
    if not errors and Departure.objects.filter(person=person, departed_on=departed_on,
                                               withdrawn_at__isnull=True).exists():
        error("departed_on", _("Für diesen Tag ist bereits eine Ausreise der Person erfasst."))
    if errors:
        raise ValidationError(errors)
    return {"departed_on": departed_on, "kind": kind, "programme": programme, "evidence": evidence,
            "evidence_note": note, "plan": plan}


def record_departure(user: Any, person: Person, values: dict[str, Any], *, corrects: Departure | None = None
                     ) -> DepartureResult:
    """Record a voluntary departure (values: departed_on, kind, programme, evidence, evidence_note, plan) and
    cancel the plans it ends (see the module docstring). Audited; all or nothing."""
    policy.require(user, Action.MEASURE_PLAN, person)
    with transaction.atomic():
        clean = validate(person, values)
        departure = Departure.objects.create(person=person, recorded_by=user, corrects=corrects, **clean)
        record(actor=user, action=AuditAction.CREATE, purpose=PURPOSE, person=person, obj=departure, details={
            "kind": departure.kind, "departed_on": departure.departed_on.isoformat(), "evidence": departure.evidence,
            "plan": departure.plan_id, "corrects": corrects.pk if corrects else None})
        result = DepartureResult(departure=departure)
        _settle_plans(user, person, departure, result)
    return result


def _left_voluntarily(plan: MeasurePlan, person_ids: set[int], departure: Departure) -> set[int]:
    """Who of ``person_ids`` has left voluntarily by a departure recorded after the plan was made. A departure
    recorded before it was known when planning (the person has come back since); the one just recorded counts."""
    left = set(Departure.objects.filter(person_id__in=person_ids, kind__in=VOLUNTARY_KINDS, withdrawn_at__isnull=True,
                                        recorded_at__gte=plan.created_at).values_list("person_id", flat=True))
    return left | {departure.person_id}


def _settle_plans(user: Any, person: Person, departure: Departure, result: DepartureResult) -> None:
    from . import execution  # execution records removal departures; avoid a cycle at import time

    plans = MeasurePlan.objects.filter(plan_persons__person=person, status__in=OPEN).distinct().order_by("pk")
    for plan in plans:
        affected = persons_of(plan)
        ids = {p.pk for p in affected}
        everyone_left = _left_voluntarily(plan, ids, departure) >= ids
        may_cancel = all(policy.may(user, Action.MEASURE_PLAN, p) for p in affected)
        if plan.status in NOT_STARTED and everyone_left and may_cancel:
            text = _("Freiwillige Ausreise aller betroffenen Personen erfasst (zuletzt am %(date)s, Eintrag "
                     "%(number)s).") % {"date": departure.departed_on.strftime("%d.%m.%Y"), "number": departure.pk}
            outcome = execution.record_event(user, plan, EventKind.CANCELLED, text=text,
                                             cancel_reason=CancelReason.VOLUNTARY_DEPARTURE)
            result.cancelled_plans.append(outcome.plan)
        else:
            result.open_plans.append(plan)


def withdraw_departure(user: Any, departure: Departure, reason: str) -> Departure:
    """Withdraw a wrongly recorded voluntary departure (who, when, why). Removals stay: the log stands behind them."""
    policy.require(user, Action.MEASURE_PLAN, departure.person)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Bitte begründen Sie, warum der Eintrag zurückgenommen wird.")]})
    with transaction.atomic():
        current = Departure.objects.select_for_update().get(pk=departure.pk)
        if current.kind == DepartureKind.REMOVAL:
            raise ValidationError(_("Eine Abschiebung ist im Ablaufprotokoll des Plans erfasst und wird nicht "
                                    "zurückgenommen."), code="removal")
        if current.withdrawn_at is not None:
            raise ValidationError(_("Dieser Eintrag ist bereits zurückgenommen."), code="already")
        current.withdrawn_by, current.withdrawn_at, current.withdrawn_reason = user, timezone.now(), reason
        current.save()
        record(actor=user, action=AuditAction.CHANGE, purpose=PURPOSE, person=current.person, obj=current,
               details={"withdrawn": True})
    return current


def correct_departure(user: Any, departure: Departure, values: dict[str, Any], reason: str) -> DepartureResult:
    """Withdraw ``departure`` and record the corrected facts as a new record that names it (one step)."""
    with transaction.atomic():
        withdrawn = withdraw_departure(user, departure, reason)
        return record_departure(user, withdrawn.person, values, corrects=withdrawn)


def departures_of(person: Person) -> list[Departure]:
    """The person's departures, newest first, withdrawn ones included (the caller checks MEASURE_VIEW)."""
    return list(Departure.objects.filter(person=person).select_related("plan", "recorded_by", "withdrawn_by"))
