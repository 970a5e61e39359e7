"""Health-related exemptions (health data category)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import Errors, Fact, not_in_future


class ExemptionScope(models.TextChoices):
    LANGUAGE = "language", _("Sprachanforderungen")
    CIVIC_TEST = "civic_test", _("Orientierungs-/Einbürgerungstest")
    LIVELIHOOD = "livelihood", _("Lebensunterhalt")
    ALL_INTEGRATION = "all", _("alle Integrationsanforderungen")


class HealthExemption(Fact):
    """An illness or disability that exempts from a requirement (e.g. § 25b Abs. 3 AufenthG)."""

    category = "health"

    scope = models.CharField(_("befreit von"), max_length=20, choices=ExemptionScope.choices)
    certificate_date = models.DateField(_("Attest vom"), null=True, blank=True)
    description = models.CharField(_("Beschreibung"), max_length=500, blank=True)

    class Meta(Fact.Meta):
        verbose_name = _("gesundheitliche Befreiung")
        verbose_name_plural = _("gesundheitliche Befreiungen")

    def check_values(self, errors: Errors) -> None:
        super().check_values(errors)
        not_in_future(self, errors, "certificate_date")
