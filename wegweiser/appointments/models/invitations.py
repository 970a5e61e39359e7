"""Proactive service: people whose permit expires soon are invited with an appointment offer, and a timely
application leads to the Fiktionsbescheinigung step, so nobody is left without papers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy


class InvitationStatus(models.TextChoices):
    INVITED = "invited", gettext_lazy("eingeladen")
    BOOKED = "booked", gettext_lazy("Termin bestätigt")
    APPLIED = "applied", gettext_lazy("Antrag gestellt")
    CLOSED = "closed", gettext_lazy("erledigt")


class Invitation(models.Model):
    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="invitations")
    residence_period = models.ForeignKey("persons.ResidencePeriod", on_delete=models.CASCADE,
                                         related_name="invitations")
    expires_on = models.DateField(gettext_lazy("Titel gültig bis"))
    appointment = models.ForeignKey("appointments.Appointment", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="invitations")
    status = models.CharField(gettext_lazy("Status"), max_length=16, choices=InvitationStatus.choices,
                              default=InvitationStatus.INVITED)
    language = models.CharField(max_length=8, default="de")
    emailed = models.BooleanField(default=False)
    letter = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    reacted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("Einladung")
        verbose_name_plural = gettext_lazy("Einladungen")
        ordering = ["expires_on"]
        constraints = [models.UniqueConstraint(fields=["residence_period"], name="one_invitation_per_period")]


class FiktionStatus(models.TextChoices):
    OPEN = "open", gettext_lazy("Fiktionsbescheinigung auszustellen")
    ISSUED = "issued", gettext_lazy("Fiktionsbescheinigung ausgestellt")
    NOT_NEEDED = "not_needed", gettext_lazy("nicht erforderlich (Titel erteilt)")


class ExtensionApplication(models.Model):
    """An application to extend a permit. If it came before the permit ended (timely, § 81 Abs. 4 AufenthG),
    the Fiktionsbescheinigung step opens (§ 81 Abs. 5 AufenthG) until it is issued or the permit is granted."""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="extension_applications")
    residence_period = models.ForeignKey("persons.ResidencePeriod", on_delete=models.CASCADE,
                                         related_name="extension_applications")
    applied_on = models.DateField(gettext_lazy("Antrag gestellt am"))
    timely = models.BooleanField(gettext_lazy("rechtzeitig"))
    fiktion_status = models.CharField(gettext_lazy("Fiktionsbescheinigung"), max_length=16,
                                      choices=FiktionStatus.choices, blank=True)
    fiktion_issued_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = gettext_lazy("Verlängerungsantrag")
        verbose_name_plural = gettext_lazy("Verlängerungsanträge")
        ordering = ["-applied_on"]
