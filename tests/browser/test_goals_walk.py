"""Zielvereinbarungen in a real browser, the "done when" walk of positive case work: open a person, read the
staying perspectives, try a what-if, agree a goal from a gap, record the certificate, see the goal achieved.
Every goals page on the way is scanned with axe (WCAG 2.1 AA, zero violations)."""

from __future__ import annotations

from django.utils import timezone
from playwright.sync_api import expect

from wegweiser.accounts.roles import Role
from wegweiser.core.testing import make_user
from wegweiser.goals.models import GoalStatus, Zielvereinbarung
from wegweiser.goals.services.agreements import create_goal, update_goal
from wegweiser.goals.tests.samples import person_missing_a2
from wegweiser.notifications.models import Notification

from .helpers import assert_accessible, use_verified_session


def test_goal_from_a_gap_is_achieved_by_the_certificate(axe_context, server):
    lotse = make_user(Role.INTEGRATIONSLOTSE, username="lotsin", first_name="Lena", last_name="Lotsin")
    person = person_missing_a2(lotse)
    use_verified_session(axe_context, server, lotse)
    page = axe_context.new_page()  # scanned with axe on the way (the context lets axe-core in)

    # Open the person and read the staying perspectives: § 25b is not yet open, proof of German is missing.
    page.goto(f"/personen/{person.pk}/")
    panel = page.locator("#bleibeperspektiven")
    expect(panel.get_by_role("heading", level=2)).to_be_visible()
    expect(panel).to_contain_text("§ 25b")
    goals_section = page.locator("#ziele")
    expect(goals_section.get_by_role("heading", level=2)).to_have_text("Zielvereinbarungen")
    expect(goals_section).to_contain_text("Noch keine Zielvereinbarung.")

    # What if an A2 certificate came? The what-if page compares, without saving anything.
    panel.get_by_role("link", name="Was wäre, wenn …?").click()
    page.get_by_label("Niveau").select_option("A2")
    page.get_by_label("Umfang").select_option("oral")
    page.get_by_label("Datum des Zertifikats").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Prüfen").click()
    result = page.locator("#what-if-result")
    expect(result).to_be_visible()
    expect(result.locator("#what-if-aufenthg_25b")).to_contain_text("Sprachzertifikate")

    # Back on the file: agree the gap as a goal, in one click from the panel.
    page.goto(f"/personen/{person.pk}/")
    page.locator("#weg-aufenthg_25b summary").click()
    page.locator('#weg-aufenthg_25b a[href*="condition=deutsch_a2_muendlich"]').click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Neue Zielvereinbarung")
    expect(page.get_by_label("Ziel", exact=True)).to_have_value(
        "Sprachzertifikate erfassen (Befreiungen wegen Krankheit, Behinderung oder Alter)")
    assert_accessible(page)
    page.get_by_label("Ziel", exact=True).fill("Deutsch A2 (mündlich) nachweisen")
    page.get_by_label("Angebotene Unterstützung").fill("Kursplatz bei der VHS, Kinderbetreuung")
    page.get_by_role("button", name="Zielvereinbarung anlegen").click()
    expect(page.get_by_role("status")).to_contain_text("Die Zielvereinbarung wurde angelegt.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Deutsch A2 (mündlich) nachweisen")
    expect(page.locator("main")).to_contain_text("vereinbart")
    assert_accessible(page)
    goal = Zielvereinbarung.objects.get()
    assert (goal.pathway, goal.condition) == ("aufenthg_25b", "deutsch_a2_muendlich")

    # Record the certificate through the facts pages.
    page.goto(f"/personen/{person.pk}/")
    page.get_by_role("link", name="Sprachzertifikate: Eintrag hinzufügen").click()
    page.get_by_label("Niveau (GER)").select_option("A2")
    page.get_by_label("Umfang").select_option(label="nur mündlich")
    page.get_by_label("Prüfung").fill("Deutsch-Test für Zuwanderer")
    page.get_by_label("Datum des Zeugnisses").fill(timezone.localdate().isoformat())
    page.get_by_label("Quelle").select_option(label="Nachweis vorgelegt")
    page.get_by_label("Stand der Angabe").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status")).to_contain_text("wurde gespeichert")

    # The goal shows achieved, on the file and on its page, with the system's step in the history.
    page.goto(f"/personen/{person.pk}/")
    row = page.locator("#ziele").get_by_role("row").filter(has_text="Deutsch A2 (mündlich) nachweisen")
    expect(row).to_contain_text("erreicht")
    assert_accessible(page)
    row.get_by_role("link").click()
    history = page.get_by_role("table", name="Statusänderungen dieser Zielvereinbarung")
    expect(history).to_contain_text("Wegweiser (automatisch)")
    expect(page.locator("main")).to_contain_text("Diese Zielvereinbarung ist abgeschlossen")
    goal.refresh_from_db()
    assert goal.status == GoalStatus.ACHIEVED
    assert Notification.objects.filter(recipient=lotse, person=person).count() == 1


def test_goal_pages_are_accessible(axe_context, server):
    """Form errors, the stale-edit comparison, the status form with a refused change, the upload page."""
    lotse = make_user(Role.INTEGRATIONSLOTSE, username="lotsin2")
    person = person_missing_a2(lotse, file_number="AZ-Z-2")
    goal = create_goal(lotse, person, {"title": "Wohnung finden", "indicator": "Mietvertrag"})
    use_verified_session(axe_context, server, lotse)
    page = axe_context.new_page()

    page.goto(f"/personen/{person.pk}/ziele/neu/")
    page.get_by_role("button", name="Zielvereinbarung anlegen").click()
    expect(page.get_by_role("alert").first).to_contain_text("Bitte prüfen Sie Ihre Eingaben.")
    assert_accessible(page)

    page.goto(f"/ziele/{goal.pk}/bearbeiten/")
    update_goal(lotse, goal, {"title": "Wohnung finden", "indicator": "Mietvertrag", "support": "Wohnungsamt"},
                expected_version=1)
    page.get_by_label("Angebotene Unterstützung").fill("Beratungsstelle Nord")
    page.get_by_role("button", name="Änderungen speichern").click()
    expect(page.get_by_role("heading", name="Von jemand anderem gespeichert")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/ziele/{goal.pk}/")
    page.get_by_label("Neuer Status").select_option("missed")
    page.get_by_role("button", name="Status speichern").click()
    expect(page.get_by_role("status")).to_contain_text("nicht erreicht")
    assert_accessible(page)

    page.goto(f"/ziele/{goal.pk}/unterschrift/")
    page.get_by_role("button", name="Hochladen").click()
    expect(page.get_by_role("alert").first).to_contain_text("Bitte prüfen Sie Ihre Eingaben.")
    assert_accessible(page)
