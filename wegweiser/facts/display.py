"""Human-readable values of facts, generated from the model fields so all kinds look alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import models
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .models import Fact

#: Fields every fact has; they are shown in their own columns, not among the kind's details.
BASE_FIELDS = frozenset({"id", "person", "source", "source_date", "note", "recorded_by", "recorded_at", "version"})


@dataclass(frozen=True)
class Detail:
    label: str
    value: str
    unknown: bool = False


def specific_fields(model: type[Fact]) -> list[models.Field]:
    """The fields that make this kind of fact what it is (not the provenance fields)."""
    return [f for f in model._meta.concrete_fields if f.name not in BASE_FIELDS]


def format_value(obj: models.Model, field: models.Field) -> str:
    """The value as staff read it; ``""`` for empty and ``"unbekannt"`` for an unknown yes/no answer."""
    value = getattr(obj, field.attname)
    if isinstance(field, models.BooleanField):
        if value is None:
            return _("unbekannt")
        return _("ja") if value else _("nein")
    if value is None or value == "":
        return ""
    if field.choices:
        return str(getattr(obj, f"get_{field.name}_display")())
    if isinstance(value, datetime):
        return formats.date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal):
        return formats.number_format(value, decimal_pos=None, use_l10n=True)
    return str(value)


def describe(fact: Fact, *, include_empty: bool = False) -> list[Detail]:
    """Label/value pairs of the kind-specific fields; empty ones only when asked for."""
    details = []
    for field in specific_fields(type(fact)):
        value = format_value(fact, field)
        unknown = isinstance(field, models.BooleanField) and getattr(fact, field.attname) is None
        if not include_empty and (value == "" or unknown):
            continue
        details.append(Detail(str(field.verbose_name), value or "–", unknown))
    return details


def fact_title(fact: Fact) -> str:
    """A short name for one entry, for headings, link texts and choices ("Sprachzertifikat B1, 01.02.2024").

    Takes the kind's first filled choice or short text field as key and its first filled date (else the
    date of the statement), so entries of one kind can be told apart.
    """
    fields = specific_fields(type(fact))
    key = ""
    for field in sorted(fields, key=lambda f: not f.choices):
        if isinstance(field, models.CharField) and getattr(fact, field.attname):
            key = format_value(fact, field)
            break
    if len(key) > 40:
        key = key[:39] + "…"
    day = next(
        (getattr(fact, f.attname) for f in fields if isinstance(f, models.DateField) and getattr(fact, f.attname)),
        fact.source_date,
    )
    values = {
        "kind": capfirst(type(fact)._meta.verbose_name),
        "key": key,
        "date": formats.date_format(day, "SHORT_DATE_FORMAT") if day else "–",
    }
    return (_("%(kind)s: %(key)s, %(date)s") if key else _("%(kind)s vom %(date)s")) % values


#: KERN badge variant per source: verified proof stands out from a mere statement.
SOURCE_BADGES = {
    "verified": "success",
    "document_shown": "success",
    "partner_reported": "info",
    "counselling": "info",
    "declared": "warning",
}


def source_badge(fact: Fact) -> str:
    return SOURCE_BADGES.get(fact.source, "info")
