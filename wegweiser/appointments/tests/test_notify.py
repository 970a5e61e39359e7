"""E-mails after booking, cancelling and rebooking, and the reminder task (idempotent)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import pgettext
from freezegun import freeze_time
from icalendar import Calendar

from wegweiser.audit.models import AuditEntry

from .. import tasks
from ..models import Appointment, BookingSettings, Status
from ..services import booking, links, notify
from .factories import MONDAY, at, office

pytestmark = pytest.mark.django_db
NOW = at(MONDAY, 7)


def _book(s, hour=9, **kw):
    values = {"name": "Amal Beispiel", "email": "amal@example.org", "now": NOW, **kw}
    return booking.book(service=s, starts_at=at(MONDAY, hour), **values)


def _ics(message, index=0):
    content = message.attachments[index].content
    return Calendar.from_ical(content)


def test_booking_sends_the_confirmation_after_the_commit_only(django_capture_on_commit_callbacks, settings):
    settings.SITE_URL = "https://termine.example.org"
    _, s = office()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        appointment = _book(s)
    assert not mail.outbox and len(callbacks) == 1
    callbacks[0]()
    (message,) = mail.outbox
    assert message.to == ["amal@example.org"] and appointment.reference in message.subject
    expected = "https://termine.example.org" + f"/termine/de/buchung/{links.make_token(appointment)}/"
    assert expected in message.body
    assert "Montag, 1. März 2027, 09:00" in message.body and "Raum 1.01" in message.body and "Pass, biometrisches Foto" in message.body
    assert _ics(message)["METHOD"] == "REQUEST"
    assert message.attachments[0].mimetype.startswith("text/calendar")
    assert AuditEntry.objects.filter(action="export", object_id=str(appointment.pk)).exists()


def test_the_mail_is_in_the_language_of_the_booking(django_capture_on_commit_callbacks):
    _, s = office()
    with django_capture_on_commit_callbacks(execute=True):
        appointment = _book(s, language="ar")
    body = mail.outbox[0].body
    with translation.override("ar"):
        assert pgettext("client", "Guten Tag %(name)s,") % {"name": "Amal Beispiel"} in body
        assert notify.when(appointment) in body  # date and weekday formatted for Arabic
    assert "/termine/ar/buchung/" in body and "تمديد تصريح الإقامة" in body


def test_cancel_sends_a_calendar_cancel_and_no_manage_link(django_capture_on_commit_callbacks):
    _, s = office()
    appointment = _book(s)
    with django_capture_on_commit_callbacks(execute=True):
        booking.cancel(appointment)
    (message,) = mail.outbox
    assert _ics(message)["METHOD"] == "CANCEL" and "/buchung/" not in message.body
    assert "/termine/de/" in message.body  # where to book anew


def test_rebooking_sends_one_mail_with_the_new_time_and_the_old_one_cancelled(django_capture_on_commit_callbacks):
    _, s = office()
    old = _book(s)
    with django_capture_on_commit_callbacks(execute=True):
        new = booking.rebook(old, starts_at=at(MONDAY, 10), now=NOW)
    (message,) = mail.outbox
    assert new.reference in message.subject
    assert _ics(message, 0)["METHOD"] == "REQUEST" and _ics(message, 1)["METHOD"] == "CANCEL"
    assert old.reference in str(_ics(message, 1).walk("VEVENT")[0]["UID"])


def test_no_mail_without_an_address_and_none_for_an_offer(django_capture_on_commit_callbacks):
    _, s = office()
    with django_capture_on_commit_callbacks(execute=True):
        _book(s, email="")
        offered = _book(s, hour=10, email="b@example.org", status=Status.OFFERED, public=False)
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        booking.confirm_offer(offered)
    assert len(mail.outbox) == 1 and offered.reference in mail.outbox[0].subject


def test_reminders_go_out_once_within_the_window(django_capture_on_commit_callbacks):
    _, s = office(reminder_hours=24)
    with freeze_time(at(MONDAY, 7) - timedelta(days=3)):  # booked well before the reminder window
        soon = booking.book(service=s, starts_at=at(MONDAY, 9), name="A", email="a@example.org", public=False)
        later = booking.book(service=s, starts_at=at(MONDAY + timedelta(days=2), 9), name="B",
                             email="b@example.org", public=False)
        cancelled = booking.book(service=s, starts_at=at(MONDAY, 10), name="C", email="c@example.org",
                                 public=False)
        booking.cancel(cancelled)
    with freeze_time(at(MONDAY, 7)):
        just_booked = booking.book(service=s, starts_at=at(MONDAY, 11), name="D", email="d@example.org",
                                   public=False)
        assert tasks.send_reminders() == 1
        assert tasks.send_reminders() == 0  # idempotent
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    soon.refresh_from_db()
    assert soon.reminded_at is not None
    assert not Appointment.objects.filter(pk__in=[later.pk, just_booked.pk], reminded_at__isnull=False).exists()
    assert BookingSettings.current().reminder_hours == 24


def test_a_failing_mail_server_leaves_the_reminder_for_the_next_run(monkeypatch):
    _, s = office(reminder_hours=24)
    with freeze_time(at(MONDAY, 7) - timedelta(days=3)):
        appointment = booking.book(service=s, starts_at=at(MONDAY, 9), name="A", email="a@example.org",
                                   public=False)

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    with freeze_time(at(MONDAY, 7)):
        assert tasks.send_reminders() == 0
    appointment.refresh_from_db()
    assert appointment.reminded_at is None
    monkeypatch.undo()
    with freeze_time(at(MONDAY, 7, 30)):
        assert tasks.send_reminders() == 1
