"""The partner pages and the staff inbox through the client: buttons by policy, submitting, the list with and
without a valid consent, filters, handling with a conflict, the person-page section, the documents list and
the navigation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from wegweiser.accounts.policy import DataCategory
from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.consent.models import Consent
from wegweiser.core.testing import make_user, verified_client
from wegweiser.documents.models import DocumentReview
from wegweiser.documents.tests.samples import exe_bytes, pdf_upload, upload
from wegweiser.inbox import services
from wegweiser.inbox.models import Submission, SubmissionStatus

from .samples import evidence, message, supporter_for


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_external_person_page_shows_the_buttons_by_policy(supporter, person):
    url = reverse("consent:external_person", kwargs={"pk": person.pk})
    page = _page(verified_client(supporter), url)
    assert "Nachweis einreichen" in page and "Nachricht an die Behörde" in page
    identity_only = supporter_for(person, categories=[DataCategory.IDENTITY], username="nur-id")
    page = _page(verified_client(identity_only), url)
    assert "Nachweis einreichen" not in page and "Nachricht an die Behörde" in page


def test_partner_submits_evidence_and_message_and_sees_them(supporter, person):
    client = verified_client(supporter)
    url = reverse("inbox:submit_evidence", kwargs={"pk": person.pk})
    page = _page(client, url)
    assert "ärztliche Bescheinigung" not in page  # medical only with the health category
    response = client.post(url, {"file": pdf_upload(), "kind": "certificate", "title": "Zertifikat B1",
                                 "text": "bestanden"})
    assert response.status_code == 302 and response["Location"] == reverse("inbox:my_submissions")
    response = client.post(reverse("inbox:send_message", kwargs={"pk": person.pk}),
                           {"subject": "Termin", "text": "Montag?"})
    assert response.status_code == 302
    page = _page(client, reverse("inbox:my_submissions"))
    assert "Zertifikat B1" in page and "Termin" in page and "Haddad" in page and "offen" in page
    assert AuditEntry.objects.filter(action=AuditAction.VIEW, actor_id=supporter.pk,
                                     object_type="inbox.submission").exists()


def test_bad_upload_is_explained_and_nothing_saved(supporter, person):
    client = verified_client(supporter)
    url = reverse("inbox:submit_evidence", kwargs={"pk": person.pk})
    response = client.post(url, {"file": upload("x.pdf", exe_bytes()), "kind": "certificate", "title": "X"})
    assert response.status_code == 400
    assert "Nur PDF-, JPEG- und PNG-Dateien" in response.content.decode()
    response = client.post(url, {"kind": "certificate", "title": ""})
    assert response.status_code == 400 and "Bitte wählen Sie die Datei des Nachweises." in response.content.decode()
    response = client.post(url, {"file": pdf_upload(), "kind": "medical", "title": "Attest"})
    assert response.status_code == 400  # not offered without the health category
    response = client.post(reverse("inbox:send_message", kwargs={"pk": person.pk}), {"subject": "", "text": ""})
    assert response.status_code == 400 and "Bitte geben Sie einen Betreff an." in response.content.decode()
    assert not Submission.objects.exists()


@pytest.mark.parametrize("name", ["inbox:submit_evidence", "inbox:send_message"])
def test_partner_pages_refuse_without_valid_consent(name, supporter, person, other):
    client = verified_client(supporter)
    assert client.get(reverse(name, kwargs={"pk": other.pk})).status_code == 404  # other person
    today = timezone.localdate()
    Consent.objects.update(valid_from=today - timedelta(days=30), signed_on=today - timedelta(days=30),
                           valid_until=today - timedelta(days=1))  # after expiry
    assert client.get(reverse(name, kwargs={"pk": person.pk})).status_code == 404
    Consent.objects.update(valid_until=today + timedelta(days=30), revoked_at=timezone.now())  # after revocation
    assert client.get(reverse(name, kwargs={"pk": person.pk})).status_code == 404
    assert client.post(reverse(name, kwargs={"pk": person.pk}), {"subject": "x", "text": "y"}).status_code == 404
    assert not Submission.objects.exists()


def test_evidence_page_refuses_another_category(person):
    user = supporter_for(person, categories=[DataCategory.IDENTITY, DataCategory.INTEGRATION], username="integ")
    client = verified_client(user)
    assert client.get(reverse("inbox:submit_evidence", kwargs={"pk": person.pk})).status_code == 403
    assert client.get(reverse("inbox:send_message", kwargs={"pk": person.pk})).status_code == 200


def test_my_submissions_hide_the_person_after_revocation(supporter, person):
    evidence(supporter, person, title="Zertifikat B1")
    Consent.objects.update(revoked_at=timezone.now())
    page = _page(verified_client(supporter), reverse("inbox:my_submissions"))
    assert "Die Einwilligung der Person gilt nicht mehr" in page
    assert "Haddad" not in page and "Zertifikat B1" not in page


def test_inbox_lists_filters_and_handles(supporter, person, staff):
    proof = evidence(supporter, person, title="Zertifikat B1")
    note = message(supporter, person, subject="Termin")
    client = verified_client(staff)
    page = _page(client, reverse("inbox:list"))
    assert "Zertifikat B1" in page and "Termin" in page
    assert "Eingang (2 offen)" in page
    page = _page(client, reverse("inbox:list") + "?status=offen&art=message")
    assert "Termin" in page and "Zertifikat B1" not in page
    detail = _page(client, reverse("inbox:detail", kwargs={"pk": proof.pk}))
    assert reverse("documents:download", kwargs={"pk": proof.document_id}) in detail
    assert "Nachweis bestätigen" in detail and "Zurückweisen" in detail
    response = client.post(reverse("inbox:verify", kwargs={"pk": proof.pk}), {"version": "1", "fact": ""})
    assert response.status_code == 302
    response = client.post(reverse("inbox:answer", kwargs={"pk": note.pk}), {"version": "1", "answer": ""})
    assert response.status_code == 400 and "Bitte schreiben Sie eine Antwort." in response.content.decode()
    response = client.post(reverse("inbox:answer", kwargs={"pk": note.pk}), {"version": "1", "answer": "Ja"})
    assert response.status_code == 302
    assert "Keine offenen Einsendungen." in _page(client, reverse("inbox:list"))
    page = _page(client, reverse("inbox:list") + "?status=erledigt")
    assert "bestätigt" in page and "beantwortet" in page
    assert AuditEntry.objects.filter(action=AuditAction.VIEW, object_type="inbox.submission",
                                     object_id=str(proof.pk), actor_id=staff.pk).exists()


def test_a_conflict_is_explained(supporter, person, staff):
    note = message(supporter, person)
    colleague = make_user(Role.TEAMLEITUNG, username="tl", team=staff.team)
    services.answer(colleague, note, expected_version=1, text="Schon erledigt")
    response = verified_client(staff).post(reverse("inbox:answer", kwargs={"pk": note.pk}),
                                           {"version": "1", "answer": "Meine Antwort"})
    assert response.status_code == 409
    assert "inzwischen von" in response.content.decode()
    assert Submission.objects.get(pk=note.pk).answer == "Schon erledigt"


def test_reject_needs_a_reason_on_the_page(supporter, person, staff):
    proof = evidence(supporter, person)
    client = verified_client(staff)
    response = client.post(reverse("inbox:reject", kwargs={"pk": proof.pk}), {"version": "1", "reason": ""})
    assert response.status_code == 400 and "Grund der Zurückweisung" in response.content.decode()
    assert client.post(reverse("inbox:reject", kwargs={"pk": proof.pk}),
                       {"version": "1", "reason": "Unleserlich"}).status_code == 302
    assert Submission.objects.get(pk=proof.pk).status == SubmissionStatus.REJECTED
    page = _page(verified_client(supporter), reverse("inbox:my_submissions"))
    assert "zurückgewiesen" in page and "Unleserlich" in page


def test_person_page_section_and_documents_marks(supporter, person, staff):
    proof = evidence(supporter, person, title="Zertifikat B1")
    client = verified_client(staff)
    page = _page(client, reverse("persons:detail", kwargs={"pk": person.pk}))
    assert 'id="eingang-heading"' in page and "Nachweis: Zertifikat B1" in page
    assert "von Partner eingereicht – noch nicht geprüft" in page
    services.verify(staff, proof, expected_version=1)
    page = _page(client, reverse("persons:detail", kwargs={"pk": person.pk}))
    assert "von Partner eingereicht – noch nicht geprüft" not in page
    assert proof.document.__class__.objects.get(pk=proof.document_id).review == DocumentReview.VERIFIED
    assert "geprüft" in page


def test_navigation(supporter, staff, person):
    message(supporter, person)
    assert "Meine Einsendungen" in _page(verified_client(supporter), reverse("consent:my_persons"))
    staff_page = _page(verified_client(staff), reverse("persons:search"))
    assert "Eingang (1 offen)" in staff_page and "Meine Einsendungen" not in staff_page
