"""The case worker's recorded judgements, which the rules engine takes as facts and never makes itself."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import Fact


class JudgementKind(models.TextChoices):
    INTEGRATION_PROGNOSIS = "integration_prognosis", _("Integrationsprognose")
    ATYPICAL_CASE = "atypical_case", _("atypischer Fall")
    HARMLESS_INTERRUPTION = "harmless_interruption", _("unschädliche Unterbrechung")
    LIVELIHOOD_PROGNOSIS = "livelihood_prognosis", _("Prognose Lebensunterhalt")
    OTHER = "other", _("sonstige Bewertung")


class JudgementValue(models.TextChoices):
    POSITIVE = "positive", _("positiv / liegt vor")
    NEGATIVE = "negative", _("negativ / liegt nicht vor")


class Judgement(Fact):
    kind = models.CharField(_("Bewertung"), max_length=30, choices=JudgementKind.choices)
    value = models.CharField(_("Ergebnis"), max_length=10, choices=JudgementValue.choices)
    reason = models.TextField(_("Begründung"))
    subject = models.CharField(_("betrifft"), max_length=200, blank=True, help_text=_("z. B. Regelung oder Zeitraum"))

    class Meta(Fact.Meta):
        verbose_name = _("Bewertung der Sachbearbeitung")
        verbose_name_plural = _("Bewertungen der Sachbearbeitung")
