"""Humane measures in a real browser: a plan blocked by the night rule (a minor affected), fixed with a day
window, approved by Teamleitung in a second browser, started, interrupted by a medical emergency, continued
after medical staff confirmed fitness to travel, completed. A second plan ends with a life-threatening
condition: the rescue chain is the first thing on the page. Every page is scanned with axe (WCAG 2.1 AA)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from wegweiser.accounts.roles import Role
from wegweiser.core.testing import make_user
from wegweiser.counselling.tests.samples import default_concept
from wegweiser.measures.models import EventKind, MeasurePlan, PlanStatus
from wegweiser.measures.tests.factories import counsel, draft_plan, family, started_plan

from .helpers import assert_accessible, use_verified_session


def _event_form(page, label: str):
    return page.locator("form.event-form").filter(has=page.get_by_role("heading", name=label, exact=True))


def test_plan_blocked_fixed_approved_interrupted_continued_completed(browser, axe_context, server):
    default_concept()
    planner = make_user(Role.SACHBEARBEITUNG, username="sb", first_name="Sara", last_name="Sachbearbeiterin")
    lead = make_user(Role.TEAMLEITUNG, username="tl", first_name="Tom", last_name="Teamleiter")
    fam = family(planner.team)
    counsel(planner, fam.all)
    day = (timezone.localdate() + timedelta(days=10)).isoformat()

    use_verified_session(axe_context, server, planner)
    page = axe_context.new_page()
    page.goto(f"/personen/{fam.father.pk}/")
    page.get_by_role("link", name="Maßnahme planen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Maßnahme planen")
    expect(page.locator("main")).to_contain_text("10 Jahre")
    assert_accessible(page)
    for person in fam.all:
        page.get_by_label(f"{person.display_name} ({person.file_number})").check()
    page.get_by_label("Zeitfenster von").fill(f"{day}T04:00")
    page.get_by_label("Zeitfenster bis").fill(f"{day}T07:00")
    page.get_by_label("Art des Abholorts").select_option("home")
    page.get_by_label("Begründung trotz Bleibeperspektive").fill("Mit der Familie und der Ausländerbehörde geprüft.")
    page.get_by_role("button", name="Entwurf anlegen").click()

    # Blocked: the window touches the night and minors are affected.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Maßnahmeplan")
    night = page.locator("#regel-night_minor")
    expect(night).to_contain_text("gesperrt")
    expect(night).to_contain_text("Nachtzeit 22:00–06:00")
    assert_accessible(page)
    plan = MeasurePlan.objects.get()
    assert plan.evaluation["night_minor"] == "blocked"

    # Teamleitung, in a second browser, cannot approve yet and is told why.
    lead_context = browser.new_context(base_url=server, locale="de-DE", timezone_id="Europe/Berlin", bypass_csp=True)
    use_verified_session(lead_context, server, lead)
    lead_page = lead_context.new_page()
    lead_page.goto(f"/massnahmen/{plan.pk}/")
    expect(lead_page.locator("#approval-problems")).to_contain_text("night_minor")
    expect(lead_page.get_by_role("button", name="Plan freigeben")).to_have_count(0)

    # Fixed by the planner: a day window.
    page.get_by_role("link", name="Plan bearbeiten").click()
    assert_accessible(page)
    page.get_by_label("Zeitfenster von").fill(f"{day}T08:00")
    page.get_by_label("Zeitfenster bis").fill(f"{day}T12:00")
    page.get_by_role("button", name="Plan speichern").click()
    expect(page.get_by_role("status")).to_contain_text("Der Plan wurde gespeichert.")
    expect(page.locator("#regel-night_minor")).to_contain_text("erfüllt")
    expect(page.locator("main")).not_to_contain_text("Freigabe zurzeit nicht möglich")

    # Approved by Teamleitung.
    lead_page.reload()
    assert_accessible(lead_page)
    lead_page.get_by_role("button", name="Plan freigeben").click()
    expect(lead_page.get_by_role("status")).to_contain_text("Der Plan ist freigegeben.")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED and plan.approver == lead

    # The day: started, medical emergency, fitness confirmed by medical staff, continued, completed.
    page.goto(f"/massnahmen/{plan.pk}/ablauf/")
    assert_accessible(page)
    start = _event_form(page, "Maßnahme begonnen")
    start.get_by_label("Ich bestätige den Beginn der Maßnahme.").check()
    start.get_by_role("button").click()
    expect(page.get_by_role("status")).to_contain_text("Eingetragen: Maßnahme begonnen.")

    emergency = _event_form(page, "Medizinischer Notfall – Maßnahme unterbrochen")
    emergency.get_by_label("Betroffene Person").select_option(str(fam.child.pk))
    emergency.get_by_label("Was ist geschehen?").fill("Kreislaufprobleme, Kind kollabiert kurz")
    emergency.get_by_role("button").click()
    expect(page.locator("main")).to_contain_text("Die Maßnahme ist unterbrochen")
    expect(_event_form(page, "Maßnahme durchgeführt")).to_have_count(0)  # cannot go on before fitness
    assert_accessible(page)

    fitness = _event_form(page, "Reisefähigkeit durch medizinisches Fachpersonal festgestellt")
    fitness.get_by_role("button").click()  # without medical staff: refused, nothing recorded
    expect(fitness.get_by_role("alert").first).to_be_visible()
    fitness = _event_form(page, "Reisefähigkeit durch medizinisches Fachpersonal festgestellt")
    fitness.get_by_label("Medizinisches Fachpersonal (Name)").fill("Dr. Kern")
    fitness.get_by_label("Qualifikation").fill("Notarzt")
    fitness.get_by_role("button").click()
    expect(page.get_by_role("status")).to_contain_text("Eingetragen: Reisefähigkeit")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.IN_PROGRESS

    done = _event_form(page, "Maßnahme durchgeführt")
    done.get_by_label("Ich bestätige, dass die Maßnahme durchgeführt ist.").check()
    done.get_by_role("button").click()
    expect(page.get_by_role("status")).to_contain_text("Eingetragen: Maßnahme durchgeführt.")
    log = page.locator("table", has_text="Ereignis")
    expect(log.locator("tbody tr")).to_have_count(4)
    assert_accessible(page)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.COMPLETED
    assert list(plan.events.values_list("kind", flat=True)) == [
        EventKind.STARTED, EventKind.MEDICAL_EMERGENCY, EventKind.FITNESS_CONFIRMED, EventKind.COMPLETED]

    # Lists, report and settings pages.
    page.goto("/massnahmen/")
    expect(page.locator("main")).to_contain_text(f"Plan {plan.pk}")
    assert_accessible(page)
    lead_page.goto("/massnahmen/bericht/")
    expect(lead_page.locator("main")).to_contain_text("Geplante Maßnahmen")
    expect(lead_page.locator("main")).to_contain_text("Pläne im Zeitraum")
    assert_accessible(lead_page)
    lead_page.goto("/massnahmen/schutzregeln/")
    expect(lead_page.locator("main")).to_contain_text("nicht änderbar")
    assert_accessible(lead_page)
    lead_page.get_by_label("Höchstalter ärztlicher Bescheinigungen (Tage)").fill("60")
    lead_page.get_by_role("button", name="Einstellung speichern").click()
    expect(lead_page.get_by_role("status")).to_contain_text("Die Schutzregeln des Amts sind gespeichert.")
    lead_context.close()


def test_life_threatening_condition_shows_the_rescue_chain_first(axe_context, server):
    default_concept()
    planner = make_user(Role.SACHBEARBEITUNG, username="sb")
    lead = make_user(Role.TEAMLEITUNG, username="tl")
    fam = family(planner.team)
    plan = started_plan(planner, lead, fam)

    use_verified_session(axe_context, server, planner)
    page = axe_context.new_page()
    page.goto(f"/massnahmen/{plan.pk}/bescheinigungen/neu/")
    assert_accessible(page)
    page.goto(f"/massnahmen/{plan.pk}/ablauf/")
    form = _event_form(page, "Lebensbedrohlicher Zustand – Maßnahme abgebrochen")
    form.get_by_label("Betroffene Person").select_option(str(fam.father.pk))
    form.get_by_label("Was ist geschehen?").fill("Krampfanfall, nicht ansprechbar")
    form.get_by_label("Ich bestätige: lebensbedrohlicher Zustand. Die Maßnahme wird endgültig abgebrochen.").check()
    form.get_by_role("button").click()

    first = page.locator("main > *").first
    expect(first).to_have_attribute("role", "alert")
    expect(first).to_contain_text("Erste Hilfe leisten")
    expect(first).to_contain_text("Notruf 112")
    expect(page.locator("form.event-form")).to_have_count(0)
    assert_accessible(page)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ABORTED


def test_voluntary_departure_recorded_from_the_person_page_cancels_the_plan(axe_context, server):
    """A person with a draft plan of their own leaves with a return programme: the form (axe-checked, also with
    its error messages) records it, the plan is cancelled for voluntary departure, the section lists it."""
    planner = make_user(Role.SACHBEARBEITUNG, username="sb")
    fam = family(planner.team)
    plan = draft_plan(planner, [fam.father])
    day = (timezone.localdate() - timedelta(days=2)).isoformat()

    use_verified_session(axe_context, server, planner)
    page = axe_context.new_page()
    page.goto(f"/personen/{fam.father.pk}/")
    page.get_by_role("link", name="Ausreise erfassen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ausreise erfassen")
    assert_accessible(page)
    page.get_by_label("Geförderte freiwillige Ausreise (Rückkehrprogramm)").check()
    page.get_by_role("button", name="Ausreise erfassen").click()  # no date, no programme, no evidence
    expect(page.locator("#form-errors")).to_contain_text("Bitte das Rückkehrprogramm angeben")
    assert_accessible(page)
    page.get_by_label("Tag der Ausreise").fill(day)
    page.get_by_role("textbox", name="Rückkehrprogramm").fill("REAG/GARP")
    page.get_by_label("Bestätigung des Rückkehrprogramms").check()
    page.get_by_role("button", name="Ausreise erfassen").click()
    expect(page.get_by_role("status")).to_contain_text("Die Ausreise ist erfasst")
    expect(page.get_by_role("status")).to_contain_text(f"Plan {plan.pk} ist storniert")
    expect(page.locator("#massnahmen")).to_contain_text("REAG/GARP")
    assert_accessible(page)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CANCELLED
    page.get_by_role("link", name="zurücknehmen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ausreise zurücknehmen")
    assert_accessible(page)
