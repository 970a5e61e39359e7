"""Submitting (partners) and handling (staff) submissions. Policy, validation, audit and notification here.

Partners: every submission asks the policy with the person and the category (EVIDENCE_SUBMIT with documents,
and health for a medical document; MESSAGE_SEND with identity), which only a valid consent grants. Staff:
SUBMISSION_HANDLE on the person (team-bound). Handling is one transition from open, under a row lock and the
``version`` the form was loaded with, so two staff members never both handle the same submission.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action, DataCategory
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.documents.models import Document, DocumentKind
from wegweiser.persons.services.common import PURPOSE

from .models import TRANSITIONS, HandledSubmission, Submission, SubmissionKind, SubmissionStatus

#: Purpose written to the audit trail for what partners do (as for their reads, see consent.external).
PARTNER_PURPOSE = "Zusammenarbeit mit Einwilligung"


class StaleSubmission(ValidationError):
    """The submission changed since the form was loaded (in practice: someone else handled it)."""

    def __init__(self, current: Submission) -> None:
        super().__init__(_("Diese Einsendung wurde inzwischen von jemand anderem bearbeitet. Ihre Eingabe wurde "
                           "nicht gespeichert. Bitte prüfen Sie den aktuellen Stand."), code="stale")
        self.current = current


class AlreadyHandled(HandledSubmission):
    """Someone handled the submission before this request; ``current`` says who and how."""

    def __init__(self, current: Submission) -> None:
        who = current.handled_by.display_name if current.handled_by else _("jemand anderem")
        ValidationError.__init__(
            self,
            _("Diese Einsendung wurde inzwischen von %(who)s bearbeitet (%(status)s). Ihre Eingabe wurde nicht "
              "gespeichert.") % {"who": who, "status": current.get_status_display()},
            code="handled",
        )
        self.current = current


# --- partners ---------------------------------------------------------------------------------------


def _sender_contact(user: Any) -> Any:
    return getattr(user, "network_contact", None)


def _required(value: str, field: str, message: str, errors: dict[str, list[str]]) -> str:
    value = (value or "").strip()
    if not value:
        errors.setdefault(field, []).append(message)
    return value


def submit_evidence(user: Any, person: Any, *, upload: UploadedFile | None, kind: str, title: str,
                    text: str = "") -> Submission:
    """File a partner's evidence with the person's documents (pending review) and open a submission for it.

    One transaction; if anything after storing the file fails, the file is removed again, so a failed
    submission leaves neither a document nor a file behind."""
    policy.require(user, Action.EVIDENCE_SUBMIT, person, DataCategory.DOCUMENTS)
    if kind == DocumentKind.MEDICAL:
        policy.require(user, Action.EVIDENCE_SUBMIT, person, DataCategory.HEALTH)
    errors: dict[str, list[str]] = {}
    if kind not in DocumentKind.values:
        errors["kind"] = [_("Bitte wählen Sie die Art des Nachweises.")]
    title = _required(title, "title", _("Bitte geben Sie an, was der Nachweis belegt (Bezeichnung)."), errors)
    if upload is None:
        errors["file"] = [_("Bitte wählen Sie die Datei des Nachweises.")]
    if errors:
        raise ValidationError(errors)
    from wegweiser.documents.services import store_partner_document

    stored: list[Document] = []
    try:
        with transaction.atomic():
            document = store_partner_document(user=user, person=person, upload=upload, kind=kind, title=title)
            stored.append(document)
            submission = Submission.objects.create(
                kind=SubmissionKind.EVIDENCE, person=person, sender=user, sender_contact=_sender_contact(user),
                subject=title, text=(text or "").strip(), document=document, document_kind=kind,
            )
            _after_submit(user, submission)
    except BaseException:
        for document in stored:
            document.storage_path.unlink(missing_ok=True)
        raise
    return submission


def send_message(user: Any, person: Any, *, subject: str, text: str) -> Submission:
    """A partner writes to the office about a person (needs the identity basics granted)."""
    policy.require(user, Action.MESSAGE_SEND, person, DataCategory.IDENTITY)
    errors: dict[str, list[str]] = {}
    subject = _required(subject, "subject", _("Bitte geben Sie einen Betreff an."), errors)
    text = _required(text, "text", _("Bitte schreiben Sie Ihre Nachricht."), errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        submission = Submission.objects.create(
            kind=SubmissionKind.MESSAGE, person=person, sender=user, sender_contact=_sender_contact(user),
            subject=subject, text=text,
        )
        _after_submit(user, submission)
    return submission


def _after_submit(user: Any, submission: Submission) -> None:
    """Audit the submission and tell the person's Lotse/Lotsin, if one is assigned."""
    record(actor=user, action=AuditAction.CREATE, purpose=PARTNER_PURPOSE, person=submission.person,
           obj=submission, details={"kind": submission.kind, "document": submission.document_id})
    lotse = submission.person.lotse
    if lotse is not None and lotse.is_active:
        from wegweiser.notifications.services.delivery import notify

        message = (_("Neuer Nachweis eines Partners zur Akte %(file_number)s")
                   if submission.kind == SubmissionKind.EVIDENCE
                   else _("Neue Nachricht eines Partners zur Akte %(file_number)s"))
        notify(lotse, message=message % {"file_number": submission.person.file_number},
               url=reverse("inbox:detail", kwargs={"pk": submission.pk}), person=submission.person)


