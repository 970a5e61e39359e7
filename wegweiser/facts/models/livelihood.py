"""Employment, livelihood, housing and pension contributions."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import SMALLINT_MAX, Errors, Fact, in_range, not_before, not_in_future, yes_no_unknown


class EmploymentKind(models.TextChoices):
    EMPLOYED = "employed", _("abhängig beschäftigt")
    SELF_EMPLOYED = "self_employed", _("selbstständig")
    MINIJOB = "minijob", _("geringfügig beschäftigt")


class Employment(Fact):
    kind = models.CharField(_("Art"), max_length=20, choices=EmploymentKind.choices)
    employer = models.CharField(_("Arbeitgeber"), max_length=200, blank=True)
    starts_on = models.DateField(_("Beginn"))
    ends_on = models.DateField(_("Ende"), null=True, blank=True)
    hours_per_week = models.DecimalField(_("Stunden pro Woche"), max_digits=4, decimal_places=1, null=True, blank=True)
    social_insurance = yes_no_unknown(_("sozialversicherungspflichtig"))

    class Meta(Fact.Meta):
        verbose_name = _("Beschäftigung")
        verbose_name_plural = _("Beschäftigungen")

    def check_values(self, errors: Errors) -> None:
        super().check_values(errors)
        not_before(self, errors, "ends_on", "starts_on")
        hours = self.hours_per_week
        if hours is not None and not 0 < hours <= 60:
            errors.setdefault("hours_per_week", []).append(
                str(_("Bitte eine Wochenarbeitszeit über 0 und höchstens 60 Stunden angeben."))
            )


class LivelihoodSecured(models.TextChoices):
    FULLY = "fully", _("vollständig gesichert")
    PARTLY = "partly", _("überwiegend gesichert")
    NOT = "not", _("nicht gesichert")


class BenefitKind(models.TextChoices):
    NONE = "none", _("keine")
    SGB_II = "sgb2", _("Bürgergeld / Grundsicherung (SGB II)")
    SGB_XII = "sgb12", _("Sozialhilfe (SGB XII)")
    ASYLBLG = "asylblg", _("Asylbewerberleistungsgesetz")
    BAFOEG_BAB = "bafoeg_bab", _("BAföG / Berufsausbildungsbeihilfe")
    HOUSING_CHILD = "housing_child", _("nur Wohngeld / Kinderzuschlag")


class Livelihood(Fact):
    period_from = models.DateField(_("von"))
    period_until = models.DateField(_("bis"), null=True, blank=True)
    secured = models.CharField(_("Lebensunterhalt"), max_length=10, choices=LivelihoodSecured.choices)
    by_employment = yes_no_unknown(_("überwiegend durch Erwerbstätigkeit gesichert"))
    benefits = models.CharField(_("Leistungsbezug"), max_length=20, choices=BenefitKind.choices)
    monthly_income_eur = models.DecimalField(
        _("Einkommen pro Monat (EUR)"), max_digits=8, decimal_places=2, null=True, blank=True
    )

    class Meta(Fact.Meta):
        verbose_name = _("Lebensunterhalt")
        verbose_name_plural = _("Lebensunterhalt")

    def check_values(self, errors: Errors) -> None:
        super().check_values(errors)
        not_before(self, errors, "period_until", "period_from")
        if self.monthly_income_eur is not None and self.monthly_income_eur < 0:
            errors.setdefault("monthly_income_eur", []).append(str(_("Das Einkommen kann nicht negativ sein.")))


class Housing(Fact):
    since = models.DateField(_("seit"), null=True, blank=True)
    kind = models.CharField(_("Wohnform"), max_length=100, blank=True, help_text=_("z. B. eigene Wohnung, Gemeinschaftsunterkunft"))
    adequate = yes_no_unknown(_("ausreichender Wohnraum"))

    class Meta(Fact.Meta):
        verbose_name = _("Wohnraum")
        verbose_name_plural = _("Wohnraum")

    def check_values(self, errors: Errors) -> None:
        super().check_values(errors)
        not_in_future(self, errors, "since")


class PensionContributions(Fact):
    # Explicit storage bound, so the API schema does not depend on the database.
    months = models.PositiveSmallIntegerField(
        _("Beitragsmonate zur Rentenversicherung"), validators=[MaxValueValidator(SMALLINT_MAX)]
    )
    as_of = models.DateField(_("Stand"))

    class Meta(Fact.Meta):
        verbose_name = _("Rentenversicherungszeiten")
        verbose_name_plural = _("Rentenversicherungszeiten")

    def check_values(self, errors: Errors) -> None:
        super().check_values(errors)
        not_in_future(self, errors, "as_of")
        in_range(self, errors, "months", 0, 720, _("Bitte höchstens 720 Beitragsmonate (60 Jahre) angeben."))
