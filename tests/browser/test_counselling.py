"""Counselling in a real browser: document a session (the draft saves itself while typing), finalise it, add
an addendum; the Beratungskonzept pages (versions, one version, the draft editor). Every counselling page on
the way is scanned with axe (WCAG 2.1 AA, zero violations)."""

from __future__ import annotations

import re

from django.core.management import call_command
from playwright.sync_api import expect

from wegweiser.accounts.roles import Role
from wegweiser.core.testing import make_user
from wegweiser.counselling.models import Protocol
from wegweiser.persons.tests.factories import PersonFactory

from .helpers import assert_accessible, use_verified_session


def test_protocol_with_autosave_finalise_and_addendum(axe_context, server) -> None:
    call_command("load_default_concept")  # the migration's concept is gone after an earlier flush
    user = make_user(Role.SACHBEARBEITUNG, username="sb-beratung")
    person = PersonFactory(family_name="Haddad", given_names="Lina", team=user.team)
    use_verified_session(axe_context, server, user)
    page = axe_context.new_page()

    page.goto(f"/personen/{person.pk}/")
    section = page.locator("#beratung")
    expect(section.get_by_role("heading", level=2)).to_have_text("Beratung")
    section.get_by_role("link", name="Beratung dokumentieren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beratung dokumentieren")
    assert_accessible(page)
    page.get_by_label("Beratungsart").select_option(label="Mitwirkungspflichten")
    page.get_by_role("button", name="Entwurf anlegen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Beratungsprotokoll bearbeiten")
    protocol = Protocol.objects.get(person=person)
    assert_accessible(page)
    status = page.locator("#autosave-status")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_attribute("aria-live", "polite")
    page.get_by_label("Nächste Schritte").fill("Termin bei der Botschaft vereinbaren")
    expect(status).to_contain_text("Entwurf gespeichert um")
    required = list(protocol.counselling_type.topics.filter(required=True))
    for topic in required[:-1]:
        page.locator(f"#topic_{topic.pk}").check()
    page.locator(f"#id_skip_{required[-1].pk}").fill("Zeit reichte nicht")
    page.get_by_label("Dauer in Minuten").fill("45")
    page.keyboard.press("Tab")  # leaving the field saves at once ("change"), not only after the typing pause
    expect(status).to_contain_text("Entwurf gespeichert um")
    # Saved without pressing a button: the stored draft has what was typed.
    page.wait_for_timeout(2500)  # the save after the typing pause (1.5 s) has come back, too
    protocol.refresh_from_db()
    assert protocol.next_steps == "Termin bei der Botschaft vereinbaren" and protocol.duration_minutes == 45
    assert protocol.topics_covered.count() == len(required) - 1
    assert protocol.topics_not_discussed == {str(required[-1].pk): "Zeit reichte nicht"}

    # The plain save button works as well (and after the automatic saves its version is current).
    page.get_by_role("button", name="Entwurf speichern").click()
    expect(page.get_by_role("status").filter(has_text="Der Entwurf wurde gespeichert.")).to_be_visible()

    page.get_by_role("link", name="Zur Ansicht und zum Abschließen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beratungsprotokoll")
    assert_accessible(page)
    page.get_by_role("button", name="Protokoll abschließen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"Beratungsprotokoll BER-\d{4}-\d{5}"))
    assert_accessible(page)

    page.get_by_label("Nachtrag").fill("Die Person hat den Botschaftstermin am Telefon bestätigt.")
    page.get_by_role("button", name="Nachtrag speichern").click()
    addenda = page.locator("section[aria-labelledby='addenda-heading']")
    expect(addenda).to_contain_text("Die Person hat den Botschaftstermin am Telefon bestätigt.")
    assert_accessible(page)

    page.goto(f"/personen/{person.pk}/")
    expect(page.locator("#beratung")).to_contain_text("abgeschlossen")


def test_concept_pages_are_accessible(axe_context, server) -> None:
    call_command("load_default_concept")
    lead = make_user(Role.TEAMLEITUNG, username="tl-konzept")
    use_verified_session(axe_context, server, lead)
    page = axe_context.new_page()

    page.goto("/beratungskonzept/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Beratungskonzept")
    assert_accessible(page)
    page.get_by_role("link", name="Fassung 1").click()
    expect(page.get_by_role("heading", level=2, name="Freiwillige Ausreise und Rückkehrunterstützung")).to_be_visible()
    assert_accessible(page)

    page.goto("/beratungskonzept/")
    page.get_by_role("button", name="Neue Fassung entwerfen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beratungskonzept, Entwurf Fassung 2")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Themen von „Mitwirkungspflichten“ bearbeiten")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Themen: Mitwirkungspflichten")
    assert_accessible(page)
    new_topic = page.locator("fieldset").filter(has_text="Neues Thema").first
    new_topic.get_by_label("Thema (deutsch)").fill("Folgen für die Beschäftigungsduldung")
    new_topic.get_by_label("Thema (englisch)").fill("Consequences for the employment toleration")
    new_topic.get_by_label("Schlüssel").fill("beschaeftigungsduldung")
    page.get_by_role("button", name="Themen speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beratungskonzept, Entwurf Fassung 2")
    page.get_by_role("button", name="Fassung 2 veröffentlichen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Fassung 2")
    expect(page.locator("main")).to_contain_text("Folgen für die Beschäftigungsduldung")
