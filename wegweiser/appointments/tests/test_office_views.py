"""The office's day through its pages: the day plan (audited once, names never in the audit), the state
buttons with and without htmx, booking for a person, the public display (numbers only) and the statistics."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditEntry

from ..models import Appointment, Status
from ..services import availability, booking
from .factories import MONDAY, at, office, service

pytestmark = pytest.mark.django_db
DAY_PLAN = reverse("appointments:day_plan")


def _book(s, hour, name="Amal Beispiel", minute=0):
    return booking.book(service=s, starts_at=at(MONDAY, hour, minute), name=name, email="", public=False)


def test_the_day_plan_lists_the_day_in_time_order_and_audits_the_ids_once(role_client):
    user, client = role_client(Role.SACHBEARBEITUNG)
    _, s = office()
    late, early = _book(s, 10, "Zoran Zweiter"), _book(s, 8, "Amal Beispiel")
    before = AuditEntry.objects.count()
    response = client.get(DAY_PLAN, {"day": MONDAY.isoformat()})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Amal Beispiel") < html.index("Zoran Zweiter")
    assert "Freie Zeitfenster" in html and "08:15" in html
    views = [e for e in AuditEntry.objects.order_by("id")[before:] if e.action == "view"]
    assert len(views) == 1 and views[0].actor_id == user.pk
    assert sorted(views[0].details["appointment_ids"]) == sorted([late.pk, early.pk])
    assert "Amal" not in str(views[0].details)
    assert "Anmelden" in html and "Nicht erschienen" in html


def test_check_in_gives_a_queue_number_and_a_stale_click_is_refused_with_a_message(role_client):
    _, client = role_client(Role.INTEGRATIONSLOTSE)
    _, s = office()
    a = _book(s, 8)
    url = reverse("appointments:appointment_step", kwargs={"pk": a.pk})
    response = client.post(url, {"to": "checked_in", "version": a.version, "back": f"day={MONDAY}"}, follow=True)
    a.refresh_from_db()
    assert a.status == Status.CHECKED_IN and a.queue_number == 1
    assert "Wartenummer: 1" in response.content.decode()
    response = client.post(url, {"to": "called", "version": 1}, follow=True)  # the version before the check-in
    assert "inzwischen geändert" in response.content.decode()
    a.refresh_from_db()
    assert a.status == Status.CHECKED_IN


def test_with_htmx_the_row_is_swapped_with_the_next_buttons(role_client):
    _, client = role_client(Role.TEAMLEITUNG)
    _, s = office()
    a = _book(s, 8)
    a = booking.transition(a, Status.CHECKED_IN)
    url = reverse("appointments:appointment_step", kwargs={"pk": a.pk})
    response = client.post(url, {"to": "called", "version": a.version}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and html.strip().startswith("<tr")
    assert "Erledigt" in html and "Aufrufen" not in html
    response = client.post(url, {"to": "called", "version": a.version + 1}, HTTP_HX_REQUEST="true")
    assert "nicht möglich" in response.content.decode()  # called twice: refused by the state machine
    response = client.post(url, {"to": "no_show", "version": a.version + 1}, HTTP_HX_REQUEST="true")
    a.refresh_from_db()
    assert a.status == Status.NO_SHOW and "Nicht erschienen" not in response.content.decode().split("<td")[-1]


def test_staff_book_a_service_that_is_not_bookable_online(role_client):
    _, client = role_client(Role.SACHBEARBEITUNG)
    c, _ = office()
    internal = service("lotsin", counters=[c], public=False, name={"de": "Beratung Integrationslotsin"})
    url = reverse("appointments:staff_booking")
    response = client.post(url, {"service": internal.pk, "day": MONDAY.isoformat(), "show": "1", "language": "de"})
    html = response.content.decode()
    assert response.status_code == 200 and "08:00 – Schalter 1" in html
    offer = availability.offers(internal, day=MONDAY, public=False)[0]
    key = f"{offer.starts_at.isoformat()}|{offer.counter_id}"
    missing_name = client.post(url, {"service": internal.pk, "day": MONDAY.isoformat(), "book": "1", "start": key,
                                     "phone": "0170 123", "language": "ar"})
    assert missing_name.status_code == 400 and 'value="0170 123"' in missing_name.content.decode()
    response = client.post(url, {"service": internal.pk, "day": MONDAY.isoformat(), "book": "1", "start": key,
                                 "name": "Omar Beispiel", "language": "ar"})
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.service == internal and appointment.language == "ar"
    taken = client.post(url, {"service": internal.pk, "day": MONDAY.isoformat(), "book": "1", "start": key,
                              "name": "Someone Else", "language": "de"})
    assert taken.status_code == 400 and 'value="Someone Else"' in taken.content.decode()
    assert Appointment.objects.count() == 1


def test_the_display_is_public_and_shows_numbers_and_counters_only():
    _, s = office()
    a, b, c = _book(s, 8, "Amal Beispiel"), _book(s, 9, "Bert Beispiel"), _book(s, 10, "Carla Beispiel")
    a = booking.transition(booking.transition(a, Status.CHECKED_IN), Status.CALLED)
    b = booking.transition(b, Status.CHECKED_IN)
    client = Client()
    html = client.get(reverse("appointments:display")).content.decode()
    assert "Schalter 1" in html and 'aria-live="polite"' in html and "http-equiv=\"refresh\"" in html
    assert f'<span class="display-number">{a.queue_number}</span>' in html
    assert f'<li class="display-waiting__item">{b.queue_number}</li>' in html
    assert "Beispiel" not in html and a.reference not in html and c.reference not in html
    assert "Aufrufanzeige" in html
    feed = client.get(reverse("appointments:display_feed")).content.decode()
    assert 'hx-swap-oob="innerHTML"' in feed and "Beispiel" not in feed


def test_the_statistics_show_aggregates_and_refuse_a_wrong_period(role_client):
    _, client = role_client(Role.AUSWERTUNG)
    _, s = office()
    a = _book(s, 8)
    Appointment.objects.filter(pk=a.pk).update(status=Status.DONE, checked_in_at=at(MONDAY, 8),
                                               called_at=at(MONDAY, 8, 12), finished_at=at(MONDAY, 8, 30))
    url = reverse("appointments:statistics")
    response = client.get(url, {"date_from": "2027-02-01", "date_to": "2027-03-31"})
    html = response.content.decode()
    assert response.status_code == 200 and "KW 9/2027" in html and "Amal" not in html
    assert ">12<" in html and ">18<" in html
    response = client.get(url, {"date_from": "2027-03-31", "date_to": "2027-02-01"})
    assert response.status_code == 400 and "nach dem Beginn" in response.content.decode()
