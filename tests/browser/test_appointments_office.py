"""The office's day in a real browser: Teamleitung edits a service (with an Arabic name, typed right to left),
plans the day, books a walk-in, checks a person in and calls them up with the keyboard; the waiting room's
display (anonymous, another browser) shows the number without being reloaded. A second appointment ends as a
no-show. Every page is scanned with axe (WCAG 2.1 AA)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from wegweiser.accounts.roles import Role
from wegweiser.appointments.models import Appointment, Service, Status
from wegweiser.appointments.services import booking
from wegweiser.appointments.services.calendar import holiday_name
from wegweiser.appointments.tests.factories import at, office
from wegweiser.core.testing import make_user

from .helpers import assert_accessible, tab_to, use_verified_session


def _next_working_day():
    day = timezone.localdate() + timedelta(days=1)
    while day.weekday() >= 5 or holiday_name(day, "NW"):
        day += timedelta(days=1)
    return day


def test_edit_service_plan_day_check_in_call_up_display_and_no_show(browser, axe_context, page, server):
    lead = make_user(Role.TEAMLEITUNG, username="tl", first_name="Tom", last_name="Teamleiter")
    day = _next_working_day()
    _, service = office(today=timezone.localdate(), horizon_days=14)
    no_show = booking.book(service=service, starts_at=at(day, 11), name="Bert Beispiel", email="", public=False)

    # The waiting room's display: anonymous, its own browser context (with the CSP on, see the page fixture).
    page.goto("/termine/aufruf/")
    expect(page.locator("#called-region")).to_contain_text("Zurzeit wird keine Nummer aufgerufen")

    use_verified_session(axe_context, server, lead)
    staff = axe_context.new_page()

    # Edit a service: an Arabic name in a right-to-left field.
    staff.goto("/termine/verwaltung/leistungen/")
    assert_accessible(staff)
    staff.get_by_role("link", name="Aufenthaltserlaubnis verlängern").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Leistung bearbeiten")
    assert_accessible(staff)
    arabic = staff.get_by_label("Bezeichnung (العربية)")
    assert arabic.get_attribute("dir") == "rtl"
    arabic.fill("تمديد الإقامة")
    staff.get_by_label("Mitzubringen (Deutsch)").fill("Pass, biometrisches Foto, Mietvertrag")
    staff.get_by_role("button", name="Leistung speichern").click()
    expect(staff.get_by_role("status")).to_contain_text("ist gespeichert")
    service.refresh_from_db()
    assert service.name["ar"] == "تمديد الإقامة" and "Mietvertrag" in service.what_to_bring["de"]

    # The day plan; book a walk-in from it.
    staff.goto(f"/termine/tagesplan/?day={day.isoformat()}")
    expect(staff.locator("main")).to_contain_text("Bert Beispiel")
    assert_accessible(staff)
    staff.get_by_role("link", name="Termin für eine Person buchen").click()
    staff.get_by_label("Leistung").select_option(str(service.pk))
    staff.get_by_label("Tag").fill(day.isoformat())
    staff.get_by_role("button", name="Freie Zeiten anzeigen").click()
    staff.get_by_label("08:00 – Schalter 1").check()
    assert_accessible(staff)
    staff.get_by_label("Name").fill("Amal Beispiel")
    staff.get_by_role("button", name="Termin buchen").click()
    expect(staff.get_by_role("status").first).to_contain_text("gebucht")
    walk_in = Appointment.objects.get(name="Amal Beispiel")
    row = staff.locator(f"#appointment-{walk_in.pk}")
    expect(row).to_contain_text("gebucht")

    # Check in and call up with the keyboard; htmx swaps the row in place.
    check_in = row.get_by_role("button", name=f"Anmelden – {walk_in.reference}")
    tab_to(staff, check_in)
    staff.keyboard.press("Enter")
    expect(row).to_contain_text("Wartenummer 1")
    expect(page.locator("#waiting-region")).to_contain_text("1")  # the display, not reloaded
    call_up = row.get_by_role("button", name=f"Aufrufen – {walk_in.reference}")
    tab_to(staff, call_up)
    staff.keyboard.press("Enter")
    expect(row).to_contain_text("aufgerufen")
    expect(page.locator("#called-region .display-called__item").first).to_contain_text("1")
    expect(page.locator("#called-region")).to_contain_text("Schalter 1")
    expect(page.locator("body")).not_to_contain_text("Amal")
    assert_accessible(staff)

    # The other appointment: nobody came.
    other = staff.locator(f"#appointment-{no_show.pk}")
    other.get_by_role("button", name=f"Nicht erschienen – {no_show.reference}").click()
    expect(other).to_contain_text("nicht erschienen")
    assert Appointment.objects.get(pk=no_show.pk).status == Status.NO_SHOW

    # Done; the display page itself is accessible too.
    row.get_by_role("button", name=f"Erledigt – {walk_in.reference}").click()
    expect(row).to_contain_text("erledigt")
    staff.goto("/termine/aufruf/")
    assert_accessible(staff)
    assert Service.objects.count() == 1


def test_the_other_office_pages_are_accessible(axe_context, server):
    lead = make_user(Role.TEAMLEITUNG, username="tl2")
    counter, _ = office(today=timezone.localdate(), horizon_days=7)
    use_verified_session(axe_context, server, lead)
    staff = axe_context.new_page()
    for url, heading in [("/termine/verwaltung/schalter/", "Schalter"),
                         (f"/termine/verwaltung/schalter/{counter.pk}/", "Schalter bearbeiten"),
                         ("/termine/verwaltung/abwesenheiten/", "Abwesenheiten"),
                         ("/termine/verwaltung/einstellungen/", "Einstellungen der Terminvergabe"),
                         ("/termine/auswertung/", "Auswertung Termine")]:
        staff.goto(url)
        expect(staff.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(staff)
    # A refused absence keeps what was typed and says why.
    staff.goto("/termine/verwaltung/abwesenheiten/")
    staff.get_by_label("Grund (intern)").fill("Schulung")
    staff.get_by_role("button", name="Abwesenheit eintragen").click()
    expect(staff.locator("#form-errors")).to_be_visible()
    expect(staff.get_by_label("Grund (intern)")).to_have_value("Schulung")
    assert_accessible(staff)
