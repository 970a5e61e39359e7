"""A Zielvereinbarung: what the person and the office agreed to work towards, and how it went.

Status changes go through ``wegweiser.goals.services.transitions`` only, which keeps the history
(``StatusChange``) and the audit trail complete.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class GoalStatus(models.TextChoices):
    AGREED = "agreed", _("vereinbart")
    IN_PROGRESS = "in_progress", _("in Arbeit")
    ACHIEVED = "achieved", _("erreicht")
    MISSED = "missed", _("nicht erreicht")
    CANCELLED = "cancelled", _("aufgehoben")


class ResponsibleKind(models.TextChoices):
    PERSON = "person", _("die Person selbst")
    LOTSE = "lotse", _("Integrationslotse/-lotsin")
    KIM = "kim", _("KIM-Fallmanagement")
    PARTNER = "partner", _("Partnerorganisation")


OPEN_STATUSES = (GoalStatus.AGREED, GoalStatus.IN_PROGRESS, GoalStatus.MISSED)


class Zielvereinbarung(models.Model):
    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("Ziel"), max_length=300)
    indicator = models.TextField(_("Messbarer Indikator"), help_text=_("Woran erkennbar ist, dass das Ziel erreicht ist."))
    due_date = models.DateField(_("Zieldatum"), null=True, blank=True)
    responsible_kind = models.CharField(
        _("Verantwortlich"), max_length=16, choices=ResponsibleKind.choices, default=ResponsibleKind.PERSON
    )
    responsible_name = models.CharField(_("Name der verantwortlichen Stelle"), max_length=200, blank=True)
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Verantwortliches Benutzerkonto"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="responsible_goals",
    )
    support = models.TextField(_("Angebotene Unterstützung"), blank=True)
    status = models.CharField(_("Status"), max_length=16, choices=GoalStatus.choices, default=GoalStatus.AGREED)
    # The rules engine's pathway and condition ids when the goal closes a gap the engine named.
    pathway = models.CharField(_("Aufenthaltsweg"), max_length=32, blank=True)
    condition = models.CharField(_("Voraussetzung"), max_length=64, blank=True)
    next_review = models.DateField(_("Nächste Überprüfung"), null=True, blank=True)
    language = models.CharField(
        _("Sprache des Ausdrucks"), max_length=8, blank=True, help_text=_("ISO-639-1-Code, z. B. ar, fa, uk")
    )
    signed_document = models.ForeignKey(
        "documents.Document", verbose_name=_("Unterschriebene Fassung"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    achieved_at = models.DateTimeField(_("erreicht am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Zielvereinbarung")
        verbose_name_plural = _("Zielvereinbarungen")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["status", "next_review"]), models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class StatusChange(models.Model):
    """One step in a goal's history; ``by`` is empty when the system changed the status (auto-achieve)."""

    goal = models.ForeignKey(Zielvereinbarung, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("bisheriger Status"), max_length=16, choices=GoalStatus.choices, blank=True)
    to_status = models.CharField(_("neuer Status"), max_length=16, choices=GoalStatus.choices)
    at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+")
    reason = models.TextField(_("Begründung"), blank=True)

    class Meta:
        verbose_name = _("Statusänderung")
        verbose_name_plural = _("Statusänderungen")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '–'} → {self.to_status}"
