"""Stored assessments ("Prüfstände"): what the engine said on a date, kept unchanged for print or decision."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SnapshotPurpose(models.TextChoices):
    PRINT = "print", _("Ausdruck")
    DECISION = "decision", _("Entscheidungsgrundlage")


class ImmutableSnapshot(Exception):
    """A stored assessment is evidence of what was known and computed; it is never changed afterwards."""


class AssessmentSnapshot(models.Model):
    """One assessment with everything needed to reproduce it: the situation used, the date, the engine and
    law versions. Created once, never updated (``save`` refuses); deleted only with the case file."""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="assessment_snapshots")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("gespeichert am"), auto_now_add=True)
    purpose = models.CharField(_("Zweck"), max_length=10, choices=SnapshotPurpose.choices)
    as_of = models.DateField(_("Stichtag"))
    engine_version = models.CharField(_("Version des Prüfmoduls"), max_length=64)
    #: pathway id -> {"valid_from": ..., "valid_until": ...} of the law version applied
    law_versions = models.JSONField(_("Gesetzesfassungen"), default=dict)
    assessment = models.JSONField(_("Prüfergebnis"))
    situation = models.JSONField(_("Verwendete Angaben"))
    note = models.TextField(_("Vermerk"), blank=True, max_length=2000)
    decision_reference = models.CharField(_("Bezug der Entscheidung"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("gespeicherte Prüfung")
        verbose_name_plural = _("gespeicherte Prüfungen")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.as_of:%Y-%m-%d}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableSnapshot("an assessment snapshot cannot be changed")
        super().save(*args, **kwargs)
