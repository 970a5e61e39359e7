"""The public booking pages through Django's test client: language in the path, booking with the bot defence,
the per-person limit and a taken time, the manage link (audited), cancel, rebook, confirm an offer, .ics."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from wegweiser.audit.models import AuditEntry

from ..models import Allocation, Appointment, BookingSettings, LotteryRound, Status
from ..services import availability, booking, bot_defence, links
from ..services.calendar import local
from .factories import counter, office, service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def svc():
    """The office from the factories, with slots from today on (real time: the pages use the clock)."""
    _, s = office(today=timezone.localdate(), min_lead_hours=0)
    return s


def _first_free(s):
    day = availability.free_days(s)[0]
    start = availability.offers(s, day=day)[0].starts_at
    return day, timezone.localtime(start).time()


def _data(at, **values) -> dict:
    return {"time": at.strftime("%H%M"), "name": "Amal Beispiel", "email": "amal@example.org", "phone": "",
            "consent": "on", "website": "", "stamp": bot_defence.stamp(time.time() - 10), **values}


def _day_url(s, day, lang="de") -> str:
    return reverse("booking:day", kwargs={"lang": lang, "code": s.code, "day": day})


def test_the_entry_follows_the_browser_language_if_offered(client):
    response = client.get(reverse("booking:entry"), HTTP_ACCEPT_LANGUAGE="ar-SY,ar;q=0.9,en;q=0.5")
    assert response.status_code == 302 and response["Location"] == "/termine/ar/"
    response = client.get(reverse("booking:entry"), HTTP_ACCEPT_LANGUAGE="ja;q=1,uk;q=0.4")
    assert response["Location"] == "/termine/uk/"
    assert client.get(reverse("booking:entry"), HTTP_ACCEPT_LANGUAGE="ja").headers["Location"] == "/termine/de/"


def test_an_unknown_language_is_not_found(client, svc):
    assert client.get("/termine/xx/").status_code == 404
    assert client.get(f"/termine/es/{svc.code}/").status_code == 404


def test_pages_are_right_to_left_in_arabic_and_persian_and_link_every_language(client, svc):
    for lang, direction in (("ar", "rtl"), ("fa", "rtl"), ("uk", "ltr"), ("de", "ltr")):
        html = client.get(reverse("booking:services", kwargs={"lang": lang})).content.decode()
        assert f'<html lang="{lang}" dir="{direction}">' in html
    html = client.get(reverse("booking:service", kwargs={"lang": "ar", "code": svc.code})).content.decode()
    assert "تمديد تصريح الإقامة" in html  # the service's Arabic name
    assert f'href="/termine/fr/{svc.code}/"' in html and 'hreflang="fr"' in html
    assert 'lang="de">Pass, biometrisches Foto' in html  # no Arabic text: German, marked as such


def test_the_catalogue_lists_public_services_and_links_a_collecting_lottery(client, svc):
    hidden = service("intern", counters=svc.counters.all(), public=False, name={"de": "Nur mit Einladung"})
    lottery = service("einbuergerung", counters=svc.counters.all(), allocation=Allocation.LOTTERY,
                      name={"de": "Einbürgerung beantragen"})
    now = timezone.now()
    round_ = LotteryRound.objects.create(service=lottery, opens_at=now - timedelta(hours=1),
                                         closes_at=now + timedelta(days=2))
    html = client.get(reverse("booking:services", kwargs={"lang": "de"})).content.decode()
    assert reverse("booking:service", kwargs={"lang": "de", "code": svc.code}) in html
    assert "Nur mit Einladung" not in html and hidden.code not in html
    assert reverse("booking:lottery_enter", kwargs={"lang": "de", "pk": round_.pk}) in html
    assert client.get(reverse("booking:service", kwargs={"lang": "de", "code": hidden.code})).status_code == 404


def test_the_day_shows_each_free_time_once_even_with_two_counters(client, svc):
    from ..services import slots

    svc.counters.add(counter("Schalter 2"))
    slots.publish(today=timezone.localdate())
    day, at = _first_free(svc)
    html = client.get(_day_url(svc, day)).content.decode()
    assert html.count(f'value="{at.strftime("%H%M")}"') == 1


def test_booking_creates_the_appointment_in_the_chosen_language_and_mails_it(client, svc,
                                                                            django_capture_on_commit_callbacks):
    day, at = _first_free(svc)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_day_url(svc, day, "ar"), _data(at))
    appointment = Appointment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("booking:done", kwargs={"lang": "ar", "token": links.make_token(appointment)})
    assert appointment.language == "ar" and appointment.starts_at == local(day, at)
    assert appointment.status == Status.BOOKED and appointment.email == "amal@example.org"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["amal@example.org"]
    page = client.get(response["Location"])
    assert page.status_code == 200 and appointment.reference in page.content.decode()
    assert "no-store" in page["Cache-Control"]


def test_a_refusal_keeps_what_was_entered(client, svc):
    BookingSettings.objects.filter(pk=1).update(max_open_per_email=1)
    day, at = _first_free(svc)
    booking.book(service=svc, starts_at=local(day, at), name="Amal", email="amal@example.org")
    later = timezone.localtime(availability.offers(svc, day=day)[0].starts_at).time()
    response = client.post(_day_url(svc, day), _data(later, name="Amal Zweitname"))
    html = response.content.decode()
    assert response.status_code == 200 and Appointment.objects.count() == 1
    assert 'id="form-errors"' in html and "schon 1 Termin gebucht" in html
    assert 'value="Amal Zweitname"' in html and 'value="amal@example.org"' in html


def test_a_time_taken_meanwhile_is_refused_with_a_clear_message(client, svc):
    day, at = _first_free(svc)
    booking.book(service=svc, starts_at=local(day, at), name="B", email="b@example.org")
    response = client.post(_day_url(svc, day), _data(at))
    html = response.content.decode()
    assert response.status_code == 200 and Appointment.objects.count() == 1
    assert "gerade vergeben worden" in html and 'value="Amal Beispiel"' in html


def test_a_malformed_time_is_a_form_error_and_books_nothing(client, svc):
    day, _at = _first_free(svc)
    response = client.post(_day_url(svc, day), {**_data(_at), "time": "25x0"})
    html = response.content.decode()
    assert response.status_code == 200 and not Appointment.objects.exists()
    assert "Diese Uhrzeit ist nicht mehr frei" in html and 'value="Amal Beispiel"' in html
    assert f'value="{_at.strftime("%H%M")}"' in html  # the free times are offered again


def test_missing_fields_are_named_and_nothing_is_lost(client, svc):
    day, at = _first_free(svc)
    response = client.post(_day_url(svc, day), _data(at, email="", consent=""))
    html = response.content.decode()
    assert "Bitte geben Sie Ihre E-Mail-Adresse ein." in html
    assert "Bitte bestätigen Sie die Hinweise zum Datenschutz." in html
    assert 'value="Amal Beispiel"' in html and f'value="{at.strftime("%H%M")}" id="time-{at.strftime("%H%M")}" checked' in html
    assert not Appointment.objects.exists()


def test_the_honeypot_and_a_too_fast_form_stop_bots(client, svc):
    day, at = _first_free(svc)
    assert client.post(_day_url(svc, day), _data(at, website="http://spam.example")).status_code == 400
    response = client.post(_day_url(svc, day), _data(at, stamp=bot_defence.stamp()))  # sent at once
    assert response.status_code == 200 and "noch einmal" in response.content.decode()
    assert client.post(_day_url(svc, day), _data(at, stamp="forged")).status_code == 200
    assert not Appointment.objects.exists()


def test_too_many_attempts_from_one_client_are_refused(client, svc):
    BookingSettings.objects.filter(pk=1).update(attempts_per_hour=2)
    day, at = _first_free(svc)
    for _ in range(2):
        assert client.post(_day_url(svc, day), _data(at, email="")).status_code == 200
    response = client.post(_day_url(svc, day), _data(at))
    assert response.status_code == 429 and "Zu viele Versuche" in response.content.decode()
    assert not Appointment.objects.exists()
    other = client.post(_day_url(svc, day), _data(at), REMOTE_ADDR="192.0.2.7")  # another client still books
    assert other.status_code == 302


def test_the_manage_page_is_audited_and_an_old_link_is_refused(client, svc):
    day, at = _first_free(svc)
    appointment = booking.book(service=svc, starts_at=local(day, at), name="Amal", email="amal@example.org")
    token = links.make_token(appointment)
    response = client.get(reverse("booking:manage", kwargs={"lang": "de", "token": token}))
    assert response.status_code == 200 and appointment.reference in response.content.decode()
    entry = AuditEntry.objects.filter(action="view", object_id=str(appointment.pk)).get()
    assert entry.actor_id is None and entry.purpose == booking.PURPOSE and "Amal" not in str(entry.details)
    booking.cancel(appointment)
    assert client.get(reverse("booking:manage", kwargs={"lang": "de", "token": token})).status_code == 404


def test_cancel_through_the_link(client, svc, django_capture_on_commit_callbacks):
    day, at = _first_free(svc)
    appointment = booking.book(service=svc, starts_at=local(day, at), name="Amal", email="amal@example.org")
    url = reverse("booking:cancel", kwargs={"lang": "de", "token": links.make_token(appointment)})
    assert "Ja, Termin absagen" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response["Location"] == reverse("booking:cancelled", kwargs={"lang": "de"})
    appointment.refresh_from_db()
    assert appointment.status == Status.CANCELLED and not appointment.slot_bookings.exists()
    assert "METHOD:CANCEL" in mail.outbox[-1].attachments[0].content


def test_rebook_through_the_link(client, svc):
    day, at = _first_free(svc)
    old = booking.book(service=svc, starts_at=local(day, at), name="Amal", email="amal@example.org")
    token = links.make_token(old)
    days = client.get(reverse("booking:rebook", kwargs={"lang": "uk", "token": token})).content.decode()
    assert reverse("booking:rebook_day", kwargs={"lang": "uk", "token": token, "day": day}) in days
    later = timezone.localtime(availability.offers(svc, day=day)[1].starts_at).time()
    response = client.post(reverse("booking:rebook_day", kwargs={"lang": "uk", "token": token, "day": day}),
                           {"time": later.strftime("%H%M")})
    old.refresh_from_db()
    new = old.rebooked_to
    assert old.status == Status.CANCELLED and new.starts_at == local(day, later) and new.status == Status.BOOKED
    assert response["Location"] == reverse("booking:done", kwargs={"lang": "uk", "token": links.make_token(new)})


def test_an_invited_person_confirms_the_offered_time(client, svc):
    day, at = _first_free(svc)
    offered = booking.book(service=svc, starts_at=local(day, at), name="Amal", email="amal@example.org",
                           status=Status.OFFERED, public=False)
    token = links.make_token(offered)
    assert "Termin bestätigen" in client.get(reverse("booking:manage", kwargs={"lang": "de", "token": token})
                                             ).content.decode()
    response = client.post(reverse("booking:confirm", kwargs={"lang": "de", "token": token}))
    assert response.status_code == 302
    offered.refresh_from_db()
    assert offered.status == Status.BOOKED


def test_the_calendar_file_download_parses(client, svc):
    day, at = _first_free(svc)
    appointment = booking.book(service=svc, starts_at=local(day, at), name="Amal", email="amal@example.org")
    response = client.get(reverse("booking:ics", kwargs={"lang": "en", "token": links.make_token(appointment)}))
    assert response["Content-Type"].startswith("text/calendar")
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]).endswith("Extend a residence permit")
    assert event.decoded("DTSTART") == appointment.starts_at
