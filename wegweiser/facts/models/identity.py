"""Identity clarification and passports."""

import pycountry
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import Errors, Fact, not_before, not_in_future

#: Codes in use on travel documents that ISO 3166 does not (yet) list.
_EXTRA_COUNTRY_CODES = frozenset({"XK"})  # Kosovo


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

    def check_values(self, errors: Errors) -> None:
        super().check_values(errors)
        not_in_future(self, errors, "clarified_on")
        if self.clarified_on and self.status and self.status != IdentityStatus.CLARIFIED:
            errors.setdefault("clarified_on", []).append(
                str(_("Ein Datum „geklärt am“ passt nur zum Stand „geklärt“."))
            )


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

    def check_values(self, errors: Errors) -> None:
        super().check_values(errors)
        not_in_future(self, errors, "taken_on")


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

    def check_values(self, errors: Errors) -> None:
        super().check_values(errors)
        not_in_future(self, errors, "valid_from")
        not_before(self, errors, "valid_until", "valid_from")
        if self.issuing_country:
            self.issuing_country = self.issuing_country.strip().upper()
            code = self.issuing_country
            if code not in _EXTRA_COUNTRY_CODES and pycountry.countries.get(alpha_2=code) is None:
                errors.setdefault("issuing_country", []).append(
                    str(_("Bitte den Staat als zweistelligen Ländercode angeben (ISO 3166), z. B. SY oder AF."))
                )
