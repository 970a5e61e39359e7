"""What every integration fact carries: its source, its date and who recorded it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FactSource(models.TextChoices):
    DECLARED = "declared", _("Angabe der Person")
    DOCUMENT_SHOWN = "document_shown", _("Nachweis vorgelegt")
    VERIFIED = "verified", _("geprüft")
    PARTNER_REPORTED = "partner_reported", _("von Partnerstelle gemeldet")
    COUNSELLING = "counselling", _("in Beratung angegeben")


class Fact(models.Model):
    """Abstract base: every fact belongs to a person and keeps its provenance. Unknown stays null."""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="%(class)s_facts")
    source = models.CharField(_("Quelle"), max_length=20, choices=FactSource.choices)
    source_date = models.DateField(_("Stand der Angabe"), help_text=_("Datum der Angabe oder des Nachweises"))
    note = models.CharField(_("Bemerkung"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("erfasst von"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("erfasst am"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    #: Data category for the policy module (see accounts.policy.DataCategory).
    category = "integration"

    class Meta:
        abstract = True
        ordering = ["-source_date", "-id"]


def yes_no_unknown(verbose_name, **kwargs) -> models.BooleanField:
    """A three-valued answer: yes, no, or not known (null)."""
    return models.BooleanField(verbose_name, null=True, blank=True, **kwargs)
