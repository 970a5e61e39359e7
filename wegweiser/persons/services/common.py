"""Helpers shared by the persons services."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import formats, timezone

#: Purpose written to the audit trail for work on a case file in the UI (the API passes its own).
PURPOSE = "Fallbearbeitung"


def today() -> date:
    return timezone.localdate()


def format_date(value: date | None) -> str:
    """A date as the user reads it (01.02.2024 in German); "offen" handling is the caller's."""
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


def merge_errors(errors: dict[str, list[Any]]) -> None:
    """Raise one ValidationError with all collected field errors (nothing if there are none)."""
    errors = {field: messages for field, messages in errors.items() if messages}
    if errors:
        raise ValidationError(errors)


def changed_fields(instance: Any, data: dict[str, Any]) -> list[str]:
    """Names in ``data`` whose value differs from the instance's (compared on model values)."""
    return [name for name, value in data.items() if getattr(instance, name) != value]
