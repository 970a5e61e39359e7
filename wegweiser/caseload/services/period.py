"""Whole months as the dashboard's unit of time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone

#: The longest period one dashboard shows (months); longer ones would make the monthly chart unreadable.
MAX_MONTHS = 36
DEFAULT_MONTHS = 12


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """The first of the month ``months`` after (or before) the month of ``day``."""
    index = day.year * 12 + (day.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    """From the first day of ``first`` to the last day of ``last`` (both first-of-month dates)."""

    first: date
    last: date

    @classmethod
    def last_months(cls, today: date, count: int = DEFAULT_MONTHS) -> Period:
        last = month_start(today)
        return cls(add_months(last, -(count - 1)), last)

    @property
    def end_exclusive(self) -> date:
        return add_months(self.last, 1)

    @property
    def months(self) -> list[date]:
        result, current = [], self.first
        while current <= self.last:
            result.append(current)
            current = add_months(current, 1)
        return result

    def aware_bounds(self) -> tuple[datetime, datetime]:
        """The period as local-time datetimes, for DateTimeFields (start inclusive, end exclusive)."""
        tz = timezone.get_current_timezone()
        return datetime.combine(self.first, time.min, tzinfo=tz), datetime.combine(self.end_exclusive, time.min, tzinfo=tz)
