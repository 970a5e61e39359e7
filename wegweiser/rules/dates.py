"""Date arithmetic as German law counts periods, plus the two sentinels the engine uses.

A period of years or months that starts on day S ends with the day before the corresponding day (§ 188
Abs. 2 BGB), so the state "N years have passed" begins on the corresponding day itself. Where that day does
not exist (29 February, 31 April ...), the period ends on the last day of the month (§ 188 Abs. 3 BGB) and
the new state begins on the first day of the next month. Ages follow the same rule (§ 187 Abs. 2 S. 2 BGB):
someone born on 29.02.2008 is 18 on 01.03.2026.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta
from functools import lru_cache

#: "Always" for a start, "long over" for an end.
MIN_DATE = date(1, 1, 1)
#: "Never" for a start, "no end" for an end.
MAX_DATE = date(9999, 12, 31)
ONE_DAY = timedelta(days=1)


def add_months(d: date, months: int) -> date:
    """The day on which ``months`` months counted from ``d`` have passed; sentinels stay as they are."""
    if d == MIN_DATE or d == MAX_DATE:
        return d
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    if year > 9999:
        return MAX_DATE
    if year < 1:
        return MIN_DATE
    last = monthrange(year, month)[1]
    if d.day > last:
        if (year, month) == (9999, 12):
            return MAX_DATE
        return date(year, month, last) + ONE_DAY
    return date(year, month, d.day)


def add_years(d: date, years: int) -> date:
    return add_months(d, 12 * years)


def add_days(d: date, days: int) -> date:
    """Plain day arithmetic that leaves the sentinels alone and never overflows."""
    if d == MIN_DATE or d == MAX_DATE:
        return d
    try:
        return d + timedelta(days=days)
    except OverflowError:
        return MAX_DATE if days > 0 else MIN_DATE


def parse_date(text: str) -> date:
    """Strict ``YYYY-MM-DD``; raises ValueError for anything else (also 2023-02-30)."""
    if not isinstance(text, str) or len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise ValueError(f"not a date: {text!r}")
    return date.fromisoformat(text)


def parse_partial_date(text: str) -> tuple[date, date]:
    """``YYYY-MM-DD`` with ``00`` for an unknown month or day -> earliest and latest possible day."""
    if not isinstance(text, str) or len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise ValueError(f"not a date: {text!r}")
    year, month, day = int(text[:4]), int(text[5:7]), int(text[8:])
    if month == 0:
        if day != 0:
            raise ValueError(f"day without month: {text!r}")
        return date(year, 1, 1), date(year, 12, 31)
    if day == 0:
        return date(year, month, 1), date(year, month, monthrange(year, month)[1])
    exact = date(year, month, day)
    return exact, exact


@lru_cache(maxsize=8192)
def fmt(d: date | None, lang: str = "de") -> str:
    """A date for people: 01.02.2026 in German, 2026-02-01 in English; sentinels in words (cached: explanations
    format the same few dates over and over)."""
    if d is None:
        return "unbekannt" if lang == "de" else "unknown"
    if d == MAX_DATE:
        return "nie" if lang == "de" else "never"
    if d == MIN_DATE:
        return "immer" if lang == "de" else "always"
    return d.strftime("%d.%m.%Y") if lang == "de" else d.isoformat()
