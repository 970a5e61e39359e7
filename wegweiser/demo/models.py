"""A record of the demo data set in this database, so that tools can tell what was seeded and with what."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoDataset(models.Model):
    """One run of ``seed_demo``: seed, size and reference date. Deleted with the demo data (``--reset``)."""

    seed = models.BigIntegerField(_("Startwert"))
    persons = models.PositiveIntegerField(_("Personen"))
    reference_date = models.DateField(_("Stichtag"))
    counts = models.JSONField(_("Anzahlen"), default=dict, blank=True)
    seconds = models.FloatField(_("Dauer (Sekunden)"), null=True, blank=True)
    created_at = models.DateTimeField(_("erzeugt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Demodatensatz")
        verbose_name_plural = _("Demodatensätze")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Demodaten: {self.persons} Personen, Startwert {self.seed}, Stichtag {self.reference_date:%d.%m.%Y}"
