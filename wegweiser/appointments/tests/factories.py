"""Test data for the appointments app: an office with counters, opening hours and a small catalogue."""

from __future__ import annotations

from datetime import date, datetime, time

from ..models import BookingSettings, Counter, OpeningHours, Service
from ..services import slots
from ..services.calendar import local

#: A Monday without a public holiday in NRW, far enough ahead for every test that freezes "now" before it.
MONDAY = date(2027, 3, 1)


def counter(name: str = "Schalter 1", *, weekdays=range(5), opens: time = time(8), closes: time = time(12),
            staff=None) -> Counter:
    c = Counter.objects.create(name=name, location="Raum 1.01", staff=staff)
    for weekday in weekdays:
        OpeningHours.objects.create(counter=c, weekday=weekday, opens=opens, closes=closes)
    return c


def service(code: str = "verlaengerung", *, counters=(), duration: int = 15, **values) -> Service:
    s = Service.objects.create(
        code=code, duration_minutes=duration,
        name=values.pop("name", {"de": "Aufenthaltserlaubnis verlängern", "en": "Extend a residence permit",
                                 "ar": "تمديد تصريح الإقامة"}),
        what_to_bring=values.pop("what_to_bring", {"de": "Pass, biometrisches Foto", "en": "Passport, photo"}),
        **values,
    )
    s.counters.set(counters)
    return s


def office(*, today: date = MONDAY, slot_minutes: int = 15, horizon_days: int = 14, min_lead_hours: int = 0,
           invitation_notice_days: int = 0, **settings_values):
    """Settings, one counter open Mon–Fri 8–12, one service on it; slots published from ``today``."""
    BookingSettings.objects.update_or_create(pk=1, defaults={
        "slot_minutes": slot_minutes, "horizon_days": horizon_days, "min_lead_hours": min_lead_hours,
        "invitation_notice_days": invitation_notice_days, **settings_values})
    c = counter()
    s = service(counters=[c])
    slots.publish(today=today)
    return c, s


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return local(day, time(hour, minute))
