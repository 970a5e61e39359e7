"""“Known: none”: the office checked a list (e.g. a Bundeszentralregister extract) and found no entry.

Without such a check an empty list in the file only means “nothing recorded” and is exported as unknown.
A check says “as of ``checked_on`` there was none”; entries recorded later still count (the exported list
is never empty while the file holds rows for it).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import Errors, FactSource, not_in_future


class CheckedList(models.TextChoices):
    """Lists of the situation format that can really be empty; the value is the format's field name."""

    CONVICTIONS = "convictions", _("Verurteilungen")
    EXPULSION_INTERESTS = "expulsion_interests", _("Ausweisungsinteressen")
    EXTREMISM_INDICATIONS = "extremism_indications", _("Anhaltspunkte für Extremismus")
    STAYS_ABROAD = "stays_abroad", _("Auslandsaufenthalte")
    SPOUSE = "household.spouse", _("Ehegatte oder Lebenspartner")
    CHILDREN = "household.children", _("Kinder")
    EMPLOYMENT = "employment", _("Beschäftigungen")
    VOCATIONAL_TRAINING = "vocational_training", _("Berufsausbildungen")
    LANGUAGE_CERTIFICATES = "language_certificates", _("Sprachzertifikate")
    CIVIC_TESTS = "civic_tests", _("Orientierungs- und Einbürgerungstests")
    QUALIFICATIONS = "qualifications", _("Abschlüsse")
    IDENTITY_STEPS = "identity_steps", _("Schritte zur Identitätsklärung")
    HEALTH_EXEMPTIONS = "health_exemptions", _("Befreiungen wegen Krankheit, Behinderung oder Alter")


#: Data category of each checked list (a check on convictions is criminal data like the convictions).
CHECK_CATEGORY: dict[str, str] = {
    CheckedList.CONVICTIONS: "criminal",
    CheckedList.EXPULSION_INTERESTS: "criminal",
    CheckedList.EXTREMISM_INDICATIONS: "criminal",
    CheckedList.STAYS_ABROAD: "residence",
    CheckedList.SPOUSE: "family",
    CheckedList.CHILDREN: "family",
    CheckedList.HEALTH_EXEMPTIONS: "health",
}


def category_of_subject(subject: str) -> str:
    return CHECK_CATEGORY.get(subject, "integration")


class ListCheck(models.Model):
    """The office checked ``subject`` for ``person`` on ``checked_on`` and found no entry."""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="list_checks")
    subject = models.CharField(_("Liste"), max_length=40, choices=CheckedList.choices)
    checked_on = models.DateField(_("geprüft am"))
    source = models.CharField(_("Quelle"), max_length=20, choices=FactSource.choices)
    note = models.CharField(
        _("Bemerkung"), max_length=500, blank=True, help_text=_("z. B. Auszug aus dem Bundeszentralregister vom …")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("erfasst von"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("erfasst am"), auto_now_add=True)

    class Meta:
        ordering = ["subject", "-checked_on", "-id"]
        verbose_name = _("Prüfung ohne Eintrag")
        verbose_name_plural = _("Prüfungen ohne Eintrag")
        indexes = [models.Index(fields=["person", "subject", "checked_on"])]

    def __str__(self) -> str:
        return f"{self.get_subject_display()}: {_('keine Einträge')} ({self.checked_on:%d.%m.%Y})"

    @property
    def category(self) -> str:
        return category_of_subject(self.subject)

    def clean(self) -> None:
        super().clean()
        errors: Errors = {}
        not_in_future(self, errors, "checked_on")
        if errors:
            raise ValidationError(errors)
