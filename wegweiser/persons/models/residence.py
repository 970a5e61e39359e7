"""Residence history: status periods, entries and stays abroad."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResidenceStatus(models.TextChoices):
    AUFENTHALTSERLAUBNIS = "aufenthaltserlaubnis", _("Aufenthaltserlaubnis")
    NIEDERLASSUNGSERLAUBNIS = "niederlassungserlaubnis", _("Niederlassungserlaubnis")
    DAUERAUFENTHALT_EU = "daueraufenthalt_eu", _("Erlaubnis zum Daueraufenthalt-EU")
    VISUM = "visum", _("Visum")
    AUFENTHALTSGESTATTUNG = "aufenthaltsgestattung", _("Aufenthaltsgestattung")
    DULDUNG = "duldung", _("Duldung")
    FIKTIONSBESCHEINIGUNG = "fiktionsbescheinigung", _("Fiktionsbescheinigung")
    NONE = "none", _("kein Status")


class DuldungKind(models.TextChoices):
    GENERAL = "60a", _("Duldung nach § 60a AufenthG")
    UNCLEAR_IDENTITY = "60b", _("Duldung für Personen mit ungeklärter Identität (§ 60b)")
    AUSBILDUNG = "60c", _("Ausbildungsduldung (§ 60c)")
    BESCHAEFTIGUNG = "60d", _("Beschäftigungsduldung (§ 60d)")


class ResidencePeriod(models.Model):
    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="residence_periods")
    status = models.CharField(_("Status"), max_length=32, choices=ResidenceStatus.choices)
    legal_basis = models.CharField(
        _("Rechtsgrundlage"), max_length=100, blank=True, help_text=_("z. B. § 25b Abs. 1 AufenthG")
    )
    duldung_kind = models.CharField(_("Art der Duldung"), max_length=3, choices=DuldungKind.choices, blank=True)
    valid_from = models.DateField(_("gültig ab"))
    valid_until = models.DateField(_("gültig bis"), null=True, blank=True)
    document_number = models.CharField(_("Dokumentennummer"), max_length=64, blank=True)
    note = models.CharField(_("Bemerkung"), max_length=250, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Aufenthaltszeitraum")
        verbose_name_plural = _("Aufenthaltszeiträume")
        ordering = ["valid_from"]
        # status+valid_from: the dashboard counts transitions into a permit per month (one aggregate query).
        indexes = [models.Index(fields=["person", "valid_from"]), models.Index(fields=["status", "valid_until"]),
                   models.Index(fields=["status", "valid_from"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=models.F("valid_from")),
                name="residence_period_until_after_from",
            )
        ]


class Entry(models.Model):
    """An entry into Germany."""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="entries")
    date = models.DateField(_("Einreisedatum"))
    is_first_entry = models.BooleanField(_("erste Einreise"), default=False)
    note = models.CharField(_("Bemerkung"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("Einreise")
        verbose_name_plural = _("Einreisen")
        ordering = ["date"]


class StayAbroad(models.Model):
    """A stay outside Germany (relevant for interruptions of residence)."""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="stays_abroad")
    left_on = models.DateField(_("ausgereist am"))
    returned_on = models.DateField(_("zurück am"), null=True, blank=True)
    destination = models.CharField(_("Ziel"), max_length=120, blank=True)
    reason = models.CharField(_("Grund"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("Auslandsaufenthalt")
        verbose_name_plural = _("Auslandsaufenthalte")
        ordering = ["left_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(returned_on__isnull=True) | models.Q(returned_on__gte=models.F("left_on")),
                name="stay_abroad_return_after_leave",
            )
        ]
