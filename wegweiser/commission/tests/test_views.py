"""The pages: preparing a case, the steps through the forms, refusals with clear messages, locking, the list,
the person-page section, and the audit of every read."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from wegweiser.audit.models import AuditEntry
from wegweiser.commission.models import CaseState, CommissionCase
from wegweiser.core.testing import verified_client
from wegweiser.persons.models import Person

from .samples import commission, consent_for, draft, recommended, submitted

pytestmark = pytest.mark.django_db


def url(name: str, case: CommissionCase) -> str:
    return reverse(f"commission:{name}", kwargs={"pk": case.pk})


def test_preparing_a_case_through_the_form(case_worker, person):
    consent = consent_for(person)
    client = verified_client(case_worker)
    create = reverse("commission:create", kwargs={"person_pk": person.pk})
    page = client.get(create)
    assert page.status_code == 200 and commission().name in page.content.decode()
    assert AuditEntry.objects.filter(action="view", person_id=person.pk, details__page="commission_create").exists()
    response = client.post(create, {"commission": commission().pk, "consent": consent.pk, "question": "Frage",
                                    "summary": "Sachverhalt"})
    case = CommissionCase.objects.get()
    assert response.status_code == 302 and response["Location"] == url("detail", case)
    assert case.consent == consent and case.state == CaseState.DRAFT
    # bad input: a clear message, nothing saved
    bad = client.post(create, {"commission": commission().pk, "question": "", "summary": ""})
    assert bad.status_code == 200 and "Bitte formulieren Sie die Frage" in bad.content.decode()
    assert CommissionCase.objects.count() == 1


def test_submitting_without_consent_shows_the_reason_and_saves_nothing(case_worker, person):
    case = draft(case_worker, person)
    response = verified_client(case_worker).post(url("submit", case), {
        "submitted_on": timezone.localdate().isoformat(), "version": case.version})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ohne Einwilligung der Person darf der Fall nicht an die Beratungskommission gehen" in body
    assert f"?empfaenger=org-{case.commission_id}" in body  # a way to record the consent right away
    case.refresh_from_db()
    assert case.state == CaseState.DRAFT and case.version == 1


def test_the_steps_through_the_pages(case_worker, lead, person):
    case = draft(case_worker, person, consent_for(person))
    worker, leader = verified_client(case_worker), verified_client(lead)
    today = timezone.localdate().isoformat()
    assert worker.post(url("submit", case), {"submitted_on": today, "version": 1}).status_code == 302
    assert worker.post(url("recommend", case), {"session_date": today, "kind": "favourable", "text": "Ja",
                                                "version": 2}).status_code == 302
    assert worker.get(url("decide", case)).status_code == 403
    assert worker.post(url("decide", case), {"outcome": "follows", "text": "erteilt", "decided_on": today,
                                             "version": 3}).status_code == 403
    refused = leader.post(url("decide", case), {"outcome": "deviates", "text": "abgelehnt", "decided_on": today,
                                                "version": 3})
    assert refused.status_code == 400 and "Begründung" in refused.content.decode()
    assert leader.post(url("decide", case), {"outcome": "follows", "text": "erteilt", "decided_on": today,
                                             "version": 3}).status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.DECIDED
    detail = leader.get(url("detail", case)).content.decode()
    assert "folgt der Empfehlung" in detail and "entschieden" in detail
    # a step that no longer fits the state sends the user back to the case
    assert worker.get(url("withdraw", case))["Location"] == url("detail", case)


def test_a_stale_edit_keeps_the_input_and_shows_the_stored_state(case_worker, lotse, person):
    case = draft(case_worker, person)
    data = {"commission": case.commission_id, "consent": "", "question": "Frage der Lotsin",
            "summary": case.summary, "version": case.version}
    assert verified_client(lotse).post(url("edit", case), data).status_code == 302
    response = verified_client(case_worker).post(url("edit", case), {**data, "question": "Meine Frage"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "inzwischen von jemand anderem geändert" in body
    assert "Frage der Lotsin" in body and "Meine Frage" in body
    assert CommissionCase.objects.get(pk=case.pk).question == "Frage der Lotsin"


def test_a_stale_step_is_refused_with_a_message(case_worker, person):
    case = submitted(case_worker, person)
    response = verified_client(case_worker).post(url("withdraw", case), {
        "reason": "Person verzogen", "confirm": "on", "version": case.version - 1})
    assert response.status_code == 400 and "inzwischen von jemand anderem geändert" in response.content.decode()
    assert CommissionCase.objects.get(pk=case.pk).state == CaseState.SUBMITTED


def test_the_list_filters_by_state_shows_only_visible_persons_and_is_audited(case_worker, lead, person):
    open_case = submitted(case_worker, person)
    other = Person.objects.create(file_number="AZ-K-5", family_name="Kowalenko", team=person.team)
    decided = recommended(case_worker, other)
    client = verified_client(lead)
    listing = reverse("commission:list")
    everything = client.get(listing).content.decode()
    assert "Haddad" in everything and "Kowalenko" in everything
    only_submitted = client.get(listing, {"status": "submitted"}).content.decode()
    assert "Haddad" in only_submitted and "Kowalenko" not in only_submitted
    assert client.get(listing, {"status": "unsinn"}).status_code == 400
    entry = AuditEntry.objects.filter(object_type="commission.list").last()
    assert entry.details["cases"] == [open_case.pk] and entry.details["status"] == "submitted"
    assert decided.pk not in entry.details["cases"]


def test_the_person_page_has_the_section_with_the_button(case_worker, person):
    submitted(case_worker, person)
    body = verified_client(case_worker).get(reverse("persons:detail", kwargs={"pk": person.pk})).content.decode()
    assert 'id="beratungskommission-heading"' in body and "Fall vorbereiten" in body
    assert "der Kommission vorgelegt" in body


def test_the_detail_page_is_audited(case_worker, person):
    case = draft(case_worker, person)
    verified_client(case_worker).get(url("detail", case))
    assert AuditEntry.objects.filter(action="view", person_id=person.pk, object_id=str(case.pk),
                                     details__page="commission_case").exists()
