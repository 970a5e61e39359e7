"""The Beratungskommission in a real browser: a case worker with the person's consent prepares a case and
submits it, records the commission's recommendation; Teamleitung records the office's decision. Every new page
on the way (section, form, detail, each step, the list) is scanned with axe (WCAG 2.1 AA, zero violations)."""

from __future__ import annotations

from django.utils import timezone
from playwright.sync_api import expect

from wegweiser.accounts.roles import Role
from wegweiser.commission.models import CaseState, CommissionCase
from wegweiser.commission.tests.samples import commission, consent_for
from wegweiser.core.testing import make_user
from wegweiser.persons.models import Person

from .helpers import assert_accessible, use_verified_session


def test_prepare_submit_recommend_and_decide(browser, axe_context, server):
    staff = make_user(Role.SACHBEARBEITUNG, username="sb", first_name="Sara", last_name="Sachbearbeiterin")
    lead = make_user(Role.TEAMLEITUNG, username="tl", first_name="Tom", last_name="Teamleiter")
    person = Person.objects.create(file_number="AZ-300", family_name="Haddad", given_names="Rania", team=staff.team)
    abk = commission()
    consent = consent_for(person, abk)

    # The case worker opens the person page: the section offers to prepare a case.
    use_verified_session(axe_context, server, staff)
    page = axe_context.new_page()
    page.goto(f"/personen/{person.pk}/")
    section = page.locator("#beratungskommission-heading")
    expect(section).to_have_text("Beratungskommission")
    expect(page.locator("main")).to_contain_text("Noch kein Fall vor der Beratungskommission.")
    assert_accessible(page)
    page.get_by_role("link", name="Fall vorbereiten").click()

    # Prepare: commission, the consent, question and summary.
    expect(page.get_by_role("heading", level=1)).to_have_text("Fall für die Beratungskommission vorbereiten")
    assert_accessible(page)
    page.get_by_label("Beratungskommission").select_option(str(abk.pk))
    page.get_by_label("Einwilligung").select_option(str(consent.pk))
    page.get_by_label("Frage an die Kommission").fill("Empfiehlt die Kommission eine Aufenthaltserlaubnis?")
    page.get_by_label("Sachverhalt aus Sicht der Ausländerbehörde").fill("Seit 2016 geduldet, arbeitet.")
    page.get_by_role("button", name="Fall anlegen").click()
    expect(page.get_by_role("status")).to_contain_text("Der Fall für die Beratungskommission wurde angelegt.")
    expect(page.locator("main")).to_contain_text("in Vorbereitung")
    assert_accessible(page)

    # Submit on today's date.
    page.get_by_role("link", name="Der Kommission vorlegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Der Kommission vorlegen")
    assert_accessible(page)
    page.get_by_role("button", name="Fall vorlegen").click()
    expect(page.get_by_role("status")).to_contain_text("Der Fall ist der Beratungskommission vorgelegt.")
    expect(page.get_by_role("link", name="Vorlage als PDF drucken")).to_be_visible()
    assert_accessible(page)

    # The commission postponed once, then recommended.
    today = timezone.localdate().isoformat()
    for kind, text in (("postponed", "Bitte Nachweis der Passbeschaffung nachreichen."),
                       ("favourable", "Die Kommission befürwortet die Erteilung.")):
        page.get_by_role("link", name="Empfehlung erfassen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Empfehlung der Kommission erfassen")
        assert_accessible(page)
        page.get_by_label("Sitzung am").fill(today)
        page.get_by_label("Empfehlung", exact=True).select_option(kind)
        page.get_by_label("Wortlaut oder Zusammenfassung").fill(text)
        page.get_by_role("button", name="Empfehlung speichern").click()
        expect(page.get_by_role("status")).to_contain_text("Die Empfehlung wurde erfasst.")
    main = page.locator("main")
    expect(main).to_contain_text("Empfehlung liegt vor")
    expect(main).to_contain_text("vertagt – weitere Informationen erforderlich")
    expect(page.get_by_role("link", name="Entscheidung erfassen")).to_have_count(0)  # only Teamleitung decides
    assert_accessible(page)

    # The list shows the case, filtered by state.
    page.goto("/beratungskommission/?status=recommended")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fälle der Beratungskommission")
    expect(page.locator("main")).to_contain_text("Haddad")
    assert_accessible(page)

    # Teamleitung records the decision, deviating needs a reason.
    lead_context = browser.new_context(base_url=server, locale="de-DE", bypass_csp=True)
    use_verified_session(lead_context, server, lead)
    decide = lead_context.new_page()
    case = CommissionCase.objects.get()
    decide.goto(f"/beratungskommission/{case.pk}/")
    decide.get_by_role("link", name="Entscheidung erfassen").click()
    expect(decide.get_by_role("heading", level=1)).to_have_text("Entscheidung der Ausländerbehörde erfassen")
    assert_accessible(decide)
    decide.get_by_label("weicht von der Empfehlung ab").check()
    decide.get_by_label("Entscheidung der Ausländerbehörde").fill("Antrag abgelehnt.")
    decide.get_by_role("button", name="Entscheidung speichern").click()
    expect(decide.locator("#form-errors")).to_contain_text("Begründung")
    assert_accessible(decide)
    decide.get_by_label("folgt der Empfehlung").check()
    decide.get_by_label("Entscheidung der Ausländerbehörde").fill("Aufenthaltserlaubnis nach § 25 Abs. 5 erteilt.")
    decide.get_by_role("button", name="Entscheidung speichern").click()
    expect(decide.get_by_role("status")).to_contain_text("Die Entscheidung wurde erfasst.")
    expect(decide.locator("main")).to_contain_text("folgt der Empfehlung")
    assert_accessible(decide)
    lead_context.close()

    case.refresh_from_db()
    assert case.state == CaseState.DECIDED and case.decided_by == lead and case.submitted_by == staff
    assert [c.to_state for c in case.history.all()] == ["draft", "submitted", "submitted", "recommended", "decided"]
