"""Preparing, submitting and closing a case before the Beratungskommission: the state machine.

    draft ──submit──▶ submitted ──recommend──▶ recommended ──decide──▶ decided
      │                 │  ▲ (postponed: stays submitted,                 │
      │                 │  └─ the recommendation is kept as history)      │
      └─────────────────┴──────────── withdraw ◀──────────────────────────┘ (not from decided)

Every step takes the ``version`` the user saw and is refused (``StaleCase``) if someone else changed the case
since; it locks the row, checks the state, writes one ``StateChange`` (who, when, why) and one audit entry and
bumps the version, all in one transaction. Submitting checks the consent here, not only in the form.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.consent.models import Consent
from wegweiser.network.models import Organisation, OrganisationKind
from wegweiser.persons.services.common import PURPOSE, format_date

from ..models import (
    CaseState,
    CommissionCase,
    DecisionOutcome,
    Recommendation,
    RecommendationKind,
    StateChange,
)
from .consent_check import consent_problems, recipient_problems

S = CaseState
#: Which state may follow which (the services below are the only way to move a case).
ALLOWED: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.WITHDRAWN}),
    S.SUBMITTED: frozenset({S.RECOMMENDED, S.WITHDRAWN}),
    S.RECOMMENDED: frozenset({S.DECIDED, S.WITHDRAWN}),
    S.DECIDED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
#: The draft's fields the services accept (state, dates and people are set by the steps).
DRAFT_FIELDS = ("commission", "consent", "question", "summary")


class StaleCase(ValidationError):
    """Someone else changed the case since the user loaded it; ``current`` is the stored state."""

    def __init__(self, current: CommissionCase) -> None:
        super().__init__(
            _("Dieser Fall wurde inzwischen von jemand anderem geändert. Ihre Eingaben wurden nicht gespeichert, "
              "sind aber erhalten. Bitte prüfen Sie den aktuellen Stand und speichern Sie erneut."),
            code="stale",
        )
        self.current = current


class InvalidTransition(ValidationError):
    """The step does not fit the case's state."""


def today() -> date:
    return timezone.localdate()


def may_move(state: str, to_state: str) -> bool:
    return to_state in ALLOWED.get(state, frozenset())


def _label(state: str) -> str:
    return str(S(state).label) if state in S.values else state


def _lock(case: CommissionCase, expected_version: int, to_state: str | None) -> CommissionCase:
    """The locked current row; refuses a stale version and a step the state does not allow."""
    # of=("self",): PostgreSQL cannot lock the nullable side of the outer join to the consent.
    current = (CommissionCase.objects.select_for_update(of=("self",))
               .select_related("consent", "commission").get(pk=case.pk))
    if current.version != expected_version:
        raise StaleCase(current)
    if to_state is not None and not may_move(current.state, to_state):
        if not ALLOWED[current.state]:
            message = _("Ein Fall mit dem Stand „%(state)s“ ist abgeschlossen und kann nicht mehr geändert "
                        "werden.") % {"state": _label(current.state)}
        else:
            message = _("Dieser Schritt ist beim Stand „%(state)s“ nicht möglich.") % {"state": _label(current.state)}
        raise InvalidTransition(message, code="not_allowed")
    return current


def _move(user: Any, current: CommissionCase, to_state: str, fields: dict[str, Any], *, note: str = "",
          details: dict[str, Any] | None = None) -> CommissionCase:
    """Write the new state and fields, bump the version, add the history row and the audit entry."""
    from_state = current.state
    CommissionCase.objects.filter(pk=current.pk).update(state=to_state, version=F("version") + 1,
                                                        updated_at=timezone.now(), **fields)
    change = StateChange.objects.create(case=current, from_state=from_state, to_state=to_state, by=user, note=note)
    record(actor=user, action=AuditAction.CHANGE, purpose=PURPOSE, person=current.person_id, obj=current,
           details={"state": [from_state, to_state], "state_change": change.pk, **(details or {})})
    current.refresh_from_db()
    return current


# --- the draft ------------------------------------------------------------------------------------------


