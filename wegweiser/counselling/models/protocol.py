"""The protocol of one counselling session, written under a concept version, and its addenda.

A draft is saved as often as the author likes (also automatically). Finalising gives it a document number and
freezes it: the model refuses every later change, so corrections can only be addenda.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProtocolStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    FINAL = "final", _("abgeschlossen")


class InterpreterMode(models.TextChoices):
    NONE = "none", _("ohne Dolmetschung")
    IN_PERSON = "in_person", _("vor Ort")
    PHONE = "phone", _("am Telefon")
    VIDEO = "video", _("per Video")


class FinalProtocol(ValidationError):
    """A finalised protocol was about to be changed."""

    def __init__(self) -> None:
        super().__init__(_("Ein abgeschlossenes Protokoll kann nicht mehr geändert werden. Nutzen Sie einen Nachtrag."))


class Protocol(models.Model):
    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="counselling_protocols")
    concept = models.ForeignKey("counselling.Concept", on_delete=models.PROTECT, related_name="protocols")
    counselling_type = models.ForeignKey(
        "counselling.CounsellingType", verbose_name=_("Beratungsart"), on_delete=models.PROTECT,
        related_name="protocols",
    )
    held_on = models.DateField(_("Datum des Gesprächs"))
    duration_minutes = models.PositiveSmallIntegerField(_("Dauer in Minuten"), null=True, blank=True)
    participants = models.TextField(_("Teilnehmende"), blank=True)
    interpreter_language = models.CharField(
        _("Sprache der Dolmetschung"), max_length=8, blank=True, help_text=_("ISO-639-1-Code, z. B. ar, fa, uk")
    )
    interpreter_mode = models.CharField(
        _("Dolmetschung"), max_length=16, choices=InterpreterMode.choices, default=InterpreterMode.NONE
    )
    topics_covered = models.ManyToManyField(
        "counselling.Topic", verbose_name=_("Besprochene Themen"), blank=True, related_name="protocols"
    )
    # Required topics not covered: {"<topic pk>": "reason"}; finalising needs a reason for each one left out.
    topics_not_discussed = models.JSONField(_("Nicht besprochene Themen"), default=dict, blank=True)
    handed_over = models.TextField(_("Ausgehändigte Informationen und Unterlagen"), blank=True)
    # Facts created from achievements the person disclosed: [{"kind": "<fact kind slug>", "id": <pk>}].
    achievement_facts = models.JSONField(default=list, blank=True, editable=False)
    urgency_explained = models.BooleanField(_("Dringlichkeit der Mitwirkung erläutert"), default=False)
    supporters = models.ManyToManyField(
        "network.Contact", verbose_name=_("Benannte Unterstützende"), blank=True, related_name="counselling_protocols"
    )
    supporters_text = models.TextField(
        _("Weitere Unterstützende"), blank=True, help_text=_("Personen, die nicht im Netzwerkverzeichnis stehen")
    )
    next_steps = models.TextField(_("Nächste Schritte"), blank=True)
    follow_up_on = models.DateField(_("Wiedervorlage am"), null=True, blank=True)
    status = models.CharField(_("Status"), max_length=8, choices=ProtocolStatus.choices, default=ProtocolStatus.DRAFT)
    finalised_at = models.DateTimeField(_("abgeschlossen am"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("abgeschlossen von"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    document_number = models.CharField(_("Dokument-Nr."), max_length=32, unique=True, null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    # The edit page (browser tab) that saved last: its own automatic saves do not make its next save stale.
    edit_token = models.CharField(max_length=32, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Beratungsprotokoll")
        verbose_name_plural = _("Beratungsprotokolle")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["status", "follow_up_on"])]

    def __str__(self) -> str:
        return self.document_number or f"{_('Entwurf')} {self.pk}"

    def save(self, *args, **kwargs) -> None:
        if self.stored_final():
            raise FinalProtocol()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.stored_final():
            raise FinalProtocol()
        return super().delete(*args, **kwargs)

    @property
    def is_final(self) -> bool:
        return self.status == ProtocolStatus.FINAL

    def stored_final(self) -> bool:
        """Whether the row in the database is final (what counts, not this possibly changed instance)."""
        return bool(self.pk) and Protocol.objects.filter(pk=self.pk, status=ProtocolStatus.FINAL).exists()


class ProtocolAddendum(models.Model):
    """A correction or addition to a final protocol; addenda are never changed either."""

    protocol = models.ForeignKey(Protocol, on_delete=models.CASCADE, related_name="addenda")
    text = models.TextField(_("Nachtrag"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("erfasst von"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("erfasst am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Nachtrag")
        verbose_name_plural = _("Nachträge")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.protocol} – {self.created_at:%d.%m.%Y}"

    def save(self, *args, **kwargs) -> None:
        if self.pk and ProtocolAddendum.objects.filter(pk=self.pk).exists():
            raise ValidationError(_("Ein Nachtrag kann nicht geändert werden."))
        super().save(*args, **kwargs)


class ProtocolNumber(models.Model):
    """The last document number given per year; incremented in one UPDATE so two finalisings never collide."""

    year = models.PositiveSmallIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Nummernkreis Beratungsprotokolle")


def refuse_m2m_on_final(sender: Any, instance: Any, action: str, reverse: bool, **kwargs: Any) -> None:
    """Topics and supporters of a final protocol stay as they were (connected in ``apps.ready``)."""
    if action not in ("pre_add", "pre_remove", "pre_clear"):
        return
    if not reverse and isinstance(instance, Protocol) and instance.stored_final():
        raise FinalProtocol()


class FollowUpReminder(models.Model):
    """A follow-up reminder already sent, so that the daily task tells each follow-up date once only."""

    protocol = models.ForeignKey(Protocol, on_delete=models.CASCADE, related_name="follow_up_reminders")
    for_date = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Gesendete Wiedervorlage")
        verbose_name_plural = _("Gesendete Wiedervorlagen")
        constraints = [models.UniqueConstraint(fields=["protocol", "for_date"], name="counselling_follow_up_once")]
