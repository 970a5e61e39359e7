"""Browser tests of the caseload dashboard and the notifications page: axe scans with real content, the
filter used by keyboard-free clicks, and marking a notification read."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from wegweiser.accounts.models import Team
from wegweiser.accounts.roles import Role
from wegweiser.core.testing import make_user
from wegweiser.goals.models import GoalStatus, Zielvereinbarung
from wegweiser.notifications.services import notify
from wegweiser.persons.models import Person, ResidencePeriod

from .helpers import assert_accessible, use_verified_session


def _caseload(team: Team, lotse) -> None:
    """A few accompanied persons with transitions over the last months and goals due and overdue."""
    this_month = timezone.localdate().replace(day=1)
    bases = ["§ 25b Abs. 1 AufenthG", "§ 25a Abs. 1 AufenthG", "§ 104c AufenthG", "§ 19d Abs. 1 AufenthG"]
    for i in range(8):
        person = Person.objects.create(file_number=f"AZ-B{i}", family_name="Muster", team=team, lotse=lotse)
        ResidencePeriod.objects.create(person=person, status="duldung", valid_from=date(2019, 1, 1))
        ResidencePeriod.objects.create(person=person, status="aufenthaltserlaubnis", legal_basis=bases[i % 4],
                                       valid_from=this_month - timedelta(days=31 * (i % 5)))
        Zielvereinbarung.objects.create(person=person, title="B1", indicator="Zertifikat",
                                        due_date=timezone.localdate() + timedelta(days=10 * i - 20),
                                        status=GoalStatus.AGREED)


def test_dashboard_of_teamleitung_is_accessible_and_filters(axe_context, server):
    team = Team.objects.create(name="Team 1")
    lotsin = make_user(Role.INTEGRATIONSLOTSE, username="lotsin", team=team, first_name="Lea", last_name="Lotsin")
    lead = make_user(Role.TEAMLEITUNG, username="leitung", team=team)
    _caseload(team, lotsin)
    use_verified_session(axe_context, server, lead)
    page = axe_context.new_page()
    page.goto(reverse("caseload:dashboard"))
    expect(page.get_by_role("heading", name="Fallbegleitung", level=1)).to_be_visible()
    expect(page.get_by_role("img", name="Übergänge je Monat")).to_be_visible()
    expect(page.get_by_role("table", name="Übergänge je Aufenthaltsweg im Zeitraum")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Lea Lotsin").click()
    expect(page.get_by_label("Integrationslotse/-lotsin")).to_have_value(str(lotsin.pk))
    assert_accessible(page)


def test_dashboard_of_lotsin_is_accessible(axe_context, server):
    team = Team.objects.create(name="Team 1")
    lotsin = make_user(Role.INTEGRATIONSLOTSE, username="lotsin", team=team)
    _caseload(team, lotsin)
    use_verified_session(axe_context, server, lotsin)
    page = axe_context.new_page()
    page.goto(reverse("caseload:dashboard"))
    expect(page.get_by_text("Begleitete Personen")).to_be_visible()
    assert_accessible(page)
    # A wrong period: the message, and the page stays accessible.
    page.get_by_label("Zeitraum von").select_option(index=0)
    page.get_by_label("Zeitraum bis").select_option(index=5)
    page.get_by_role("button", name="Anzeigen").click()
    expect(page.get_by_text("Das Ende des Zeitraums liegt vor seinem Anfang.").first).to_be_visible()
    assert_accessible(page)


def test_notifications_page_is_accessible_and_marks_read(axe_context, server):
    team = Team.objects.create(name="Team 1")
    lotsin = make_user(Role.INTEGRATIONSLOTSE, username="lotsin", team=team)
    notify(lotsin, message="Zielvereinbarung „B1-Kurs“ ist fällig.", url=reverse("caseload:dashboard"))
    notify(lotsin, message="Der Abgleich des Bestands ist fertig.")
    use_verified_session(axe_context, server, lotsin)
    page = axe_context.new_page()
    page.goto(reverse("caseload:dashboard"))
    page.get_by_role("link", name="Benachrichtigungen (2 ungelesen)").click()
    expect(page.get_by_role("heading", name="Benachrichtigungen", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile(r"^Als gelesen markieren")).first.click()
    expect(page.get_by_role("link", name="Benachrichtigungen (1 ungelesen)")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Alle als gelesen markieren").click()
    expect(page.get_by_text("2 Benachrichtigungen als gelesen markiert.")).to_have_count(0)
    expect(page.get_by_text("1 Benachrichtigung als gelesen markiert.")).to_be_visible()
    expect(page.get_by_role("link", name="Benachrichtigungen", exact=True)).to_be_visible()
