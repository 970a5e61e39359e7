"""A worklist as CSV (for Excel: UTF-8 with BOM, ``;`` as separator) or XLSX.

Cells are plain values, never formulas: text that a spreadsheet would read as a formula (starting with
``=``, ``+``, ``-``, ``@``, or a tab / carriage return before one) gets a leading apostrophe, so a name
like ``=HYPERLINK(...)`` typed into a case file cannot run in the office's spreadsheet (CSV injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from .worklists import Row

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def safe_text(value: str) -> str:
    """``'=1+2`` for ``=1+2``: the apostrophe makes a spreadsheet show the text instead of computing it."""
    return "'" + value if value.startswith(FORMULA_START) else value


def header(date_label: str) -> list[str]:
    return [
        _("Aktenzeichen"), _("Familienname"), _("Vornamen"), _("Geburtsdatum"), _("Staatsangehörigkeit"),
        _("Team"), _("Integrationslotse/-lotsin"), _("Aufenthaltsstatus"), _("Status gültig bis"),
        _("Wege"), str(date_label),
    ]


def _hits(row: Row) -> str:
    parts = []
    for hit in row.hits:
        text = f"{hit.label}: {hit.outcome_label}"
        if hit.earliest_date:
            text += " " + formats.date_format(hit.earliest_date, "SHORT_DATE_FORMAT")
        parts.append(text)
    return "; ".join(parts)


def values(row: Row) -> list[Any]:
    """One person's cells: text already made safe, dates as dates (the writers format them)."""
    person = row.person
    family = person.family_name_latin or person.family_name
    given = person.given_names_latin or person.given_names
    lotse = person.lotse.display_name if person.lotse_id else ""
    texts = [person.file_number, family, given, str(person.birth_date) if person.birth_date else "",
             ", ".join(row.nationalities), person.team.name if person.team_id else "", lotse, row.status]
    return [*(safe_text(t) for t in texts), row.status_until, safe_text(_hits(row)), row.list_date]


def to_csv(rows: Iterable[Row], date_label: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header(date_label))
    for row in rows:
        writer.writerow([formats.date_format(v, "SHORT_DATE_FORMAT") if isinstance(v, date) else (v or "")
                         for v in values(row)])
    return (BOM + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows: Iterable[Row], date_label: str, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = safe_sheet_title(title)
    sheet.append(header(date_label))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([v if v not in (None, "") else None for v in values(row)])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, date):
                cell.number_format = "DD.MM.YYYY"
            elif isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text says
    for index, width in enumerate((16, 22, 22, 12, 20, 16, 24, 22, 14, 50, 14), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def safe_sheet_title(title: str) -> str:
    """Sheet names may not hold ``[]:*?/\\`` and have at most 31 characters."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in title).strip()
    return cleaned[:31] or "Liste"
