"""Changing the catalogue: validation, audit without names, and slots published for the counters affected;
the catalogue pages keep what was entered when they refuse it."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from freezegun import freeze_time

from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditEntry

from ..models import Absence, BookingSettings, Service, Slot
from ..services import catalogue
from .factories import MONDAY, at, counter, office

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _before_monday():
    """Publishing starts today: "today" is the Friday before the factories' MONDAY."""
    with freeze_time("2027-02-26 12:00"):
        yield


def _slots(c, day=MONDAY) -> int:
    return Slot.objects.filter(counter=c, starts_at__gte=at(day, 0), starts_at__lt=at(day + timedelta(days=1), 0)).count()


def test_a_service_needs_its_german_name_and_keeps_only_filled_translations(user_factory):
    lead = user_factory(Role.TEAMLEITUNG)
    c, _ = office()
    data = {"code": "abholung", "duration_minutes": 10, "allocation": "first_come", "public": False, "active": True,
            "position": 2, "counters": [c], "name": {"de": "  Dokument abholen ", "ar": "استلام وثيقة", "en": ""},
            "what_to_bring": {"de": "Abholschein", "fa": "   "}}
    service = catalogue.save_service(lead, data)
    assert service.name == {"de": "Dokument abholen", "ar": "استلام وثيقة"}
    assert service.what_to_bring == {"de": "Abholschein"}
    assert list(service.counters.all()) == [c]
    entry = AuditEntry.objects.filter(object_type="appointments.service").get()
    assert entry.action == "create" and entry.purpose == catalogue.PURPOSE and "Dokument" not in str(entry.details)
    with pytest.raises(ValidationError):
        catalogue.save_service(lead, {**data, "code": "leer", "name": {"en": "Pick up"}})
    assert not Service.objects.filter(code="leer").exists()


def test_hours_must_not_overlap_and_changed_hours_are_published(user_factory):
    lead = user_factory(Role.TEAMLEITUNG)
    c, _ = office()
    assert _slots(c) == 16
    with pytest.raises(ValidationError) as refused:
        catalogue.set_hours(lead, c, [(0, time(8), time(12)), (0, time(11), time(13))])
    assert refused.value.code == "overlap"
    with pytest.raises(ValidationError):
        catalogue.set_hours(lead, c, [(0, time(12), time(8))])
    assert _slots(c) == 16  # nothing changed
    catalogue.set_hours(lead, c, [(0, time(8), time(10)), (0, time(14), time(15))])
    assert _slots(c) == 12
    assert _slots(c, MONDAY + timedelta(days=1)) == 0


def test_an_absence_of_a_staff_member_withdraws_the_free_slots_of_their_counter_and_removing_it_restores_them(
        user_factory):
    lead = user_factory(Role.TEAMLEITUNG)
    staff = user_factory(Role.SACHBEARBEITUNG)
    office()
    c2 = counter("Schalter 2", staff=staff)
    catalogue.publish_now(lead)
    assert _slots(c2) == 16
    absence = catalogue.add_absence(lead, {"user": staff, "starts_at": at(MONDAY, 8), "ends_at": at(MONDAY, 10),
                                           "reason": "Fortbildung"})
    assert _slots(c2) == 8
    catalogue.remove_absence(lead, absence)
    assert _slots(c2) == 16 and not Absence.objects.exists()
    with pytest.raises(ValidationError):
        catalogue.add_absence(lead, {"starts_at": at(MONDAY, 8), "ends_at": at(MONDAY, 10)})
    with pytest.raises(ValidationError):
        catalogue.add_absence(lead, {"counter": c2, "starts_at": at(MONDAY, 10), "ends_at": at(MONDAY, 8)})


def test_settings_accept_only_known_lands(user_factory):
    lead = user_factory(Role.TEAMLEITUNG)
    with pytest.raises(ValidationError):
        catalogue.save_settings(lead, {"land": "XX"})
    assert catalogue.save_settings(lead, {"land": "BY", "slot_minutes": 20}).land == "BY"
    assert BookingSettings.current().slot_minutes == 20


