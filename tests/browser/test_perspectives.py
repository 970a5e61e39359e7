"""Staying perspectives in the browser: read the panel on the person page (a pathway opened by keyboard),
ask "what if" and see the change, store an assessment for printing; axe scans of the three pages."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from wegweiser.accounts.roles import Role
from wegweiser.core.testing import make_user
from wegweiser.perspectives.tests.samples import make_tolerated

from .helpers import assert_accessible, is_focused, tab_to, use_verified_session


def test_panel_what_if_and_print(page, context, server) -> None:
    user = make_user(Role.INTEGRATIONSLOTSE, username="lotsin-p")
    person = make_tolerated()
    use_verified_session(context, server, user)
    page.goto(f"/personen/{person.pk}/")

    panel = page.locator("#bleibeperspektiven")
    expect(panel.get_by_role("heading", name="Bleibeperspektiven", level=2)).to_be_visible()
    row = panel.get_by_role("row").filter(has_text="§ 60d")
    expect(row).to_contain_text("Nicht möglich")

    # a pathway's details open with the keyboard
    summary = page.locator("#weg-aufenthg_60d > summary")
    tab_to(page, summary)
    assert is_focused(summary)
    page.keyboard.press("Enter")
    details = page.locator("#weg-aufenthg_60d")
    expect(details).to_have_attribute("open", "")
    expect(details.get_by_role("heading", name="Voraussetzungen")).to_be_visible()
    expect(details).to_contain_text("Mündliche Deutschkenntnisse auf Niveau A2 nachweisen")

    # what if she gets a B1 certificate? (htmx swaps the result in)
    panel.get_by_role("link", name="Was wäre, wenn …?").click()
    page.wait_for_url(re.compile(r"/was-waere-wenn/$"))
    page.get_by_label("Stichtag der Betrachtung").fill("2026-06-01")
    page.get_by_label("Niveau").select_option("B1")
    page.get_by_label("Umfang").select_option("complete")
    page.get_by_label("Datum des Zertifikats").fill("2026-05-01")
    page.get_by_role("button", name="Prüfen").click()
    result = page.locator("#what-if-result")
    expect(result).to_be_visible()
    changed = page.locator("#what-if-aufenthg_60d")
    expect(changed).to_contain_text("geändert")
    expect(changed).to_contain_text("Nicht möglich")
    expect(changed.locator("td").nth(2)).to_contain_text("Mündliche Deutschkenntnisse auf Niveau A2 nachweisen")
    expect(page.get_by_label("Niveau")).to_have_value("B1")  # the question stays on the page

    # store the assessment for printing: the stored page opens
    page.goto(f"/personen/{person.pk}/#bleibeperspektiven")
    page.get_by_role("button", name="Prüfung drucken").click()
    page.wait_for_url(re.compile(r"/pruefungen/\d+/\?drucken=1$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Prüfung der Bleibeperspektiven")
    expect(page.get_by_role("button", name="Drucken")).to_be_visible()
    expect(page.locator("main")).to_contain_text("wegweiser-rules")


def test_perspectives_pages_are_accessible(axe_context, server) -> None:
    user = make_user(Role.SACHBEARBEITUNG, username="sb-p")
    person = make_tolerated()
    use_verified_session(axe_context, server, user)
    page = axe_context.new_page()

    page.goto(f"/personen/{person.pk}/")
    page.locator("#weg-aufenthg_25b > summary").click()
    assert_accessible(page)

    page.goto(f"/personen/{person.pk}/bleibeperspektiven/was-waere-wenn/")
    assert_accessible(page)
    page.get_by_label("Pass gültig ab").fill("2026-03-01")
    page.get_by_label("Pass gültig bis").fill("2025-03-01")
    page.get_by_role("button", name="Prüfen").click()
    expect(page.locator(".kern-error").first).to_be_visible()
    assert_accessible(page)  # the refused input with its message
    page.get_by_label("Pass gültig bis").fill("2036-03-01")
    page.get_by_role("button", name="Prüfen").click()
    expect(page.locator("#what-if-result")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/personen/{person.pk}/#bleibeperspektiven")
    page.get_by_role("button", name="Für Entscheidung speichern").click()
    expect(page.get_by_role("status").filter(has_text="wurde für die Entscheidung gespeichert")).to_be_visible()
    # the panel loads after the page; its table of stored checks links each one
    stored = page.get_by_role("table", name="Gespeicherte Prüfungen")
    stored.get_by_role("link", name=re.compile(r"\d{2}\.\d{2}\.\d{4}")).first.click()
    page.wait_for_url(re.compile(r"/pruefungen/\d+/$"))
    assert_accessible(page)
