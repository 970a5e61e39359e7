"""Dates as recorded in practice: day or month may be unknown ("00.00.1990").

Stored as ``YYYY-MM-DD`` text with ``00`` for unknown parts, which sorts correctly and stays readable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

_GERMAN = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")
_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})\.(\d{4})\s*$")
_YEAR = re.compile(r"^\s*(\d{4})\s*$")


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int = 0  # 0 = unknown
    day: int = 0  # 0 = unknown

    def __post_init__(self) -> None:
        if not 1800 <= self.year <= 2200:
            raise ValueError("year out of range")
        if not 0 <= self.month <= 12:
            raise ValueError("month out of range")
        if self.month == 0 and self.day != 0:
            raise ValueError("day without month")
        if self.day:
            date(self.year, self.month, self.day)  # raises ValueError for 31.02.

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``TT.MM.JJJJ`` (with 00 for unknown parts), ``MM.JJJJ``, ``JJJJ`` or ISO ``JJJJ-MM-TT``."""
        if m := _GERMAN.match(text):
            day, month, year = (int(g) for g in m.groups())
        elif m := _ISO.match(text):
            year, month, day = (int(g) for g in m.groups())
        elif m := _MONTH_YEAR.match(text):
            month, year, day = int(m.group(1)), int(m.group(2)), 0
        elif m := _YEAR.match(text):
            year, month, day = int(m.group(1)), 0, 0
        else:
            raise ValueError(f"not a date: {text!r}")
        return cls(year, month, day)

    @classmethod
    def from_date(cls, value: date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @property
    def is_complete(self) -> bool:
        return bool(self.month and self.day)

    def earliest(self) -> date:
        """The earliest real date this could be (used where a cautious lower bound is needed)."""
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        """The latest real date this could be."""
        if self.day:
            return date(self.year, self.month, self.day)
        if self.month:
            nxt = date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date(self.year, 12, 31)

    def storage(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return f"{self.day:02d}.{self.month:02d}.{self.year:04d}"


class PartialDateField(models.CharField):
    """Model field holding a :class:`PartialDate`."""

    description = _("Datum, Tag oder Monat ggf. unbekannt")

    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = 10
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("max_length", None)
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return None if value in (None, "") else PartialDate.parse(value)

    def to_python(self, value):
        if value is None or isinstance(value, PartialDate):
            return value
        if isinstance(value, date):
            return PartialDate.from_date(value)
        if value == "":
            return None
        try:
            return PartialDate.parse(str(value))
        except ValueError as exc:
            raise ValidationError(
                _("Bitte ein gültiges Datum angeben, z. B. 14.03.1990 oder 00.00.1990, wenn Tag und Monat unbekannt sind."),
                code="invalid",
            ) from exc

    def get_prep_value(self, value):
        value = self.to_python(value)
        return None if value is None else value.storage()

    def value_to_string(self, obj):
        value = self.value_from_object(obj)
        return "" if value is None else value.storage()

    def formfield(self, **kwargs):
        from .forms import PartialDateFormField

        kwargs.setdefault("form_class", PartialDateFormField)
        return super().formfield(**kwargs)