def test_coming_holidays_name_the_closed_days():
    names = {h.day: h.name for h in catalogue.coming_holidays("NW", days=60, today=date(2027, 3, 20))}
    assert names[date(2027, 3, 26)] == "Karfreitag"
    assert date(2027, 5, 27) not in names  # Fronleichnam is more than 60 days ahead


def test_the_service_page_keeps_the_input_when_the_german_name_is_missing(role_client):
    _, client = role_client(Role.TEAMLEITUNG)
    office()
    response = client.post(reverse("appointments:service_create"), {
        "code": "lotsin", "name_de": "", "name_ar": "استشارة", "bring_uk": "Паспорт", "duration_minutes": "30",
        "allocation": "first_come", "active": "on", "position": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="استشارة"' in html and "Паспорт" in html and 'value="lotsin"' in html
    assert 'dir="rtl"' in html and 'lang="fa"' in html
    assert not Service.objects.filter(code="lotsin").exists()


def test_the_service_page_saves_a_service_with_translations(role_client):
    _, client = role_client(Role.TEAMLEITUNG)
    c, s = office()
    response = client.post(reverse("appointments:service_edit", kwargs={"pk": s.pk}), {
        "code": s.code, "name_de": "Aufenthaltstitel verlängern", "name_tr": "Oturma izni uzatma",
        "duration_minutes": "20", "allocation": "first_come", "active": "on", "position": "0",
        "counters": [str(c.pk)]})
    assert response.status_code == 302
    s.refresh_from_db()
    assert s.name == {"de": "Aufenthaltstitel verlängern", "tr": "Oturma izni uzatma"} and not s.public
    assert s.duration_minutes == 20


def test_the_counter_page_saves_hours_and_refuses_overlaps_with_the_rows_kept(role_client):
    _, client = role_client(Role.TEAMLEITUNG)
    c, _ = office()
    post = {"counter-name": c.name, "counter-location": "Raum 1", "counter-active": "on",
            "hours-TOTAL_FORMS": "2", "hours-INITIAL_FORMS": "0", "hours-MIN_NUM_FORMS": "0",
            "hours-MAX_NUM_FORMS": "1000", "hours-0-weekday": "0", "hours-0-opens": "08:00",
            "hours-0-closes": "12:00", "hours-1-weekday": "0", "hours-1-opens": "11:00", "hours-1-closes": "13:00"}
    response = client.post(reverse("appointments:counter_edit", kwargs={"pk": c.pk}), post)
    assert response.status_code == 400
    assert "überschneiden" in response.content.decode() and 'value="11:00"' in response.content.decode()
    post["hours-1-DELETE"] = "on"
    response = client.post(reverse("appointments:counter_edit", kwargs={"pk": c.pk}), post)
    assert response.status_code == 302
    assert list(c.hours.values_list("weekday", flat=True)) == [0]


def test_the_settings_page_names_a_wrong_land_and_lists_holidays(role_client):
    _, client = role_client(Role.ADMINISTRATION)
    response = client.post(reverse("appointments:settings"), {
        "land": "ZZ", "slot_minutes": "15", "min_lead_hours": "2", "horizon_days": "42", "max_open_per_email": "2",
        "attempts_per_hour": "20", "reminder_hours": "24", "invitation_weeks": "10", "invitation_notice_days": "5"})
    assert response.status_code == 400 and "Unbekanntes Bundesland" in response.content.decode()
    assert 'value="5"' in response.content.decode()  # nothing entered is lost
    assert client.get(reverse("appointments:settings")).status_code == 200
    response = client.post(reverse("appointments:publish"), follow=True)
    assert "Zeitfenster veröffentlicht" in response.content.decode()


def test_the_settings_page_saves_the_notice_period_of_invitations(role_client):
    _, client = role_client(Role.ADMINISTRATION)
    response = client.post(reverse("appointments:settings"), {
        "land": "BY", "slot_minutes": "15", "min_lead_hours": "2", "horizon_days": "42", "max_open_per_email": "2",
        "attempts_per_hour": "20", "reminder_hours": "24", "invitation_weeks": "10", "invitation_notice_days": "10"})
    assert response.status_code == 302
    assert (BookingSettings.current().land, BookingSettings.current().invitation_notice_days) == ("BY", 10)
    assert "Tage nach dem Brief" in client.get(reverse("appointments:settings")).content.decode()