def own_submissions(user: Any) -> QuerySet[Submission]:
    """What this account sent; whether it may still see the person's data is asked per row (consent)."""
    return Submission.objects.filter(sender=user).select_related("person", "handled_by")


def sender_may_see(user: Any, submission: Submission) -> bool:
    """Whether the sender may still see what the submission says about the person (a valid consent for
    every category it touches)."""
    return all(policy.may(user, Action.PERSON_VIEW, submission.person, c) for c in submission.categories())


# --- staff ------------------------------------------------------------------------------------------


def inbox(user: Any) -> QuerySet[Submission]:
    """Submissions about the persons this user may see; none for a user without the inbox (e.g. partners,
    who see persons under consent but not what others submitted about them)."""
    from wegweiser.persons.models import Person

    if not policy.may(user, Action.INBOX_VIEW):
        return Submission.objects.none()
    return Submission.objects.filter(person__in=policy.visible_persons(user, Person.objects.all()))


def open_count(user: Any) -> int:
    return inbox(user).filter(status=SubmissionStatus.OPEN).count()


def _handle(user: Any, submission: Submission, status: str, *, expected_version: int, answer: str,
            fact: Any = None) -> Submission:
    policy.require(user, Action.SUBMISSION_HANDLE, submission.person)
    if status not in TRANSITIONS[submission.kind]:
        raise ValidationError(_("Diese Bearbeitung passt nicht zur Art der Einsendung."), code="transition")
    with transaction.atomic():
        current = (Submission.objects.select_for_update(of=("self",))
                   .select_related("handled_by").get(pk=submission.pk))
        if not current.is_open:
            raise AlreadyHandled(current)
        if current.version != expected_version:
            raise StaleSubmission(current)
        if current.kind == SubmissionKind.EVIDENCE and current.document is not None:
            from wegweiser.documents.services import review_partner_document

            review_partner_document(user=user, document=current.document,
                                    verified=status == SubmissionStatus.VERIFIED, fact=fact)
        elif fact is not None:
            raise ValidationError(_("Der Nachweis liegt nicht mehr vor; er kann mit keinem Eintrag verknüpft "
                                    "werden."), code="no_document")
        current.status = status
        current.answer = answer
        current.handled_by = user
        current.handled_at = timezone.now()
        current.version += 1
        current.save()
        record(actor=user, action=AuditAction.CHANGE, purpose=PURPOSE, person=current.person, obj=current,
               details={"status": status, "fact": getattr(fact, "pk", None)})
    return current


def verify(user: Any, submission: Submission, *, expected_version: int, fact: Any = None,
           note: str = "") -> Submission:
    """Staff checked the evidence: the document counts as verified (optionally proving ``fact``)."""
    return _handle(user, submission, SubmissionStatus.VERIFIED, expected_version=expected_version,
                   answer=(note or "").strip(), fact=fact)


def reject(user: Any, submission: Submission, *, expected_version: int, reason: str) -> Submission:
    """Staff do not accept the evidence; the sender reads the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Bitte nennen Sie den Grund der Zurückweisung; der Absender liest "
                                            "ihn.")]})
    return _handle(user, submission, SubmissionStatus.REJECTED, expected_version=expected_version, answer=reason)


def answer(user: Any, submission: Submission, *, expected_version: int, text: str) -> Submission:
    """Staff answer a partner's message; the sender reads the answer."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"answer": [_("Bitte schreiben Sie eine Antwort.")]})
    return _handle(user, submission, SubmissionStatus.ANSWERED, expected_version=expected_version, answer=text)
