"""What was handed to the person: a record per copy given, so that the file shows which paper they hold."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HandoverMethod(models.TextChoices):
    IN_PERSON = "in_person", _("persönlich übergeben")
    POST = "post", _("per Post")
    EMAIL = "email", _("per E-Mail")


class Handover(models.Model):
    """One copy of a counselling protocol handed over. Number and checksum name the exact paper: a copy printed
    after a later addendum has another checksum. Goes with its protocol (and so with a deleted case file); the
    audit trail keeps the handover's number and checksum beyond that."""

    protocol = models.ForeignKey(
        "counselling.Protocol", verbose_name=_("Beratungsprotokoll"), on_delete=models.CASCADE,
        related_name="handovers",
    )
    language = models.CharField(_("Sprache der Ausfertigung"), max_length=8)
    document_number = models.CharField(_("Dokument-Nr."), max_length=32)
    checksum = models.CharField(_("Prüfsumme (SHA-256)"), max_length=64)
    handed_over_at = models.DateTimeField(_("übergeben am"))
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("übergeben von"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    how = models.CharField(_("Art der Übergabe"), max_length=16, choices=HandoverMethod.choices)

    class Meta:
        verbose_name = _("Übergabe einer Ausfertigung")
        verbose_name_plural = _("Übergaben von Ausfertigungen")
        ordering = ["handed_over_at", "pk"]

    def __str__(self) -> str:
        return f"{self.document_number} ({self.language}, {self.handed_over_at:%d.%m.%Y})"
