"""What every integration fact carries: its source, its date and who recorded it."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: Largest value a PositiveSmallIntegerField holds on every supported database.
SMALLINT_MAX = 32767

#: Errors collected by ``Fact.check``: field name -> messages.
Errors = dict[str, list[str]]


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

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} ({self.source_date:%d.%m.%Y})" if self.source_date else str(
            self._meta.verbose_name
        )

    def clean(self) -> None:
        """Plausibility rules of the kind; messages name the field in plain German."""
        super().clean()
        errors: Errors = {}
        self.check_values(errors)
        if errors:
            raise ValidationError(errors)

    def check_values(self, errors: Errors) -> None:
        """Subclasses extend this (calling super) and add messages to ``errors``."""
        not_in_future(self, errors, "source_date")


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _label(obj: models.Model, field: str) -> str:
    return str(obj._meta.get_field(field).verbose_name)


def not_in_future(obj: models.Model, errors: Errors, *fields: str) -> None:
    """Dates that cannot lie ahead (a certificate issued tomorrow is a typing error)."""
    today = timezone.localdate()
    for field in fields:
        value = getattr(obj, field)
        if isinstance(value, date) and value > today:
            _add(errors, field, str(_("„%(label)s“ darf nicht in der Zukunft liegen.") % {"label": _label(obj, field)}))


def not_before(obj: models.Model, errors: Errors, later: str, earlier: str) -> None:
    """An end (``later``) must not lie before its start (``earlier``); the error goes to the end field."""
    end, start = getattr(obj, later), getattr(obj, earlier)
    if isinstance(end, date) and isinstance(start, date) and end < start:
        _add(
            errors, later,
            str(_("„%(end)s“ darf nicht vor „%(start)s“ liegen.") % {"end": _label(obj, later), "start": _label(obj, earlier)}),
        )


def in_range(obj: models.Model, errors: Errors, field: str, low, high, message) -> None:
    """A number within [low, high]; ``message`` is shown otherwise."""
    value = getattr(obj, field)
    if value is not None and not low <= value <= high:
        _add(errors, field, str(message))


def yes_no_unknown(verbose_name, **kwargs) -> models.BooleanField:
    """A three-valued answer: yes, no, or not known (null)."""
    return models.BooleanField(verbose_name, null=True, blank=True, **kwargs)
