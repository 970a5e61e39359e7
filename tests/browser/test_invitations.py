"""The proactive service in a real browser: a case worker invites a person whose title expires soon, opens the
letter, records the timely application, and the Fiktionsbescheinigung step appears and is closed. Every page is
scanned with axe (WCAG 2.1 AA)."""

from __future__ import annotations

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from wegweiser.accounts.roles import Role
from wegweiser.appointments.models import ExtensionApplication, FiktionStatus, Invitation
from wegweiser.appointments.tests.factories import office
from wegweiser.core.testing import make_user
from wegweiser.persons.models import Person, ResidencePeriod, ResidenceStatus

from .helpers import assert_accessible, use_verified_session


def test_invite_open_the_letter_record_the_application_and_issue_the_fiktion(axe_context, server):
    today = timezone.localdate()
    office(today=today)
    worker = make_user(Role.SACHBEARBEITUNG, username="sb", first_name="Sara", last_name="Sachbearbeiterin")
    person = Person.objects.create(file_number="AZ-77", family_name="Haddad", given_names="Rana", team=worker.team,
                                   letter_language="ar", email="rana@example.org")
    ResidencePeriod.objects.create(person=person, status=ResidenceStatus.AUFENTHALTSERLAUBNIS,
                                   valid_from=today - timedelta(days=700), valid_until=today + timedelta(days=20),
                                   legal_basis="§ 25 Abs. 2 AufenthG")

    use_verified_session(axe_context, server, worker)
    page = axe_context.new_page()
    page.goto("/termine/einladungen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Einladungen vor Ablauf des Aufenthaltstitels")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile(r"^Einladen")).click()
    expect(page.get_by_role("status")).to_contain_text("ist eingeladen")
    assert_accessible(page)

    # The letter opens: a PDF from the person's documents.
    waiting = page.locator("#nicht-reagiert").locator("xpath=..")
    letter = waiting.get_by_role("link", name=re.compile(r"^Schreiben \(PDF\)"))
    response = page.request.get(letter.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    assert Invitation.objects.get().language == "ar"

    # The timely application is recorded from the list.
    waiting.get_by_role("link", name=re.compile(r"^Antrag erfassen")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verlängerungsantrag erfassen")
    assert_accessible(page)
    page.get_by_label("Antrag gestellt am").fill(today.isoformat())
    page.get_by_role("button", name="Antrag erfassen").click()
    expect(page.get_by_role("status")).to_contain_text("rechtzeitig")
    expect(page.locator("main")).to_contain_text("Alle Eingeladenen haben reagiert.")

    # The Fiktion step appears on the list and is closed.
    page.get_by_role("link", name=re.compile(r"^Fiktionsbescheinigung ausstellen")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fiktionsbescheinigung ausstellen")
    assert_accessible(page)
    page.get_by_role("button", name="Als ausgestellt erfassen").click()
    expect(page.locator("#id_document_number_error")).to_contain_text("Nummer der Bescheinigung")
    page.get_by_label("Nummer der Bescheinigung").fill("FB-2026-1")
    page.get_by_role("button", name="Als ausgestellt erfassen").click()
    expect(page.get_by_role("status")).to_contain_text("Fiktionsbescheinigung ist als ausgestellt erfasst")
    expect(page.locator("main")).to_contain_text("Fiktionsbescheinigung ausgestellt")
    assert_accessible(page)
    assert ExtensionApplication.objects.get().fiktion_status == FiktionStatus.ISSUED
    assert ResidencePeriod.objects.filter(person=person, status=ResidenceStatus.FIKTIONSBESCHEINIGUNG).exists()
    page.goto("/termine/einladungen/")
    expect(page.locator("main")).to_contain_text("Keine Fiktionsbescheinigung offen.")
