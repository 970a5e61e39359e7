"""A submission of an external partner about one person: evidence (a document) or a message to the office.

The state machine is explicit (``TRANSITIONS``): a submission starts open and is handled once, evidence by
verifying or rejecting it, a message by answering it. A handled submission is immutable (``save`` refuses).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wegweiser.accounts.policy import DataCategory
from wegweiser.documents.models import DocumentKind


class SubmissionKind(models.TextChoices):
    EVIDENCE = "evidence", gettext_lazy("Nachweis")
    MESSAGE = "message", gettext_lazy("Nachricht")


class SubmissionStatus(models.TextChoices):
    OPEN = "open", gettext_lazy("offen")
    VERIFIED = "verified", gettext_lazy("bestätigt")
    REJECTED = "rejected", gettext_lazy("zurückgewiesen")
    ANSWERED = "answered", gettext_lazy("beantwortet")


#: The only transitions there are: from open, once, to a state that fits the kind.
TRANSITIONS: dict[str, frozenset[str]] = {
    SubmissionKind.EVIDENCE: frozenset({SubmissionStatus.VERIFIED, SubmissionStatus.REJECTED}),
    SubmissionKind.MESSAGE: frozenset({SubmissionStatus.ANSWERED}),
}


class HandledSubmission(ValidationError):
    """A handled submission is on file as it was handled; nothing about it changes any more."""

    def __init__(self) -> None:
        super().__init__(_("Diese Einsendung ist bereits bearbeitet und kann nicht mehr geändert werden."),
                         code="handled")


class Submission(models.Model):
    kind = models.CharField(gettext_lazy("Art"), max_length=16, choices=SubmissionKind.choices)
    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="submissions")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=gettext_lazy("Absender"), null=True, on_delete=models.SET_NULL,
        related_name="submissions",
    )
    sender_contact = models.ForeignKey(
        "network.Contact", verbose_name=gettext_lazy("Kontaktperson"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="submissions",
    )
    subject = models.CharField(gettext_lazy("Betreff"), max_length=200)
    text = models.TextField(gettext_lazy("Text"), blank=True)  # as the partner wrote it
    document = models.ForeignKey(
        "documents.Document", verbose_name=gettext_lazy("Dokument"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="submissions",
    )
    # Kept apart from the document: the category the submission touches stays known if the file is deleted.
    document_kind = models.CharField(gettext_lazy("Art des Nachweises"), max_length=20, blank=True)
    status = models.CharField(gettext_lazy("Status"), max_length=16, choices=SubmissionStatus.choices,
                              default=SubmissionStatus.OPEN)
    created_at = models.DateTimeField(gettext_lazy("eingegangen am"), default=timezone.now)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(gettext_lazy("bearbeitet am"), null=True, blank=True)
    answer = models.TextField(gettext_lazy("Antwort der Behörde"), blank=True)  # the sender reads it
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = gettext_lazy("Einsendung")
        verbose_name_plural = gettext_lazy("Einsendungen")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"]), models.Index(fields=["person", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(status="open")
                           | models.Q(kind="evidence", status__in=["verified", "rejected"])
                           | models.Q(kind="message", status="answered")),
                name="submission_status_fits_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Refuses to change a handled submission (it stays on file as it was handled)."""
        if not self._state.adding and self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored is not None and stored != SubmissionStatus.OPEN:
                raise HandledSubmission()
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status == SubmissionStatus.OPEN

    def categories(self) -> list[DataCategory]:
        """The data categories this submission is about; the sender sees it again only while they are granted."""
        if self.kind == SubmissionKind.MESSAGE:
            return [DataCategory.IDENTITY]
        cats = [DataCategory.IDENTITY, DataCategory.DOCUMENTS]
        if self.document_kind == DocumentKind.MEDICAL:
            cats.append(DataCategory.HEALTH)
        return cats
