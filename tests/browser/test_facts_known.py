"""“Keine Einträge – geprüft am …” in a real browser: record a Bundeszentralregister check on the convictions
page, see it listed, delete it; axe scans of the page with the panel, of a form with errors and of the
overview of all checks."""

from __future__ import annotations

from django.urls import reverse
from playwright.sync_api import expect

from wegweiser.accounts.roles import Role
from wegweiser.facts.models import ListCheck

from ..world import World
from .helpers import assert_accessible, use_verified_session


def test_record_and_delete_a_check(context, page, server):
    world = World()
    use_verified_session(context, server, world.user(Role.SACHBEARBEITUNG))
    page.goto(reverse("facts:list", kwargs={"person_pk": world.person.pk, "kind": "convictions"}))
    panel = page.get_by_role("region", name="Verurteilungen: geprüft, keine Einträge")
    expect(panel).to_contain_text("Nicht geprüft")
    panel.get_by_label("geprüft am").fill("2024-03-01")
    panel.get_by_label("Bemerkung").fill("BZR-Auszug ohne Eintrag")
    panel.get_by_role("button", name="„Keine Einträge“ speichern").click()
    expect(page.locator(".messages")).to_contain_text("keine Einträge, geprüft am 01.03.2024")
    expect(panel).to_contain_text("Keine Einträge – geprüft am 01.03.2024, Quelle: geprüft (BZR-Auszug ohne Eintrag)")
    assert ListCheck.objects.filter(person=world.person, subject="convictions").count() == 1

    panel.get_by_role("link", name="Löschen").click()
    page.get_by_role("button", name="Endgültig löschen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Geprüft: keine Einträge")
    expect(page.locator("main")).to_contain_text("Noch keine Prüfung ohne Eintrag erfasst.")
    assert not ListCheck.objects.exists()


def test_pages_have_no_violations(axe_context, server):
    world = World()
    ListCheck.objects.create(person=world.person, subject="convictions", checked_on="2024-03-01", source="verified",
                             note="BZR-Auszug")
    use_verified_session(axe_context, server, world.user(Role.SACHBEARBEITUNG))
    page = axe_context.new_page()
    page.goto(reverse("facts:list", kwargs={"person_pk": world.person.pk, "kind": "convictions"}))
    assert_accessible(page)
    overview = reverse("facts:checks", kwargs={"person_pk": world.person.pk})
    page.goto(overview)
    assert_accessible(page)
    page.get_by_role("button", name="Speichern").click()  # nothing chosen: errors shown beside the fields
    expect(page.locator(".kern-error").first).to_be_visible()
    assert_accessible(page)
