"""The inbox services: submitting under consent (and every refusal), handling with optimistic locking, the
state machine, immutability, the document marks, audit and the Lotse's notification."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from freezegun import freeze_time

from wegweiser.accounts.policy import DataCategory
from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.consent.models import Consent
from wegweiser.consent.tests.samples import grant, partner
from wegweiser.core.testing import make_user
from wegweiser.documents.models import Document, DocumentOrigin, DocumentReview
from wegweiser.documents.tests.samples import exe_bytes, pdf_upload, upload
from wegweiser.facts.models.base import FactSource
from wegweiser.facts.models.language import LanguageCertificate
from wegweiser.inbox import services
from wegweiser.inbox.models import HandledSubmission, Submission, SubmissionKind, SubmissionStatus
from wegweiser.notifications.models import Notification

from .samples import evidence, message, supporter_for


def test_evidence_is_filed_as_partner_document_pending_and_notifies_the_lotsin(supporter, person, lotsin):
    submission = evidence(supporter, person)
    assert submission.kind == SubmissionKind.EVIDENCE and submission.status == SubmissionStatus.OPEN
    assert submission.sender == supporter and submission.sender_contact == supporter.network_contact
    document = submission.document
    assert document.person == person and document.origin == DocumentOrigin.PARTNER
    assert document.review == DocumentReview.PENDING and document.uploaded_by == supporter
    assert document.storage_path.exists()
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_type="inbox.submission",
                                     actor_id=supporter.pk, person_id=person.pk).exists()
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_type="documents.document",
                                     object_id=str(document.pk)).exists()
    note = Notification.objects.get(recipient=lotsin)
    assert "AZ-7" in note.message and note.person == person and note.url.endswith(f"/eingang/{submission.pk}/")


def test_message_is_stored_as_written(supporter, person):
    submission = message(supporter, person, subject="  Termin ", text="Zeile 1\nZeile 2")
    assert submission.kind == SubmissionKind.MESSAGE and submission.document is None
    assert submission.subject == "Termin" and submission.text == "Zeile 1\nZeile 2"


def test_no_notification_without_a_lotse(supporter, person):
    person.lotse = None
    person.save()
    message(supporter, person)
    assert not Notification.objects.exists()


def test_bad_input_saves_nothing(supporter, person):
    with pytest.raises(ValidationError) as exc:
        services.send_message(supporter, person, subject=" ", text="")
    assert set(exc.value.message_dict) == {"subject", "text"}
    with pytest.raises(ValidationError) as exc:
        services.submit_evidence(supporter, person, upload=upload("x.exe", exe_bytes()), kind="certificate",
                                 title="Zertifikat")
    assert "Nur PDF-, JPEG- und PNG-Dateien" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError) as exc:
        services.submit_evidence(supporter, person, upload=pdf_upload(), kind="certificate", title=" ")
    assert "title" in exc.value.message_dict
    assert not Submission.objects.exists() and not Document.objects.exists()


def test_a_failure_after_storing_removes_document_and_file(supporter, person, private_media, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("after the file")

    monkeypatch.setattr(services, "_after_submit", boom)
    with pytest.raises(RuntimeError):
        evidence(supporter, person)
    assert not Document.objects.exists() and not Submission.objects.exists()
    assert not [p for p in private_media.rglob("*") if p.is_file()]


# --- refusals -----------------------------------------------------------------------------------------


def _submit(kind: str, user, person):
    if kind == "evidence":
        return evidence(user, person)
    return message(user, person)


@pytest.mark.parametrize("kind", ["evidence", "message"])
def test_refused_before_consent(kind, person):
    user = partner(Role.KIM_FALLMANAGEMENT)
    with pytest.raises(PermissionDenied):
        _submit(kind, user, person)
    assert not Submission.objects.exists()


@pytest.mark.parametrize("kind", ["evidence", "message"])
def test_refused_after_revocation(kind, supporter, person):
    Consent.objects.update(revoked_at=timezone.now())
    with pytest.raises(PermissionDenied):
        _submit(kind, supporter, person)
    assert not Submission.objects.exists()


@pytest.mark.parametrize("kind", ["evidence", "message"])
def test_refused_after_expiry(kind, supporter, person):
    consent = Consent.objects.get()
    with freeze_time(consent.valid_until + timedelta(days=1)), pytest.raises(PermissionDenied):
        _submit(kind, supporter, person)
    assert not Submission.objects.exists()


@pytest.mark.parametrize("kind", ["evidence", "message"])
def test_refused_for_another_person(kind, supporter, other):
    with pytest.raises(PermissionDenied):
        _submit(kind, supporter, other)
    assert not Submission.objects.exists()


def test_evidence_needs_the_documents_category(person):
    user = supporter_for(person, categories=[DataCategory.IDENTITY, DataCategory.INTEGRATION])
    with pytest.raises(PermissionDenied):
        evidence(user, person)
    message(user, person)  # the identity basics suffice for a message


def test_message_needs_the_identity_category(person):
    user = partner(Role.BERATUNGSDIENST)
    grant(person, to=user, categories=[DataCategory.DOCUMENTS])  # no identity basics (not recordable in the UI)
    with pytest.raises(PermissionDenied):
        message(user, person)


def test_a_medical_document_needs_health(supporter, person):
    with pytest.raises(PermissionDenied):
        evidence(supporter, person, kind="medical", title="Attest")
    user = supporter_for(person, categories=[DataCategory.IDENTITY, DataCategory.DOCUMENTS, DataCategory.HEALTH])
    assert evidence(user, person, kind="medical", title="Attest").document.kind == "medical"


def test_staff_cannot_submit_as_partners(staff, person):
    with pytest.raises(PermissionDenied):
        message(staff, person)


# --- handling -----------------------------------------------------------------------------------------


def test_verify_marks_the_document_and_links_a_fact(supporter, person, staff):
    certificate = LanguageCertificate.objects.create(
        person=person, level="B1", scope="complete", exam="DTZ", issued_on=timezone.localdate(),
        source=FactSource.DOCUMENT_SHOWN, source_date=timezone.localdate())
    submission = evidence(supporter, person)
    handled = services.verify(staff, submission, expected_version=1, fact=certificate, note="Danke")
    assert handled.status == SubmissionStatus.VERIFIED and handled.handled_by == staff and handled.version == 2
    assert handled.answer == "Danke"
    document = Document.objects.get(pk=submission.document_id)
    assert document.review == DocumentReview.VERIFIED and document.reviewed_by == staff
    assert document.fact == certificate
    assert AuditEntry.objects.filter(action=AuditAction.CHANGE, object_type="inbox.submission").exists()


def test_verify_refuses_a_fact_of_another_person(supporter, person, other, staff):
    foreign = LanguageCertificate.objects.create(
        person=other, level="A2", scope="complete", exam="DTZ", issued_on=timezone.localdate(),
        source=FactSource.DOCUMENT_SHOWN, source_date=timezone.localdate())
    submission = evidence(supporter, person)
    with pytest.raises(ValidationError):
        services.verify(staff, submission, expected_version=1, fact=foreign)
    submission.refresh_from_db()
    assert submission.is_open and submission.document.review == DocumentReview.PENDING


def test_reject_needs_a_reason_and_marks_the_document(supporter, person, staff):
    submission = evidence(supporter, person)
    with pytest.raises(ValidationError):
        services.reject(staff, submission, expected_version=1, reason=" ")
    handled = services.reject(staff, submission, expected_version=1, reason="Unleserlich")
    assert handled.status == SubmissionStatus.REJECTED and handled.answer == "Unleserlich"
    assert Document.objects.get(pk=submission.document_id).review == DocumentReview.REJECTED


def test_answer_needs_text(supporter, person, staff):
    submission = message(supporter, person)
    with pytest.raises(ValidationError):
        services.answer(staff, submission, expected_version=1, text="")
    assert services.answer(staff, submission, expected_version=1, text="Ja, 10 Uhr").status == "answered"


def test_the_state_machine_fits_the_kind(supporter, person, staff):
    with pytest.raises(ValidationError):
        services.answer(staff, evidence(supporter, person), expected_version=1, text="Antwort")
    with pytest.raises(ValidationError):
        services.verify(staff, message(supporter, person), expected_version=1)
    assert Submission.objects.filter(status=SubmissionStatus.OPEN).count() == 2


def test_optimistic_locking_and_immutability(supporter, person, staff):
    submission = message(supporter, person)
    colleague = make_user(Role.TEAMLEITUNG, username="tl", team=staff.team)
    services.answer(colleague, submission, expected_version=1, text="Erledigt")
    with pytest.raises(services.AlreadyHandled) as exc:
        services.answer(staff, submission, expected_version=1, text="Meine Antwort")
    assert "inzwischen" in exc.value.messages[0] and colleague.display_name in exc.value.messages[0]
    stored = Submission.objects.get(pk=submission.pk)
    assert stored.answer == "Erledigt" and stored.handled_by == colleague
    stored.answer = "geändert"
    with pytest.raises(HandledSubmission):
        stored.save()
    assert Submission.objects.get(pk=submission.pk).answer == "Erledigt"


def test_a_stale_version_is_refused(supporter, person, staff):
    submission = message(supporter, person)
    Submission.objects.filter(pk=submission.pk).update(version=5)
    with pytest.raises(services.StaleSubmission):
        services.answer(staff, submission, expected_version=1, text="Antwort")
    assert Submission.objects.get(pk=submission.pk).is_open


def test_handling_is_team_bound(supporter, person):
    outsider = make_user(Role.SACHBEARBEITUNG, username="sb2", team=None)
    from wegweiser.accounts.models import Team

    outsider.team = Team.objects.create(name="Team 9")
    outsider.save()
    submission = message(supporter, person)
    with pytest.raises(PermissionDenied):
        services.answer(outsider, submission, expected_version=1, text="Antwort")
    with pytest.raises(PermissionDenied):
        services.answer(supporter, submission, expected_version=1, text="selbst beantwortet")


def test_sender_sees_a_submission_only_while_the_consent_covers_it(supporter, person):
    submission = evidence(supporter, person)
    assert services.sender_may_see(supporter, submission)
    Consent.objects.update(revoked_at=timezone.now())
    assert not services.sender_may_see(supporter, Submission.objects.get(pk=submission.pk))


def test_inbox_and_open_count(supporter, person, staff):
    message(supporter, person)
    handled = message(supporter, person)
    services.answer(staff, handled, expected_version=1, text="ok")
    assert services.open_count(staff) == 1
    assert services.inbox(staff).count() == 2
    assert services.open_count(supporter) == 0  # external accounts have no inbox (not case roles)