def _clean_draft(person: Any, values: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(values) - set(DRAFT_FIELDS))
    if unknown:
        raise ValidationError(_("Unbekannte Felder: %(fields)s") % {"fields": ", ".join(unknown)})
    errors: dict[str, list[str]] = {}
    commission: Organisation | None = values.get("commission")
    consent: Consent | None = values.get("consent")
    if commission is None:
        errors["commission"] = [_("Bitte wählen Sie die Beratungskommission.")]
    elif commission.kind != OrganisationKind.BERATUNGSKOMMISSION:
        errors["commission"] = [_("Diese Organisation ist keine Ausländerrechtliche Beratungskommission.")]
    elif not commission.active:
        errors["commission"] = [_("Diese Beratungskommission ist im Netzwerkverzeichnis nicht mehr aktiv.")]
    if consent is not None and (problems := recipient_problems(consent, person, commission)):
        errors["consent"] = problems
    cleaned = {"commission": commission, "consent": consent,
               "question": (values.get("question") or "").strip(), "summary": (values.get("summary") or "").strip()}
    if not cleaned["question"]:
        errors["question"] = [_("Bitte formulieren Sie die Frage an die Kommission.")]
    if not cleaned["summary"]:
        errors["summary"] = [_("Bitte fassen Sie den Sachverhalt aus Sicht der Ausländerbehörde zusammen.")]
    if errors:
        raise ValidationError(errors)
    return cleaned


def create_case(user: Any, person: Any, data: dict[str, Any]) -> CommissionCase:
    """A new case in preparation (draft), with its first history row and an audit entry."""
    policy.require(user, Action.COMMISSION_CHANGE, person)
    values = _clean_draft(person, data)
    with transaction.atomic():
        case = CommissionCase.objects.create(person=person, created_by=user, state=S.DRAFT, **values)
        StateChange.objects.create(case=case, from_state="", to_state=S.DRAFT, by=user)
        record(actor=user, action=AuditAction.CREATE, purpose=PURPOSE, person=person, obj=case,
               details={"commission": case.commission_id, "consent": case.consent_id})
    return case


def update_draft(user: Any, case: CommissionCase, data: dict[str, Any], *, expected_version: int) -> CommissionCase:
    """Save changes to a draft unless someone else saved since ``expected_version`` (then StaleCase)."""
    policy.require(user, Action.COMMISSION_CHANGE, case.person)
    values = _clean_draft(case.person, data)
    with transaction.atomic():
        current = _lock(case, expected_version, None)
        if current.state != S.DRAFT:
            raise InvalidTransition(_("Nur ein Fall in Vorbereitung kann bearbeitet werden. Dieser Fall hat den "
                                      "Stand „%(state)s“.") % {"state": _label(current.state)}, code="not_draft")
        changed = [name for name, value in values.items() if getattr(current, name) != value]
        if not changed:
            return current
        for name in changed:
            setattr(current, name, values[name])
        current.version = F("version") + 1
        current.save(update_fields=[*changed, "version", "updated_at"])
        current.refresh_from_db()
        record(actor=user, action=AuditAction.CHANGE, purpose=PURPOSE, person=current.person_id, obj=current,
               details={"fields": changed})
    return current


# --- the steps ------------------------------------------------------------------------------------------


def submit(user: Any, case: CommissionCase, *, submitted_on: date, expected_version: int) -> CommissionCase:
    """Put the case before the commission. Refused unless the consent is valid on ``submitted_on``."""
    policy.require(user, Action.COMMISSION_CHANGE, case.person)
    if submitted_on is None:
        raise ValidationError({"submitted_on": [_("Bitte geben Sie das Datum der Vorlage an.")]})
    if submitted_on > today():
        raise ValidationError({"submitted_on": [_("Das Datum der Vorlage liegt in der Zukunft.")]})
    with transaction.atomic():
        current = _lock(case, expected_version, S.SUBMITTED)
        problems = consent_problems(current.consent, current.person, current.commission, submitted_on)
        if problems:
            raise ValidationError({"consent": problems})
        return _move(user, current, S.SUBMITTED, {"submitted_on": submitted_on, "submitted_by": user},
                     details={"consent": current.consent_id, "submitted_on": submitted_on.isoformat()})


