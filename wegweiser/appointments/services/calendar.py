"""The office's calendar: local time, public holidays of its Land (``holidays`` package)."""

from __future__ import annotations

from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings


def office_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local(day: date, at: time) -> datetime:
    """An aware datetime for a wall-clock time on a day in the office's time zone."""
    return datetime.combine(day, at, tzinfo=office_zone())


@lru_cache(maxsize=64)
def _holidays(land: str, year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("DE", subdiv=land, years=year, language="de")


def holiday_name(day: date, land: str) -> str:
    """The name of the public holiday on ``day`` in ``land`` (ISO 3166-2:DE code without "DE-"), or ''."""
    return _holidays(land, day.year).get(day) or ""


def valid_lands() -> list[str]:
    return sorted(holidays.country_holidays("DE").subdivisions)
