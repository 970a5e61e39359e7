"""A case before the Ausländerrechtliche Beratungskommission (ABK) and what happened to it.

State changes go through ``wegweiser.commission.services.cases`` only: it checks the consent, keeps the
history (``StateChange``) and the audit trail, and bumps ``version`` on every change (optimistic locking).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseState(models.TextChoices):
    DRAFT = "draft", _("in Vorbereitung")
    SUBMITTED = "submitted", _("der Kommission vorgelegt")
    RECOMMENDED = "recommended", _("Empfehlung liegt vor")
    DECIDED = "decided", _("entschieden")
    WITHDRAWN = "withdrawn", _("zurückgezogen")


class RecommendationKind(models.TextChoices):
    FAVOURABLE = "favourable", _("befürwortet die Erteilung einer Aufenthaltserlaubnis")
    NOT_FAVOURABLE = "not_favourable", _("befürwortet die Erteilung nicht")
    POSTPONED = "postponed", _("vertagt – weitere Informationen erforderlich")
    NONE = "none", _("keine Empfehlung")


class DecisionOutcome(models.TextChoices):
    FOLLOWS = "follows", _("folgt der Empfehlung")
    DEVIATES = "deviates", _("weicht von der Empfehlung ab")
    WITHOUT = "without", _("ohne Empfehlung der Kommission entschieden")


class CommissionCase(models.Model):
    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="commission_cases")
    commission = models.ForeignKey(
        "network.Organisation", verbose_name=_("Beratungskommission"), on_delete=models.PROTECT,
        related_name="commission_cases",
    )
    # Required from submission on (checked in the service); a draft may be prepared before the person signs.
    consent = models.ForeignKey(
        "consent.Consent", verbose_name=_("Einwilligung"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="commission_cases",
    )
    question = models.TextField(_("Frage an die Kommission"))
    summary = models.TextField(_("Sachverhalt aus Sicht der Ausländerbehörde"))
    state = models.CharField(_("Stand"), max_length=16, choices=CaseState.choices, default=CaseState.DRAFT)
    submitted_on = models.DateField(_("vorgelegt am"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_outcome = models.CharField(_("Entscheidung zur Empfehlung"), max_length=16,
                                        choices=DecisionOutcome.choices, blank=True)
    decision_reason = models.TextField(_("Begründung der Abweichung"), blank=True)
    decision_text = models.TextField(_("Entscheidung der Ausländerbehörde"), blank=True)
    decided_on = models.DateField(_("entschieden am"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawal_reason = models.TextField(_("Grund der Rücknahme"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Fall der Beratungskommission")
        verbose_name_plural = _("Fälle der Beratungskommission")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "submitted_on"])]

    def __str__(self) -> str:
        return f"{self.person} → {self.commission}"

    @property
    def recommendation(self) -> Recommendation | None:
        """The recommendation the case stands on (the last one that was not "postponed")."""
        return self.recommendations.exclude(kind=RecommendationKind.POSTPONED).order_by("-pk").first()


class Recommendation(models.Model):
    """One answer of the commission; "postponed" ones stay here as history while the case stays submitted."""

    case = models.ForeignKey(CommissionCase, on_delete=models.CASCADE, related_name="recommendations")
    session_date = models.DateField(_("Sitzung am"))
    kind = models.CharField(_("Empfehlung"), max_length=16, choices=RecommendationKind.choices)
    text = models.TextField(_("Wortlaut oder Zusammenfassung"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Empfehlung der Beratungskommission")
        verbose_name_plural = _("Empfehlungen der Beratungskommission")
        ordering = ["session_date", "pk"]

    def __str__(self) -> str:
        return f"{self.session_date}: {self.kind}"


class StateChange(models.Model):
    """One step in a case's history: who moved it, when, and why."""

    case = models.ForeignKey(CommissionCase, on_delete=models.CASCADE, related_name="history")
    from_state = models.CharField(_("bisheriger Stand"), max_length=16, choices=CaseState.choices, blank=True)
    to_state = models.CharField(_("neuer Stand"), max_length=16, choices=CaseState.choices)
    at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+")
    note = models.TextField(_("Bemerkung"), blank=True)

    class Meta:
        verbose_name = _("Änderung des Stands")
        verbose_name_plural = _("Änderungen des Stands")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_state or '–'} → {self.to_state}"
