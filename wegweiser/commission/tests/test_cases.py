"""The case's state machine, the consent check at submission, who decides, optimistic locking, the audit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wegweiser.accounts.policy import DataCategory
from wegweiser.audit.models import AuditEntry
from wegweiser.commission.models import CaseState, CommissionCase, Recommendation, StateChange
from wegweiser.commission.services import cases
from wegweiser.commission.services.cases import InvalidTransition, StaleCase
from wegweiser.consent.tests.samples import organisation
from wegweiser.network.models import Contact
from wegweiser.persons.models import Person

from .samples import commission, consent_for, draft, recommended, submitted

pytestmark = pytest.mark.django_db
S = CaseState
TODAY = timezone.localdate


def messages_of(exc: pytest.ExceptionInfo) -> str:
    return " ".join(exc.value.messages)


def submit(user, case, on=None):
    return cases.submit(user, case, submitted_on=on or TODAY(), expected_version=case.version)


def recommend(user, case, kind="favourable"):
    return cases.record_recommendation(user, case, {"session_date": TODAY(), "kind": kind, "text": "Begründung"},
                                       expected_version=case.version)


def decide(user, case, outcome="follows", reason=""):
    return cases.decide(user, case, {"outcome": outcome, "reason": reason, "text": "Aufenthaltserlaubnis erteilt",
                                     "decided_on": TODAY()}, expected_version=case.version)


# --- the way through ------------------------------------------------------------------------------------


def test_the_case_goes_from_draft_to_decided_with_history_and_audit(case_worker, lead, person):
    case = draft(case_worker, person, consent_for(person))
    assert case.state == S.DRAFT and case.version == 1
    case = submit(case_worker, case)
    assert case.state == S.SUBMITTED and case.submitted_by == case_worker and case.version == 2
    case = recommend(case_worker, case)
    assert case.state == S.RECOMMENDED
    case = decide(lead, case)
    assert case.state == S.DECIDED and case.decided_by == lead and case.decision_outcome == "follows"
    steps = [(c.from_state, c.to_state, c.by) for c in case.history.all()]
    assert steps == [("", S.DRAFT, case_worker), (S.DRAFT, S.SUBMITTED, case_worker),
                     (S.SUBMITTED, S.RECOMMENDED, case_worker), (S.RECOMMENDED, S.DECIDED, lead)]
    audited = AuditEntry.objects.filter(object_type="commission.commissioncase", object_id=str(case.pk))
    assert audited.filter(action="create").count() == 1
    assert [e.details["state"] for e in audited.filter(action="change").order_by("id")] == [
        ["draft", "submitted"], ["submitted", "recommended"], ["recommended", "decided"]]
    assert all(e.person_id == person.pk for e in audited)


def test_postponed_keeps_the_case_submitted_and_the_answer_in_the_history(case_worker, person):
    case = submitted(case_worker, person)
    case = recommend(case_worker, case, kind="postponed")
    assert case.state == S.SUBMITTED
    assert case.recommendation is None  # a postponement is no recommendation to decide on
    case = recommend(case_worker, case, kind="not_favourable")
    assert case.state == S.RECOMMENDED
    assert [r.kind for r in case.recommendations.all()] == ["postponed", "not_favourable"]
    assert case.recommendation.kind == "not_favourable"
    notes = [c.note for c in case.history.filter(from_state=S.SUBMITTED)]
    assert any("vertagt" in note for note in notes)


@pytest.mark.parametrize("state", [S.DRAFT, S.SUBMITTED, S.RECOMMENDED])
def test_withdrawing_is_possible_until_the_decision_and_needs_a_reason(case_worker, person, state):
    case = {S.DRAFT: lambda: draft(case_worker, person),
            S.SUBMITTED: lambda: submitted(case_worker, person),
            S.RECOMMENDED: lambda: recommended(case_worker, person)}[state]()
    with pytest.raises(ValidationError) as exc:
        cases.withdraw(case_worker, case, "  ", expected_version=case.version)
    assert "Grund der Rücknahme" in messages_of(exc)
    case = cases.withdraw(case_worker, case, "Aufenthaltserlaubnis auf anderem Weg erteilt",
                          expected_version=case.version)
    assert case.state == S.WITHDRAWN and case.withdrawal_reason.startswith("Aufenthaltserlaubnis")
    assert case.history.last().note == "Aufenthaltserlaubnis auf anderem Weg erteilt"


# --- forbidden transitions --------------------------------------------------------------------------------


def test_a_draft_cannot_get_a_recommendation_or_a_decision(case_worker, lead, person):
    case = draft(case_worker, person, consent_for(person))
    with pytest.raises(InvalidTransition):
        recommend(case_worker, case)
    with pytest.raises(InvalidTransition):
        decide(lead, case)
    assert CommissionCase.objects.get(pk=case.pk).state == S.DRAFT


def test_a_submitted_case_cannot_be_decided_or_submitted_again(case_worker, lead, person):
    case = submitted(case_worker, person)
    with pytest.raises(InvalidTransition):
        decide(lead, case)
    with pytest.raises(InvalidTransition):
        submit(case_worker, case)
    with pytest.raises(InvalidTransition):
        cases.update_draft(case_worker, case, {"commission": case.commission, "consent": case.consent,
                                               "question": "neu", "summary": "neu"}, expected_version=case.version)


def test_a_recommended_case_takes_no_second_recommendation(case_worker, person):
    case = recommended(case_worker, person)
    with pytest.raises(InvalidTransition):
        recommend(case_worker, case)
    assert case.recommendations.count() == 1


@pytest.mark.parametrize("final", [S.DECIDED, S.WITHDRAWN])
def test_decided_and_withdrawn_are_final(case_worker, lead, person, final):
    case = recommended(case_worker, person)
    if final == S.DECIDED:
        case = decide(lead, case)
    else:
        case = cases.withdraw(case_worker, case, "Person verzogen", expected_version=case.version)
    with pytest.raises(InvalidTransition) as exc:
        cases.withdraw(case_worker, case, "noch einmal", expected_version=case.version)
    assert "abgeschlossen" in messages_of(exc)
    with pytest.raises(InvalidTransition):
        decide(lead, case)
    assert CommissionCase.objects.get(pk=case.pk).state == final


# --- the consent at submission -----------------------------------------------------------------------------


def assert_refused(user, case, expected: str, on=None) -> None:
    with pytest.raises(ValidationError) as exc:
        submit(user, case, on)
    assert expected in messages_of(exc)
    stored = CommissionCase.objects.get(pk=case.pk)
    assert stored.state == S.DRAFT and stored.version == case.version and stored.submitted_on is None
    assert not StateChange.objects.filter(case=case, to_state=S.SUBMITTED).exists()


def test_submitting_without_consent_is_refused(case_worker, person):
    assert_refused(case_worker, draft(case_worker, person), "Ohne Einwilligung der Person")


def test_a_consent_of_another_person_is_refused(case_worker, person):
    other = Person.objects.create(file_number="AZ-K-2", family_name="Kowalenko", team=person.team)
    case = draft(case_worker, person)
    # the draft form only offers the person's own consents; the service refuses one slipped in anyway
    with pytest.raises(ValidationError) as exc:
        cases.update_draft(case_worker, case, {"commission": case.commission, "consent": consent_for(other),
                                               "question": case.question, "summary": case.summary},
                           expected_version=case.version)
    assert "andere Person" in messages_of(exc)
    CommissionCase.objects.filter(pk=case.pk).update(consent=consent_for(other))
    case.refresh_from_db()
    assert_refused(case_worker, case, "andere Person")


def test_a_consent_for_another_recipient_is_refused(case_worker, person):
    with pytest.raises(ValidationError) as exc:
        draft(case_worker, person, consent_for(person, organisation("Caritas Beispielstadt")))
    assert "nicht die gewählte Beratungskommission" in messages_of(exc)
    other_commission = commission("Beratungskommission Nachbarkreis")
    case = draft(case_worker, person, consent_for(person, other_commission), organisation=other_commission)
    CommissionCase.objects.filter(pk=case.pk).update(commission=commission())
    case.refresh_from_db()
    assert_refused(case_worker, case, "nicht die gewählte Beratungskommission")


def test_a_consent_naming_a_contact_of_the_commission_counts(case_worker, person):
    member = Contact.objects.create(organisation=commission(), name="Dr. Johanna Berger")
    case = draft(case_worker, person, consent_for(person, member))
    assert submit(case_worker, case).state == S.SUBMITTED


def test_a_revoked_consent_is_refused(case_worker, person):
    consent = consent_for(person)
    case = draft(case_worker, person, consent)
    type(consent).objects.filter(pk=consent.pk).update(revoked_at=timezone.now())
    case.refresh_from_db()
    assert_refused(case_worker, case, "widerrufen")


def test_an_expired_or_not_yet_valid_consent_is_refused(case_worker, person):
    expired = consent_for(person, valid_from=TODAY() - timedelta(days=400), valid_until=TODAY() - timedelta(days=1))
    assert_refused(case_worker, draft(case_worker, person, expired), "gilt am")
    later = consent_for(person, valid_from=TODAY() + timedelta(days=3))
    assert_refused(case_worker, draft(case_worker, person, later), "gilt am")
    # the day of submission counts: on a day within the validity it goes through
    valid_last_week = consent_for(person, valid_from=TODAY() - timedelta(days=30), valid_until=TODAY() - timedelta(days=2))
    case = draft(case_worker, person, valid_last_week)
    assert submit(case_worker, case, on=TODAY() - timedelta(days=3)).state == S.SUBMITTED


def test_a_consent_without_residence_is_refused(case_worker, person):
    consent = consent_for(person, categories=(DataCategory.IDENTITY, DataCategory.INTEGRATION))
    assert_refused(case_worker, draft(case_worker, person, consent), "Aufenthaltsstatus und bisheriger Aufenthalt")


def test_a_submission_date_in_the_future_is_refused(case_worker, person):
    case = draft(case_worker, person, consent_for(person))
    assert_refused(case_worker, case, "Zukunft", on=TODAY() + timedelta(days=1))


# --- who may do what --------------------------------------------------------------------------------------


def test_only_teamleitung_decides(case_worker, lotse, lead, person):
    case = recommended(case_worker, person)
    for user in (case_worker, lotse):
        with pytest.raises(PermissionDenied):
            decide(user, case)
    assert CommissionCase.objects.get(pk=case.pk).state == S.RECOMMENDED
    assert decide(lead, case).decided_by == lead


def test_deviating_needs_a_reason_and_no_recommendation_needs_its_own_outcome(case_worker, lead, person):
    case = recommended(case_worker, person)
    with pytest.raises(ValidationError) as exc:
        decide(lead, case, outcome="deviates")
    assert "Begründung" in messages_of(exc)
    with pytest.raises(ValidationError):
        decide(lead, case, outcome="without")
    case = decide(lead, case, outcome="deviates", reason="Straftat nach der Sitzung bekannt geworden")
    assert case.decision_reason.startswith("Straftat")
    none = recommended(case_worker, Person.objects.create(file_number="AZ-K-3", family_name="Ali", team=person.team),
                       kind="none")
    with pytest.raises(ValidationError) as exc:
        decide(lead, none, outcome="follows")
    assert "keine Empfehlung" in messages_of(exc)
    assert decide(lead, none, outcome="without").state == S.DECIDED


def test_commission_must_be_a_beratungskommission(case_worker, person):
    with pytest.raises(ValidationError) as exc:
        draft(case_worker, person, organisation=organisation("Caritas Beispielstadt"))
    assert "keine Ausländerrechtliche Beratungskommission" in messages_of(exc)
    assert not CommissionCase.objects.exists()


# --- optimistic locking -----------------------------------------------------------------------------------


def test_a_stale_edit_is_refused_and_keeps_the_stored_state(case_worker, lotse, person):
    case = draft(case_worker, person)
    seen = case.version
    data = {"commission": case.commission, "consent": None, "question": "Frage A", "summary": "Sachverhalt A"}
    cases.update_draft(lotse, case, data, expected_version=seen)
    with pytest.raises(StaleCase) as exc:
        cases.update_draft(case_worker, case, {**data, "question": "Frage B"}, expected_version=seen)
    assert exc.value.current.question == "Frage A"
    assert CommissionCase.objects.get(pk=case.pk).question == "Frage A"


def test_a_stale_step_is_refused(case_worker, lotse, person):
    case = submitted(case_worker, person)
    seen = case.version
    cases.record_recommendation(lotse, case, {"session_date": TODAY(), "kind": "postponed", "text": "Unterlagen"},
                                expected_version=seen)
    with pytest.raises(StaleCase):
        cases.record_recommendation(case_worker, case, {"session_date": TODAY(), "kind": "favourable",
                                                        "text": "doppelt"}, expected_version=seen)
    with pytest.raises(StaleCase):
        cases.withdraw(case_worker, case, "Grund", expected_version=seen)
    assert Recommendation.objects.filter(case=case).count() == 1
    assert CommissionCase.objects.get(pk=case.pk).state == S.SUBMITTED
