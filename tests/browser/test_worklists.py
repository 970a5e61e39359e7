"""Worklists in a real browser: open a list, filter it, assign the ticked persons to a Lotsin, and the run page
with its live progress; axe scans of the filled list and of the run page while a run is in progress."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from playwright.sync_api import expect

from wegweiser.accounts.roles import Role
from wegweiser.core.testing import make_user
from wegweiser.persons.models import Person
from wegweiser.persons.tests.factories import NationalityFactory, PersonFactory
from wegweiser.screening.models import RunStatus, ScreeningResult, ScreeningRun

from ..world import World
from .helpers import assert_accessible, use_verified_session


def _office(world: World):
    run = ScreeningRun.objects.create(as_of=date.today(), status=RunStatus.COMPLETED, is_current=True, total=3,
                                      processed=3)
    people = {
        "Haddad": PersonFactory(family_name="Haddad", given_names="Amina", team=world.team),
        "Kowalenko": PersonFactory(family_name="Kowalenko", given_names="Oleksandr", team=world.team),
        "Demir": PersonFactory(family_name="Demir", given_names="Elif", team=world.team),
    }
    NationalityFactory(person=people["Haddad"], code="SY")
    NationalityFactory(person=people["Kowalenko"], code="UA")
    NationalityFactory(person=people["Demir"], code="SY")
    for person in people.values():
        ScreeningResult.objects.create(run=run, person=person, pathway="aufenthg_25b", outcome="eligible",
                                       earliest_date=run.as_of)
    return people


def test_filter_and_assign(context, page, server):
    world = World()
    people = _office(world)
    lotsin = make_user(Role.INTEGRATIONSLOTSE, username="lotsin-x", first_name="Lea", last_name="Lotsin",
                       team=world.team)
    use_verified_session(context, server, world.user(Role.TEAMLEITUNG))
    page.goto("/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Arbeitslisten").click()
    expect(page.get_by_role("heading", level=2)).to_have_text("Jetzt erfüllt")
    expect(page.get_by_role("status")).to_have_text("3 Personen auf dieser Liste")

    page.get_by_label("Staatsangehörigkeit").select_option(label="Syrien")
    page.get_by_role("button", name="Filtern").click()
    expect(page.get_by_role("status")).to_have_text("2 Personen auf dieser Liste")
    table = page.get_by_role("table")
    expect(table).not_to_contain_text("Kowalenko")

    page.get_by_label("Haddad, Amina auswählen").check()
    page.get_by_label("Demir, Elif auswählen").check()
    page.locator("form.worklist-assign").get_by_label("Integrationslotse/-lotsin").select_option(label="Lea Lotsin")
    page.locator("form.worklist-assign").get_by_role("button", name="Zuweisen").click()
    expect(page.locator(".messages")).to_contain_text("2 Personen wurden Lea Lotsin zugewiesen.")
    assert "nationality=SY" in page.url  # back on the filtered list
    assert set(Person.objects.filter(lotse=lotsin)) == {people["Haddad"], people["Demir"]}

    # Only those not yet accompanied.
    page.get_by_label("Integrationslotse/-lotsin", exact=True).first.select_option(label="niemand zugewiesen")
    page.get_by_label("Staatsangehörigkeit").select_option(label="alle")
    page.get_by_role("button", name="Filtern").click()
    expect(page.get_by_role("status")).to_have_text("1 Person auf dieser Liste")
    page.get_by_role("link", name="Kowalenko, Oleksandr", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kowalenko, Oleksandr")


def test_run_progress_updates_live(context, page, server):
    world = World()
    run = ScreeningRun.objects.create(as_of=date.today(), status=RunStatus.RUNNING, total=100, processed=20)
    use_verified_session(context, server, world.user(Role.INTEGRATIONSLOTSE))
    page.goto(reverse("screening:runs"))
    progress = page.locator("#run-progress")
    expect(progress).to_contain_text("20 % – 20 von 100 Personen geprüft")
    ScreeningRun.objects.filter(pk=run.pk).update(processed=60)
    expect(progress).to_contain_text("60 % – 60 von 100 Personen geprüft", timeout=6000)
    ScreeningRun.objects.filter(pk=run.pk).update(processed=100, status=RunStatus.COMPLETED, is_current=True)
    expect(progress).to_contain_text("Zurzeit läuft kein Prüflauf.", timeout=6000)
    expect(page.locator("#run-table")).to_contain_text("aktuell in den Listen")


def test_worklist_and_run_pages_have_no_violations(axe_context, server):
    world = World()
    _office(world)
    make_user(Role.INTEGRATIONSLOTSE, username="lotsin-y", team=world.team)
    ScreeningRun.objects.create(as_of=date.today(), status=RunStatus.RUNNING, total=100, processed=30)
    ScreeningRun.objects.create(as_of=date.today(), status=RunStatus.FAILED, total=100, processed=30, error="Abbruch")
    use_verified_session(axe_context, server, world.user(Role.TEAMLEITUNG))
    page = axe_context.new_page()
    for path in (reverse("screening:worklist", kwargs={"key": "jetzt"}) + "?sort=-name",
                 reverse("screening:worklist", kwargs={"key": "jetzt"}) + "?age=nix",
                 reverse("screening:runs"),
                 reverse("screening:assign", kwargs={"person_pk": world.person.pk}),
                 reverse("persons:detail", kwargs={"pk": world.person.pk})):
        page.goto(path)
        assert_accessible(page)
