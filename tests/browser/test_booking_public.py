"""Booking without an account in a real browser: book, rebook and cancel in German and in Arabic (right to
left), every page scanned with axe (WCAG 2.1 AA), and one booking done with the keyboard only."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from wegweiser.appointments.models import Appointment, Status
from wegweiser.appointments.tests.factories import office

from .helpers import assert_accessible, tab_to, type_into


@pytest.fixture
def bookable(settings):
    """An office with free times from today on; the form's minimum fill time is off (Playwright types fast)."""
    settings.BOOKING_MIN_FILL_SECONDS = 0
    cache.clear()
    return office(today=timezone.localdate(), min_lead_hours=0)[1]


def _walk(page, lang: str, service_name: str) -> None:
    """Book, rebook and cancel through the pages, scanning each; texts are not used to find things (they
    differ per language), ids and names are."""
    page.goto(f"/termine/{lang}/")
    direction = "rtl" if lang in ("ar", "fa") else "ltr"
    expect(page.locator("html")).to_have_attribute("dir", direction)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    assert_accessible(page)
    page.locator("#services a").filter(has_text=service_name).click()
    assert_accessible(page)
    page.locator(".day-list a").first.click()
    expect(page.locator("input[name=time]").first).to_be_visible()
    assert_accessible(page)

    # A first try without the e-mail address: an error summary, nothing entered is lost.
    page.locator("input[name=time]").first.check()
    page.locator("#id_name").fill("Amal Beispiel")
    page.locator("#id_consent").check()
    page.locator("#book-button").click()
    expect(page.locator("#form-errors")).to_be_focused()
    expect(page.locator("#id_name")).to_have_value("Amal Beispiel")
    expect(page.locator("input[name=time]").first).to_be_checked()
    assert_accessible(page)
    page.locator("#id_email").fill("amal@example.org")
    page.locator("#book-button").click()
    page.wait_for_url("**/gebucht/")
    expect(page.locator("html")).to_have_attribute("dir", direction)
    booked = Appointment.objects.get(status=Status.BOOKED)
    assert booked.language == lang
    expect(page.locator("#booking-reference")).to_have_text(booked.reference)
    assert_accessible(page)

    # Rebook to another time.
    page.locator("#rebook-link").click()
    assert_accessible(page)
    page.locator(".day-list a").first.click()
    assert_accessible(page)
    page.locator("input[name=time]").nth(1).check()
    page.locator("#rebook-button").click()
    page.wait_for_url("**/gebucht/")
    new = Appointment.objects.get(status=Status.BOOKED)
    assert new.rebooked_from_id == booked.pk and new.starts_at != booked.starts_at
    expect(page.locator("#booking-reference")).to_have_text(new.reference)
    assert_accessible(page)

    # Cancel.
    page.locator("#cancel-link").click()
    assert_accessible(page)
    page.locator("#cancel-button").click()
    page.wait_for_url(f"**/termine/{lang}/abgesagt/")
    assert_accessible(page)
    assert not Appointment.objects.filter(status=Status.BOOKED).exists()


def test_book_rebook_and_cancel_in_german(axe_context, bookable):
    _walk(axe_context.new_page(), "de", "Aufenthaltserlaubnis verlängern")


def test_book_rebook_and_cancel_in_arabic(axe_context, bookable):
    page = axe_context.new_page()
    _walk(page, "ar", "تمديد تصريح الإقامة")
    assert Appointment.objects.get(status=Status.CANCELLED, rebooked_from__isnull=False).language == "ar"


def test_the_whole_booking_with_the_keyboard_only(page, bookable):
    page.goto("/termine/")
    page.wait_for_url("**/termine/de/")
    tab_to(page, page.get_by_role("link", name="Aufenthaltserlaubnis verlängern"))
    page.keyboard.press("Enter")
    tab_to(page, page.locator(".day-list a").first)
    page.keyboard.press("Enter")
    first_time = page.locator("input[name=time]").first
    tab_to(page, first_time)
    page.keyboard.press("Space")
    expect(first_time).to_be_checked()
    type_into(page, page.get_by_label("Ihr Name"), "Amal Beispiel")
    type_into(page, page.get_by_label("Ihre E-Mail-Adresse"), "amal@example.org")
    tab_to(page, page.locator("#id_consent"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Termin verbindlich buchen"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/gebucht/")
    expect(page.get_by_role("status")).to_contain_text("Ihr Termin ist gebucht.")
    assert Appointment.objects.get().status == Status.BOOKED
