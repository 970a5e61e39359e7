"""The consent of a person that the office may share data with one recipient of the network directory.

Validity is never stored: it is computed from the dates and the revocation on every request, so that a
revocation takes effect at once and an expiry needs no job.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SignedHow(models.TextChoices):
    SCAN = "scan", _("Unterschriebene Erklärung eingescannt")
    IN_OFFICE = "in_office", _("In der Behörde unterschrieben")


class ConsentStatus(models.TextChoices):
    PENDING = "pending", _("noch nicht gültig")
    VALID = "valid", _("gültig")
    EXPIRED = "expired", _("abgelaufen")
    REVOKED = "revoked", _("widerrufen")


class Consent(models.Model):
    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="consents")
    # Exactly one recipient: an organisation (all its contacts with a log-in) or one contact.
    recipient_organisation = models.ForeignKey(
        "network.Organisation", verbose_name=_("Organisation"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="consents",
    )
    recipient_contact = models.ForeignKey(
        "network.Contact", verbose_name=_("Kontaktperson"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="consents",
    )
    categories = models.JSONField(_("Datenkategorien"), default=list)  # values of policy.DataCategory
    purpose = models.TextField(_("Zweck"))
    valid_from = models.DateField(_("gültig ab"))
    valid_until = models.DateField(_("gültig bis"))
    signed_how = models.CharField(_("Unterschrieben"), max_length=16, choices=SignedHow.choices)
    signed_document = models.ForeignKey(
        "documents.Document", verbose_name=_("Unterschriebene Erklärung"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    signed_on = models.DateField(_("unterschrieben am"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revocation_reason = models.TextField(_("Grund des Widerrufs"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("Einwilligung")
        verbose_name_plural = _("Einwilligungen")
        ordering = ["-valid_until", "-pk"]
        indexes = [models.Index(fields=["person", "valid_until"])]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(recipient_organisation__isnull=False, recipient_contact__isnull=True)
                           | models.Q(recipient_organisation__isnull=True, recipient_contact__isnull=False)),
                name="consent_exactly_one_recipient",
            ),
            models.CheckConstraint(condition=models.Q(valid_until__gte=models.F("valid_from")),
                                   name="consent_valid_until_after_from"),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.recipient}"

    @property
    def recipient(self) -> object:
        return self.recipient_contact or self.recipient_organisation

    def status_on(self, on: date | None = None) -> ConsentStatus:
        on = on or timezone.localdate()
        if self.revoked_at is not None:
            return ConsentStatus.REVOKED
        if on > self.valid_until:
            return ConsentStatus.EXPIRED
        if on < self.valid_from:
            return ConsentStatus.PENDING
        return ConsentStatus.VALID

    @property
    def status(self) -> ConsentStatus:
        return self.status_on()


class ExpiryReminder(models.Model):
    """The reminder that a consent is about to expire was sent: the daily task tells each consent once only."""

    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="expiry_reminders")
    valid_until = models.DateField()  # the expiry date told, for the record
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Gesendete Erinnerung an den Ablauf einer Einwilligung")
        verbose_name_plural = _("Gesendete Erinnerungen an den Ablauf von Einwilligungen")
        constraints = [models.UniqueConstraint(fields=["consent"], name="consent_expiry_reminder_once")]