def record_recommendation(user: Any, case: CommissionCase, data: dict[str, Any], *,
                          expected_version: int) -> CommissionCase:
    """Record what the commission recommended. "Postponed" keeps the case submitted; the answer stays in the
    case's list of recommendations either way."""
    policy.require(user, Action.COMMISSION_CHANGE, case.person)
    session_date, kind = data.get("session_date"), data.get("kind") or ""
    text = (data.get("text") or "").strip()
    errors: dict[str, list[str]] = {}
    if session_date is None:
        errors["session_date"] = [_("Bitte geben Sie das Datum der Sitzung an.")]
    elif session_date > today():
        errors["session_date"] = [_("Das Datum der Sitzung liegt in der Zukunft.")]
    if kind not in RecommendationKind.values:
        errors["kind"] = [_("Bitte wählen Sie, was die Kommission empfohlen hat.")]
    if not text:
        errors["text"] = [_("Bitte geben Sie den Wortlaut oder eine Zusammenfassung der Empfehlung an.")]
    if errors:
        raise ValidationError(errors)
    postponed = kind == RecommendationKind.POSTPONED
    with transaction.atomic():
        current = _lock(case, expected_version, None)
        if current.state != S.SUBMITTED:
            raise InvalidTransition(_("Eine Empfehlung kann nur zu einem vorgelegten Fall erfasst werden. Dieser "
                                      "Fall hat den Stand „%(state)s“.") % {"state": _label(current.state)},
                                    code="not_allowed")
        if current.submitted_on and session_date < current.submitted_on:
            raise ValidationError({"session_date": [_("Die Sitzung liegt vor der Vorlage des Falls (%(date)s).")
                                                    % {"date": format_date(current.submitted_on)}]})
        recommendation = Recommendation.objects.create(case=current, session_date=session_date, kind=kind,
                                                       text=text, recorded_by=user)
        label = str(RecommendationKind(kind).label)
        return _move(user, current, S.SUBMITTED if postponed else S.RECOMMENDED, {},
                     note=_("Empfehlung vom %(date)s: %(kind)s") % {"date": format_date(session_date),
                                                                      "kind": label},
                     details={"recommendation": recommendation.pk, "kind": kind})


def decide(user: Any, case: CommissionCase, data: dict[str, Any], *, expected_version: int) -> CommissionCase:
    """Record the office's decision on the recommendation (Teamleitung only). Deviating needs a reason."""
    policy.require(user, Action.COMMISSION_DECIDE, case.person)
    outcome, decided_on = data.get("outcome") or "", data.get("decided_on")
    reason, text = (data.get("reason") or "").strip(), (data.get("text") or "").strip()
    errors: dict[str, list[str]] = {}
    if outcome not in DecisionOutcome.values:
        errors["outcome"] = [_("Bitte wählen Sie, ob die Entscheidung der Empfehlung folgt.")]
    if outcome == DecisionOutcome.DEVIATES and not reason:
        errors["reason"] = [_("Weicht die Entscheidung von der Empfehlung ab, ist eine Begründung nötig.")]
    if not text:
        errors["text"] = [_("Bitte geben Sie die Entscheidung der Ausländerbehörde an.")]
    if decided_on is None:
        errors["decided_on"] = [_("Bitte geben Sie das Datum der Entscheidung an.")]
    elif decided_on > today():
        errors["decided_on"] = [_("Das Datum der Entscheidung liegt in der Zukunft.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = _lock(case, expected_version, S.DECIDED)
        recommendation = current.recommendation
        no_recommendation = recommendation is None or recommendation.kind == RecommendationKind.NONE
        if no_recommendation and outcome != DecisionOutcome.WITHOUT:
            raise ValidationError({"outcome": [_("Die Kommission hat keine Empfehlung abgegeben; wählen Sie "
                                                 "„ohne Empfehlung der Kommission entschieden“.")]})
        if not no_recommendation and outcome == DecisionOutcome.WITHOUT:
            raise ValidationError({"outcome": [_("Es liegt eine Empfehlung vor; bitte geben Sie an, ob die "
                                                 "Entscheidung ihr folgt oder von ihr abweicht.")]})
        if recommendation is not None and decided_on < recommendation.session_date:
            raise ValidationError({"decided_on": [_("Die Entscheidung liegt vor der Sitzung der Kommission.")]})
        return _move(user, current, S.DECIDED, {
            "decision_outcome": outcome, "decision_reason": reason if outcome == DecisionOutcome.DEVIATES else "",
            "decision_text": text, "decided_on": decided_on, "decided_by": user,
        }, note=str(DecisionOutcome(outcome).label), details={"outcome": outcome})


def withdraw(user: Any, case: CommissionCase, reason: str, *, expected_version: int) -> CommissionCase:
    """Withdraw a case that is not decided yet; the reason is kept in the history."""
    policy.require(user, Action.COMMISSION_CHANGE, case.person)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Bitte nennen Sie den Grund der Rücknahme.")]})
    with transaction.atomic():
        current = _lock(case, expected_version, S.WITHDRAWN)
        return _move(user, current, S.WITHDRAWN, {"withdrawal_reason": reason}, note=reason)
