"""Serializer fields the API needs beyond DRF's own."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wegweiser.core.partial_dates import PartialDate

PARTIAL_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
_PARTIAL_DATE_RE = re.compile(PARTIAL_DATE_PATTERN)

PARTIAL_DATE_DESCRIPTION = (
    "Partial date as YYYY-MM-DD where unknown parts are 00: `1990-03-14` (complete), "
    "`1990-03-00` (day unknown), `1990-00-00` (only the year known). A day without a month "
    "(`1990-00-14`) and impossible dates (`1990-02-31`) are rejected."
)


@extend_schema_field(
    {
        "type": "string",
        "pattern": PARTIAL_DATE_PATTERN,
        "example": "1990-03-00",
        "description": PARTIAL_DATE_DESCRIPTION,
    }
)
class PartialDateField(serializers.Field):
    """A date whose day or month may be unknown; one fixed, sortable text format on the wire.

    The UI also accepts German input ("00.03.1990"); the API deliberately accepts only the storage format
    so that clients cannot confuse day and month.
    """

    default_error_messages = {
        "invalid": _(
            "Bitte ein Datum im Format JJJJ-MM-TT angeben; unbekannte Teile als 00, z. B. 1990-03-00 "
            "oder 1990-00-00."
        ),
        "impossible": _("Dieses Datum ist nicht möglich (z. B. 31. Februar, Tag ohne Monat oder Jahr vor 1800)."),
    }

    def to_representation(self, value: PartialDate) -> str:
        return value.storage()

    def to_internal_value(self, data: Any) -> PartialDate:
        if not isinstance(data, str) or not _PARTIAL_DATE_RE.match(data):
            self.fail("invalid")
        try:
            return PartialDate.parse(data)
        except ValueError:
            self.fail("impossible")
