"""Issue 5 in one walk, as the office lives it: a counselling session is documented (a supporter is named and a
language certificate is disclosed), finalised, the person's Arabic copy is downloaded and its handover recorded;
from the protocol the office records the release from confidentiality for the named supporter; the supporter sees
exactly the consented data (the certificate, not the residence status); the person revokes, the supporter is
denied at once. axe scans the pages on the way."""

from __future__ import annotations

import re

import pypdf
from django.core.management import call_command
from playwright.sync_api import expect

from wegweiser.accounts.roles import Role
from wegweiser.consent.models import Consent, ConsentStatus
from wegweiser.core.testing import make_user
from wegweiser.counselling.models import Protocol
from wegweiser.network.models import Contact
from wegweiser.persons.models import ResidencePeriod
from wegweiser.persons.tests.factories import PersonFactory
from wegweiser.printing.models import Handover

from .helpers import assert_accessible, use_verified_session


def test_protocol_copy_consent_supporter_revocation(browser, axe_context, server) -> None:
    call_command("load_default_concept")
    staff = make_user(Role.SACHBEARBEITUNG, username="sb-walk", first_name="Sara", last_name="Sachbearbeiterin")
    supporter = make_user(Role.UNTERSTUETZENDE, username="pate-walk", team=None)
    contact = Contact.objects.create(name="Paul Pate", function="Ehrenamtlicher Pate", account=supporter)
    person = PersonFactory(family_name="Haddad", given_names="Lina", letter_language="ar", team=staff.team)
    ResidencePeriod.objects.create(person=person, status="duldung", valid_from="2024-01-01")

    # 1. Counselling: the draft, a named supporter, a disclosed certificate; then final.
    use_verified_session(axe_context, server, staff)
    page = axe_context.new_page()
    page.goto(f"/personen/{person.pk}/")
    page.locator("#beratung").get_by_role("link", name="Beratung dokumentieren").click()
    page.get_by_label("Beratungsart").select_option(label="Beratung zu individuellen Bleibeperspektiven")
    page.get_by_role("button", name="Entwurf anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beratungsprotokoll bearbeiten")
    protocol = Protocol.objects.get(person=person)
    for topic in protocol.counselling_type.topics.filter(required=True):
        page.locator(f"#topic_{topic.pk}").check()
    page.get_by_label("Dauer in Minuten").fill("40")
    page.get_by_label("Paul Pate").check()
    page.locator("#id_lang_level").select_option("B1")
    page.locator("#id_lang_scope").select_option("complete")
    page.locator("#id_lang_exam").fill("DTZ")
    page.locator("#id_lang_issued_on").fill("2026-05-02")
    page.get_by_label("Nächste Schritte").fill("Zeugnis im Original vorlegen")
    page.keyboard.press("Tab")
    expect(page.locator("#autosave-status")).to_contain_text("Entwurf gespeichert um")
    # Let the automatic saves come back first: the test server shares one in-memory SQLite connection
    # between its threads, so two overlapping requests would collide there (never in production).
    page.wait_for_timeout(2500)
    page.get_by_role("button", name="Entwurf speichern").click()
    expect(page.get_by_role("status").filter(has_text="1 Integrationsleistung wurde als Angabe")).to_be_visible()
    page.get_by_role("link", name="Zur Ansicht und zum Abschließen").click()
    page.get_by_role("button", name="Protokoll abschließen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"Beratungsprotokoll BER-\d{4}-\d{5}"))
    protocol.refresh_from_db()
    assert protocol.document_number and protocol.supporters.get() == contact
    assert_accessible(page)

    # 2. The person's copy in Arabic, and its handover.
    panel = page.locator("section.protocol-copy")
    with page.expect_download() as download:
        panel.get_by_role("link", name="العربية").click()
    pdf = pypdf.PdfReader(download.value.path())
    assert pdf.trailer["/Root"]["/Lang"] == "ar"
    text = "".join(p.extract_text() for p in pdf.pages)
    assert protocol.document_number in text and "B1 · DTZ · 02.05.2026" in text  # what the person disclosed
    panel.get_by_label("Sprache der Ausfertigung").select_option("ar")
    panel.get_by_label("Art der Übergabe").select_option("in_person")
    panel.get_by_role("button", name="Übergabe eintragen").click()
    expect(page.get_by_role("table", name="Übergebene Ausfertigungen")).to_contain_text("persönlich übergeben")
    assert Handover.objects.filter(protocol=protocol, language="ar").count() == 1

    # 3. The consent for the named supporter, started from the protocol (recipient preset).
    page.get_by_role("link", name="Einwilligung für Paul Pate erfassen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Neue Einwilligung")
    expect(page.get_by_label("Empfänger")).to_have_value(f"contact-{contact.pk}")
    page.get_by_label("Integration: Sprache, Schule, Ausbildung, Arbeit, Lebensunterhalt").check()
    page.get_by_label("Zweck").fill("Begleitung bei der Vorlage der Nachweise")
    page.get_by_role("button", name="Einwilligung erfassen").click()
    expect(page.get_by_role("status")).to_contain_text("Die Einwilligung wurde erfasst.")
    consent = Consent.objects.get(person=person)
    assert consent.recipient_contact == contact and consent.categories == ["identity", "integration"]

    # 4. The supporter sees exactly that: the certificate disclosed in counselling, not the Duldung.
    partner_context = browser.new_context(base_url=server, locale="de-DE", bypass_csp=True)
    use_verified_session(partner_context, server, supporter)
    partner = partner_context.new_page()
    partner.goto("/partner/personen/")
    partner.locator("main").get_by_role("link", name=re.compile("Haddad")).click()
    main = partner.locator("main")
    expect(main).to_contain_text("B1")
    expect(main).not_to_contain_text("Duldung")
    assert_accessible(partner)
    assert partner.goto(f"/personen/{person.pk}/").status == 403  # the office's case file stays closed

    # 5. Revocation: the supporter is denied with the next request.
    page.get_by_label("Grund des Widerrufs").fill("Widerruf durch die Person am Schalter")
    page.get_by_label("Ich bestätige den Widerruf.").check()
    page.get_by_role("button", name="Einwilligung widerrufen").click()
    expect(page.get_by_role("status")).to_contain_text("Die Einwilligung ist widerrufen.")
    consent.refresh_from_db()
    assert consent.status == ConsentStatus.REVOKED
    assert partner.goto(f"/partner/personen/{person.pk}/").status == 404
    partner.goto("/partner/personen/")
    expect(partner.locator("main")).not_to_contain_text("Haddad")
    partner_context.close()
