"""Identity clarification and passports."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import Fact


class IdentityStatus(models.TextChoices):
    CLARIFIED = "clarified", _("geklärt")
    NOT_CLARIFIED = "not_clarified", _("ungeklärt")
    IN_PROGRESS = "in_progress", _("in Klärung")


class IdentityClarification(Fact):
    status = models.CharField(_("Identität"), max_length=20, choices=IdentityStatus.choices)
    clarified_on = models.DateField(_("geklärt am"), null=True, blank=True)
    means = models.CharField(_("geklärt durch"), max_length=200, blank=True, help_text=_("z. B. Nationalpass, Geburtsurkunde"))

    class Meta(Fact.Meta):
        verbose_name = _("Identitätsklärung")
        verbose_name_plural = _("Identitätsklärung")


class IdentityStepKind(models.TextChoices):
    PASSPORT_APPLICATION = "passport_application", _("Passbeantragung bei der Auslandsvertretung")
    EMBASSY_APPOINTMENT = "embassy_appointment", _("Vorsprache bei der Botschaft")
    CIVIL_DOCUMENTS = "civil_documents", _("Beschaffung von Personenstandsurkunden")
    LAWYER_IN_COUNTRY = "lawyer_in_country", _("Beauftragung eines Vertrauensanwalts")
    OTHER = "other", _("sonstige Mitwirkungshandlung")


class IdentityStep(Fact):
    """A step taken to clarify identity or obtain a passport (Mitwirkungshandlung), with its date."""

    kind = models.CharField(_("Art"), max_length=30, choices=IdentityStepKind.choices)
    taken_on = models.DateField(_("unternommen am"))
    outcome = models.CharField(_("Ergebnis"), max_length=300, blank=True)

    class Meta(Fact.Meta):
        verbose_name = _("Schritt zur Identitätsklärung")
        verbose_name_plural = _("Schritte zur Identitätsklärung")


class PassportKind(models.TextChoices):
    NATIONAL = "national", _("Nationalpass")
    SUBSTITUTE = "substitute", _("Passersatz")
    TRAVEL_DOCUMENT = "travel_document", _("Reiseausweis")


class Passport(Fact):
    kind = models.CharField(_("Art"), max_length=20, choices=PassportKind.choices)
    number = models.CharField(_("Nummer"), max_length=40, blank=True)
    issuing_country = models.CharField(_("ausstellender Staat"), max_length=2, blank=True)
    valid_from = models.DateField(_("gültig ab"), null=True, blank=True)
    valid_until = models.DateField(_("gültig bis"), null=True, blank=True)

    class Meta(Fact.Meta):
        verbose_name = _("Pass")
        verbose_name_plural = _("Pässe")
