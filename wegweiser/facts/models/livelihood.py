"""Employment, livelihood, housing and pension contributions."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import Fact, yes_no_unknown


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
    benefits = models.CharField(_("Leistungsbezug"), max_length=20, choices=BenefitKind.choices)
    monthly_income_eur = models.DecimalField(
        _("Einkommen pro Monat (EUR)"), max_digits=8, decimal_places=2, null=True, blank=True
    )

    class Meta(Fact.Meta):
        verbose_name = _("Lebensunterhalt")
        verbose_name_plural = _("Lebensunterhalt")


class Housing(Fact):
    since = models.DateField(_("seit"), null=True, blank=True)
    kind = models.CharField(_("Wohnform"), max_length=100, blank=True, help_text=_("z. B. eigene Wohnung, Gemeinschaftsunterkunft"))
    adequate = yes_no_unknown(_("ausreichender Wohnraum"))

    class Meta(Fact.Meta):
        verbose_name = _("Wohnraum")
        verbose_name_plural = _("Wohnraum")


class PensionContributions(Fact):
    months = models.PositiveSmallIntegerField(_("Beitragsmonate zur Rentenversicherung"))
    as_of = models.DateField(_("Stand"))

    class Meta(Fact.Meta):
        verbose_name = _("Rentenversicherungszeiten")
        verbose_name_plural = _("Rentenversicherungszeiten")
