"""Drafting, checking and approving plans; medical certificates and their set-aside assessments.

Every write locks the plan row and compares ``version`` (``StalePlan`` if someone else saved meanwhile), stores
the office config and the rule outcomes on the plan, and writes an audit entry per affected person. Any change
to an approved plan returns it to draft (audited); plans that run or ended are not changed here at all.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action, DataCategory
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.persons.models import Person

from ..models import FitnessCertificate, MeasurePlan, PlaceKind, PlanPerson, PlanStatus
from ..safeguards import ALL_RULES, RuleResult
from . import before as before_checks
from .common import PURPOSE, StalePlan, persons_of, require_all
from .facts import evaluate_plan, open_warnings
from .office import current_config

#: Fields of a plan the planner edits (through ``create_plan``/``update_plan``).
EDITABLE = ("window_start", "window_end", "place_kind", "place_text", "transport", "escort", "medical_notes",
            "force_planned", "force_reason", "perspective_reason")
TEXT_LIMIT = 5000


class ApprovalRefused(ValidationError):
    """Approval is not possible; ``reasons`` lists why (blocked rules, open warnings, four eyes, status)."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__(reasons, code="approval_refused")
        self.reasons = reasons


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValidationError(_("Unbekannte Angaben: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        if name in ("window_start", "window_end"):
            if isinstance(value, str):
                value = parse_datetime(value) if value.strip() else None
                if value is None and values[name].strip():
                    errors.setdefault(name, []).append(_("Bitte Datum und Uhrzeit angeben."))
            if isinstance(value, datetime) and timezone.is_naive(value):
                value = timezone.make_aware(value)
        elif name == "place_kind":
            value = value or ""
            if value and value not in PlaceKind.values:
                errors.setdefault(name, []).append(_("Diese Art des Abholorts gibt es nicht."))
        elif name == "force_planned":
            value = bool(value)
        else:
            value = (value or "").strip()
            if len(value) > TEXT_LIMIT:
                errors.setdefault(name, []).append(_("Der Text ist zu lang."))
        cleaned[name] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def _check_window(plan: MeasurePlan) -> None:
    if plan.window_start and plan.window_end and plan.window_end <= plan.window_start:
        raise ValidationError({"window_end": [_("Das Zeitfenster muss nach seinem Beginn enden.")]})


def _lock(plan: MeasurePlan, expected_version: int) -> MeasurePlan:
    current = MeasurePlan.objects.select_for_update().get(pk=plan.pk)
    if current.version != expected_version:
        raise StalePlan(current)
    return current


def _audit(user: Any, plan: MeasurePlan, persons: list[Person], action: str, details: dict[str, Any]) -> None:
    for person in persons or [None]:
        record(actor=user, action=action, purpose=PURPOSE, person=person, obj=plan, details=details)


def _refresh(plan: MeasurePlan) -> list[RuleResult]:
    """Judge the plan under the office's current config and keep the outcomes for reporting."""
    plan.config = current_config().to_dict()
    results = evaluate_plan(plan)
    plan.evaluation = {r.rule_id: r.outcome.value for r in results}
    return results


def _save_change(user: Any, plan: MeasurePlan, persons: list[Person], details: dict[str, Any]) -> MeasurePlan:
    """Save a content change: an approved plan goes back to draft (audited), others must be drafts."""
    if plan.status not in (PlanStatus.DRAFT, PlanStatus.APPROVED):
        raise ValidationError(_("Ein Plan im Status „%(status)s“ wird nicht mehr geändert.")
                              % {"status": plan.get_status_display()}, code="not_editable")
    returned = plan.status == PlanStatus.APPROVED
    if returned:
        plan.status = PlanStatus.DRAFT
    _refresh(plan)
    plan.version += 1
    plan.save()
    if returned:
        _audit(user, plan, persons, AuditAction.CHANGE, {"returned_to_draft": True, "because": details})
    _audit(user, plan, persons, AuditAction.CHANGE, details)
    return plan


def create_plan(user: Any, persons: list[Person], values: dict[str, Any] | None = None) -> MeasurePlan:
    """A draft plan for ``persons`` (chosen from one family/household; see ``facts.family_candidates``)."""
    if not persons:
        raise ValidationError(_("Bitte mindestens eine betroffene Person wählen."), code="no_persons")
    persons = sorted({p.pk: p for p in persons}.values(), key=lambda p: p.pk)
    require_all(user, Action.MEASURE_PLAN, persons)
    cleaned = _clean(values or {})
    with transaction.atomic():
        plan = MeasurePlan(planner=user, **cleaned)
        _check_window(plan)
        plan.config = current_config().to_dict()
        plan.save()
        for person in persons:
            PlanPerson.objects.create(plan=plan, person=person)
        _refresh(plan)
        plan.save()
        _audit(user, plan, persons, AuditAction.CREATE, {"persons": [p.pk for p in persons],
                                                          "fields": sorted(cleaned)})
    return plan


def update_plan(user: Any, plan: MeasurePlan, values: dict[str, Any], *, expected_version: int) -> MeasurePlan:
    """Change the plan's details; an approved plan returns to draft."""
    persons = persons_of(plan)
    require_all(user, Action.MEASURE_PLAN, persons)
    cleaned = _clean(values)
    with transaction.atomic():
        current = _lock(plan, expected_version)
        changed = [name for name, value in cleaned.items() if getattr(current, name) != value]
        if not changed:
            return current
        for name in changed:
            setattr(current, name, cleaned[name])
        _check_window(current)
        return _save_change(user, current, persons, {"fields": changed})


def set_persons(user: Any, plan: MeasurePlan, persons: list[Person], *, expected_version: int) -> MeasurePlan:
    """Replace the affected persons; the stored perspective check then no longer matches and must be run again."""
    if not persons:
        raise ValidationError(_("Bitte mindestens eine betroffene Person wählen."), code="no_persons")
    before = persons_of(plan)
    new = sorted({p.pk: p for p in persons}.values(), key=lambda p: p.pk)
    require_all(user, Action.MEASURE_PLAN, sorted({p.pk: p for p in [*before, *new]}.values(), key=lambda p: p.pk))
    with transaction.atomic():
        current = _lock(plan, expected_version)
        old_ids, new_ids = {p.pk for p in before}, {p.pk for p in new}
        if old_ids == new_ids:
            return current
        if current.status == PlanStatus.APPROVED:  # persons change only in a draft: return it first
            current.status = PlanStatus.DRAFT
            current.version += 1
            current.save()
            _audit(user, current, before, AuditAction.CHANGE, {"returned_to_draft": True, "because": "persons"})
        elif current.status != PlanStatus.DRAFT:
            raise ValidationError(_("Ein Plan im Status „%(status)s“ wird nicht mehr geändert.")
                                  % {"status": current.get_status_display()}, code="not_editable")
        PlanPerson.objects.filter(plan=current, person_id__in=old_ids - new_ids).delete()
        for person in new:
            if person.pk not in old_ids:
                PlanPerson.objects.create(plan=current, person=person)
        return _save_change(user, current, sorted({p.pk: p for p in [*before, *new]}.values(), key=lambda p: p.pk),
                            {"persons_added": sorted(new_ids - old_ids), "persons_removed": sorted(old_ids - new_ids)})


def run_before_check(user: Any, plan: MeasurePlan, *, expected_version: int
                     ) -> tuple[MeasurePlan, list[before_checks.PersonCheck]]:
    """Run the "before any measure" checks for the affected persons and keep the result on the plan.

    A check that finds nothing new leaves the plan as it is; one that differs is a change (an approved plan
    returns to draft)."""
    persons = persons_of(plan)
    require_all(user, Action.MEASURE_PLAN, persons)
    on = timezone.localdate()
    checks = before_checks.check_persons(user, persons, on=on)
    stored = before_checks.as_stored(checks, on)
    with transaction.atomic():
        current = _lock(plan, expected_version)
        old = dict(current.before_check or {})
        if {k: v for k, v in old.items() if k != "checked_on"} == {k: v for k, v in stored.items() if k != "checked_on"} \
                and old.get("checked_on") == stored["checked_on"]:
            return current, checks
        current.before_check = stored
        return _save_change(user, current, persons, {"before_check": True,
                                                     "chances": len(stored["chances"])}), checks


def acknowledge_warning(user: Any, plan: MeasurePlan, rule_id: str, reason: str, *, expected_version: int
                        ) -> MeasurePlan:
    """Acknowledge a current warning with a written reason (only in draft). Hard and blocked results cannot be
    acknowledged; an acknowledgement lapses when the warning's text changes."""
    persons = persons_of(plan)
    if not (all(policy.may(user, Action.MEASURE_PLAN, p) for p in persons)
            or all(policy.may(user, Action.MEASURE_APPROVE, p) for p in persons)):
        require_all(user, Action.MEASURE_PLAN, persons)
    reason = (reason or "").strip()
    if rule_id not in ALL_RULES:
        raise ValidationError(_("Diese Schutzregel gibt es nicht."), code="unknown_rule")
    if not reason:
        raise ValidationError({"reason": [_("Bitte begründen Sie, warum die Warnung in Kauf genommen wird.")]})
    with transaction.atomic():
        current = _lock(plan, expected_version)
        if current.status != PlanStatus.DRAFT:
            raise ValidationError(_("Warnungen werden im Entwurf bestätigt."), code="not_draft")
        _refresh(current)
        result = next(r for r in evaluate_plan(current) if r.rule_id == rule_id)
        if result.outcome != "warning":
            raise ValidationError(_("Diese Regel zeigt keine Warnung, die bestätigt werden kann (Ergebnis: "
                                    "%(outcome)s).") % {"outcome": result.outcome}, code="not_a_warning")
        current.acknowledgements = {**(current.acknowledgements or {}), rule_id: {
            "reason_de": result.reason_de, "text": reason, "by": user.pk, "by_name": user.get_username(),
            "at": timezone.now().isoformat()}}
        return _save_change(user, current, persons, {"acknowledged": rule_id})


def approval_problems(user: Any, plan: MeasurePlan, results: list[RuleResult]) -> list[str]:
    """Why ``user`` may not approve ``plan`` now (empty: approval possible)."""
    problems = []
    if plan.status != PlanStatus.DRAFT:
        problems.append(_("Nur ein Entwurf kann freigegeben werden (Status: %(status)s).")
                        % {"status": plan.get_status_display()})
    if user.pk == plan.planner_id:
        problems.append(_("Vier-Augen-Prinzip: Wer den Plan erstellt hat, kann ihn nicht freigeben."))
    problems += [_("Gesperrt durch Schutzregel „%(rule)s“: %(reason)s") % {"rule": r.rule_id, "reason": r.reason_de}
                 for r in results if r.blocked]
    problems += [_("Warnung „%(rule)s“ ist nicht mit Begründung bestätigt: %(reason)s")
                 % {"rule": r.rule_id, "reason": r.reason_de} for r in open_warnings(plan, results)]
    return problems


def approve(user: Any, plan: MeasurePlan, *, expected_version: int) -> MeasurePlan:
    """Teamleitung approves (MEASURE_APPROVE on every affected person): never the planner, no blocked rule, every
    warning acknowledged. The before-measure check is run again first, so the approval sees today's file."""
    persons = persons_of(plan)
    require_all(user, Action.MEASURE_APPROVE, persons)
    on = timezone.localdate()
    checks = before_checks.check_persons(user, persons, on=on)
    problems: list[str] = []
    with transaction.atomic():
        current = _lock(plan, expected_version)
        if current.status == PlanStatus.DRAFT:
            current.before_check = before_checks.as_stored(checks, on)
            results = _refresh(current)
        else:
            results = evaluate_plan(current)
        problems = approval_problems(user, current, results)
        if not problems:
            current.status = PlanStatus.APPROVED
            current.approver = user
            current.approved_at = timezone.now()
            current.version += 1
            current.save()
            _audit(user, current, persons, AuditAction.CHANGE, {"approved": True, "evaluation": current.evaluation})
            return current
        if current.status == PlanStatus.DRAFT:  # keep the fresh check and outcomes even when refused
            current.version += 1
            current.save()
    _audit(user, current, persons, AuditAction.CHANGE, {"approved": False, "refused": problems})
    raise ApprovalRefused(problems)


# --- medical certificates --------------------------------------------------------------------------------


def _back_to_draft(user: Any, person: Person, because: str) -> None:
    """New medical facts on a person send every approved plan affecting them back to draft."""
    for plan in MeasurePlan.objects.select_for_update().filter(status=PlanStatus.APPROVED, plan_persons__person=person):
        plan.status = PlanStatus.DRAFT
        _refresh(plan)
        plan.version += 1
        plan.save()
        _audit(user, plan, persons_of(plan), AuditAction.CHANGE, {"returned_to_draft": True, "because": because})


def record_certificate(user: Any, person: Person, values: dict[str, Any], *, plan: MeasurePlan | None = None
                       ) -> FitnessCertificate:
    """Record a fitness-to-travel certificate (author, qualification, issued_on, states_unfit, content)."""
    policy.require(user, Action.MEASURE_PLAN, person, DataCategory.HEALTH)
    errors: dict[str, list[str]] = {}
    for name in ("author", "qualification", "content"):
        if not str(values.get(name) or "").strip():
            errors.setdefault(name, []).append(_("Bitte angeben."))
    if not values.get("issued_on"):
        errors.setdefault("issued_on", []).append(_("Bitte das Ausstellungsdatum angeben."))
    elif values["issued_on"] > timezone.localdate():
        errors.setdefault("issued_on", []).append(_("Das Ausstellungsdatum liegt in der Zukunft."))
    if values.get("states_unfit") is None:
        errors.setdefault("states_unfit", []).append(_("Bitte angeben, ob Reiseunfähigkeit bescheinigt wird."))
    if plan is not None and not PlanPerson.objects.filter(plan=plan, person=person).exists():
        errors.setdefault("plan", []).append(_("Die Person ist von diesem Plan nicht betroffen."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        certificate = FitnessCertificate.objects.create(
            person=person, plan=plan, author=values["author"].strip(), qualification=values["qualification"].strip(),
            issued_on=values["issued_on"], states_unfit=bool(values["states_unfit"]), content=values["content"].strip(),
            recorded_by=user)
        record(actor=user, action=AuditAction.CREATE, purpose=PURPOSE, person=person, obj=certificate,
               details={"states_unfit": certificate.states_unfit, "issued_on": certificate.issued_on.isoformat()})
        _back_to_draft(user, person, "certificate")
        _refresh_drafts(person)
    return certificate


def set_aside_certificate(user: Any, certificate: FitnessCertificate, reason: str) -> FitnessCertificate:
    """Set a certificate aside with a documented assessment (who: ``user``, why: ``reason``)."""
    policy.require(user, Action.MEASURE_PLAN, certificate.person, DataCategory.HEALTH)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Bitte die Bewertung begründen: warum wird die Bescheinigung nicht "
                                            "zugrunde gelegt?")]})
    with transaction.atomic():
        current = FitnessCertificate.objects.select_for_update().get(pk=certificate.pk)
        if current.set_aside_at is not None:
            raise ValidationError(_("Diese Bescheinigung ist bereits beiseitegelegt."), code="already")
        current.set_aside_by, current.set_aside_reason, current.set_aside_at = user, reason, timezone.now()
        current.save()
        record(actor=user, action=AuditAction.CHANGE, purpose=PURPOSE, person=current.person, obj=current,
               details={"set_aside": True})
        _back_to_draft(user, current.person, "certificate_set_aside")
        _refresh_drafts(current.person)
    return current


def _refresh_drafts(person: Person) -> None:
    """Keep the stored outcomes of draft plans current (reporting reads them)."""
    for plan in MeasurePlan.objects.select_for_update().filter(status=PlanStatus.DRAFT, plan_persons__person=person):
        _refresh(plan)
        plan.save()
