"""The calendar files parse with the icalendar package and follow RFC 5545/5546."""

from __future__ import annotations

from datetime import timedelta

import pytest
from icalendar import Calendar

from ..services import booking, ics
from .factories import MONDAY, at, office

pytestmark = pytest.mark.django_db
NOW = at(MONDAY, 7)


def _appointment(**kw):
    _, s = office()
    return booking.book(service=s, starts_at=at(MONDAY, 9), name="Amal Beispiel", email="amal@example.org",
                        now=NOW, **kw)


def _event(data: bytes):
    cal = Calendar.from_ical(data)
    (event,) = cal.walk("VEVENT")
    return cal, event


def test_a_request_has_the_required_properties_in_utc(settings):
    settings.SITE_URL = "https://termine.example.org"
    appointment = _appointment(language="en")
    cal, event = _event(ics.calendar(appointment))
    assert cal["VERSION"] == "2.0" and cal["PRODID"] and cal["METHOD"] == "REQUEST"
    assert str(event["UID"]) == f"{appointment.reference}@termine.example.org"
    assert event.decoded("DTSTAMP").tzinfo is not None
    assert event.decoded("DTSTART") == at(MONDAY, 9) and event.decoded("DTSTART").utcoffset() == timedelta(0)
    assert b"DTSTART:20270301T080000Z" in ics.calendar(appointment)  # UTC form (RFC 5545, 3.3.5)
    assert event.decoded("DTEND") == at(MONDAY, 9, 15)
    assert str(event["SUMMARY"]) == "Appointment: Extend a residence permit"  # in the booking language
    assert "Raum 1.01" in str(event["LOCATION"])
    assert appointment.reference in str(event["DESCRIPTION"]) and "Passport, photo" in str(event["DESCRIPTION"])
    assert str(event["ORGANIZER"]).startswith("mailto:") and str(event["ATTENDEE"]) == "mailto:amal@example.org"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert b"\r\n" in ics.calendar(appointment)  # content lines end with CRLF


def test_a_cancel_keeps_the_uid_and_raises_the_sequence():
    appointment = _appointment()
    _, requested = _event(ics.calendar(appointment))
    cancelled = booking.cancel(appointment)
    cal, event = _event(ics.calendar(cancelled, method="CANCEL"))
    assert cal["METHOD"] == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
    assert event["UID"] == requested["UID"] and event["SEQUENCE"] > requested["SEQUENCE"]


def test_the_download_is_a_plain_publish_without_attendees_in_the_page_language():
    appointment = _appointment(language="de")
    cal, event = _event(ics.calendar(appointment, method="PUBLISH", language="ar"))
    assert cal["METHOD"] == "PUBLISH" and "ATTENDEE" not in event and "ORGANIZER" not in event
    assert "تمديد تصريح الإقامة" in str(event["SUMMARY"])
    with pytest.raises(ValueError):
        ics.calendar(appointment, method="REPLY")
