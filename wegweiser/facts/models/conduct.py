"""Convictions, expulsion interests and extremism indications (criminal data category)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import Fact, yes_no_unknown


class Conviction(Fact):
    category = "criminal"

    decided_on = models.DateField(_("Datum der Entscheidung"))
    court = models.CharField(_("Gericht"), max_length=200, blank=True)
    offence = models.CharField(_("Tat"), max_length=300)
    daily_rates = models.PositiveSmallIntegerField(_("Tagessätze"), null=True, blank=True)
    prison_months = models.PositiveSmallIntegerField(_("Freiheitsstrafe (Monate)"), null=True, blank=True)
    suspended = yes_no_unknown(_("zur Bewährung ausgesetzt"))
    juvenile_law = yes_no_unknown(_("nach Jugendstrafrecht"))
    immigration_only_offence = yes_no_unknown(
        _("nur ausländerrechtliche Straftat"), help_text=_("nur nach AufenthG/AsylG, die nur Ausländer begehen können")
    )
    erased_on = models.DateField(_("getilgt am"), null=True, blank=True)

    class Meta(Fact.Meta):
        verbose_name = _("Verurteilung")
        verbose_name_plural = _("Verurteilungen")


class ExpulsionInterest(Fact):
    category = "criminal"

    provision = models.CharField(_("Norm"), max_length=60, help_text=_("z. B. § 54 Abs. 2 Nr. 9 AufenthG"))
    particularly_serious = yes_no_unknown(_("besonders schwerwiegend (§ 54 Abs. 1)"))
    since = models.DateField(_("seit"), null=True, blank=True)
    description = models.CharField(_("Beschreibung"), max_length=500, blank=True)

    class Meta(Fact.Meta):
        verbose_name = _("Ausweisungsinteresse")
        verbose_name_plural = _("Ausweisungsinteressen")


class ExtremismIndication(Fact):
    category = "criminal"

    noted_on = models.DateField(_("bekannt seit"))
    description = models.CharField(_("Beschreibung"), max_length=500)
    confirmed = yes_no_unknown(_("bestätigt"))

    class Meta(Fact.Meta):
        verbose_name = _("Anhaltspunkt für Extremismus")
        verbose_name_plural = _("Anhaltspunkte für Extremismus")
