"""Convictions, expulsion interests and extremism indications (criminal data category)."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import SMALLINT_MAX, Errors, Fact, in_range, not_before, not_in_future, yes_no_unknown


class Conviction(Fact):
    category = "criminal"

    decided_on = models.DateField(_("Datum der Entscheidung"))
    court = models.CharField(_("Gericht"), max_length=200, blank=True)
    offence = models.CharField(_("Tat"), max_length=300)
    intentional = yes_no_unknown(_("vorsätzliche Tat"))
    # The domain ranges are checked in check_values; the validators only make the storage bound explicit, so the
    # API schema is the same on every database (the implicit bounds differ between SQLite and PostgreSQL).
    daily_rates = models.PositiveSmallIntegerField(
        _("Tagessätze"), null=True, blank=True, validators=[MaxValueValidator(SMALLINT_MAX)]
    )
    prison_months = models.PositiveSmallIntegerField(
        _("Freiheitsstrafe (Monate)"), null=True, blank=True, validators=[MaxValueValidator(SMALLINT_MAX)]
    )
    suspended = yes_no_unknown(_("zur Bewährung ausgesetzt"))
    juvenile_law = yes_no_unknown(_("nach Jugendstrafrecht"))
    immigration_only_offence = yes_no_unknown(
        _("nur ausländerrechtliche Straftat"), help_text=_("nur nach AufenthG/AsylG, die nur Ausländer begehen können")
    )
    erased_on = models.DateField(_("getilgt am"), null=True, blank=True)

    class Meta(Fact.Meta):
        verbose_name = _("Verurteilung")
        verbose_name_plural = _("Verurteilungen")

    def check_values(self, errors: Errors) -> None:
        super().check_values(errors)
        not_in_future(self, errors, "decided_on", "erased_on")
        not_before(self, errors, "erased_on", "decided_on")
        in_range(
            self, errors, "daily_rates", 5, 720,
            _("Eine Geldstrafe umfasst 5 bis 720 Tagessätze (§§ 40, 54 StGB)."),
        )
        in_range(
            self, errors, "prison_months", 1, 180,
            _("Eine zeitige Freiheitsstrafe umfasst 1 bis 180 Monate (§ 38 StGB)."),
        )


class ExpulsionInterest(Fact):
    category = "criminal"

    provision = models.CharField(_("Norm"), max_length=60, help_text=_("z. B. § 54 Abs. 2 Nr. 9 AufenthG"))
    particularly_serious = yes_no_unknown(_("besonders schwerwiegend (§ 54 Abs. 1)"))
    since = models.DateField(_("seit"), null=True, blank=True)
    description = models.CharField(_("Beschreibung"), max_length=500, blank=True)

    class Meta(Fact.Meta):
        verbose_name = _("Ausweisungsinteresse")
        verbose_name_plural = _("Ausweisungsinteressen")

    def check_values(self, errors: Errors) -> None:
        super().check_values(errors)
        not_in_future(self, errors, "since")


class ExtremismIndication(Fact):
    category = "criminal"

    noted_on = models.DateField(_("bekannt seit"))
    description = models.CharField(_("Beschreibung"), max_length=500)
    confirmed = yes_no_unknown(_("bestätigt"))

    class Meta(Fact.Meta):
        verbose_name = _("Anhaltspunkt für Extremismus")
        verbose_name_plural = _("Anhaltspunkte für Extremismus")

    def check_values(self, errors: Errors) -> None:
        super().check_values(errors)
        not_in_future(self, errors, "noted_on")
