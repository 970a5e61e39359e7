"""Partner submissions in a real browser: a supporter with a consent submits a certificate and a message, staff
open the inbox, verify the evidence (linking it to the language certificate on file) and answer the message,
and the supporter sees both outcomes. Every new page on the way is scanned with axe (WCAG 2.1 AA)."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import expect

from wegweiser.accounts.policy import DataCategory
from wegweiser.accounts.roles import Role
from wegweiser.consent.tests.samples import grant
from wegweiser.core.testing import make_user
from wegweiser.documents.models import Document, DocumentReview
from wegweiser.documents.tests.samples import pdf_bytes
from wegweiser.facts.models.base import FactSource
from wegweiser.facts.models.language import LanguageCertificate
from wegweiser.inbox.models import Submission, SubmissionStatus
from wegweiser.network.models import Contact
from wegweiser.persons.models import Person

from .helpers import assert_accessible, use_verified_session


def test_supporter_submits_staff_verify_and_answer(browser, axe_context, server, tmp_path):
    staff = make_user(Role.SACHBEARBEITUNG, username="sb", first_name="Sara", last_name="Sachbearbeiterin")
    supporter = make_user(Role.UNTERSTUETZENDE, username="pate", first_name="Paul", last_name="Pate", team=None)
    Contact.objects.create(name="Paul Pate", function="Ehrenamtlicher Pate", account=supporter)
    person = Person.objects.create(file_number="AZ-200", family_name="Haddad", given_names="Rania", team=staff.team)
    certificate = LanguageCertificate.objects.create(
        person=person, level="B1", scope="complete", exam="DTZ", issued_on=date(2024, 5, 2),
        source=FactSource.DOCUMENT_SHOWN, source_date=date(2024, 5, 2))
    grant(person, to=supporter, categories=[DataCategory.IDENTITY, DataCategory.DOCUMENTS])
    pdf = tmp_path / "zertifikat-b1.pdf"
    pdf.write_bytes(pdf_bytes("Zertifikat Deutsch B1"))

    # The supporter submits the certificate and a message from the person's page.
    partner_context = browser.new_context(base_url=server, locale="de-DE", bypass_csp=True)
    use_verified_session(partner_context, server, supporter)
    partner = partner_context.new_page()
    partner.goto(f"/partner/personen/{person.pk}/")
    partner.get_by_role("link", name="Nachweis einreichen").click()
    expect(partner.get_by_role("heading", level=1)).to_have_text("Nachweis einreichen")
    assert_accessible(partner)
    partner.get_by_label("Datei").set_input_files(pdf)
    partner.get_by_label("Art des Nachweises").select_option(label="Zeugnis / Zertifikat")
    partner.get_by_label("Bezeichnung").fill("Zertifikat Deutsch B1")
    partner.get_by_label("Hinweis an die Behörde").fill("Frau Haddad hat die Prüfung bestanden.")
    partner.get_by_role("button", name="Nachweis einreichen").click()
    expect(partner.get_by_role("status")).to_contain_text("Ihr Nachweis ist eingegangen.")
    expect(partner.get_by_role("heading", level=1)).to_have_text("Meine Einsendungen")
    assert_accessible(partner)

    partner.goto(f"/partner/personen/{person.pk}/")
    partner.get_by_role("link", name="Nachricht an die Behörde").click()
    expect(partner.get_by_role("heading", level=1)).to_have_text("Nachricht an die Behörde")
    assert_accessible(partner)
    partner.get_by_role("button", name="Nachricht senden").click()  # empty: explained, nothing sent
    expect(partner.get_by_role("alert").first).to_contain_text("Bitte prüfen Sie Ihre Eingaben.")
    assert_accessible(partner)
    partner.get_by_label("Betreff").fill("Termin zur Verlängerung")
    partner.get_by_label("Nachricht").fill("Kann Frau Haddad am Montag um 10 Uhr kommen?")
    partner.get_by_role("button", name="Nachricht senden").click()
    expect(partner.get_by_role("status")).to_contain_text("Ihre Nachricht ist bei der Behörde eingegangen.")
    submissions = partner.get_by_role("table", name="Ihre Einsendungen, die neueste zuerst")
    expect(submissions).to_contain_text("Zertifikat Deutsch B1")
    expect(submissions).to_contain_text("Termin zur Verlängerung")
    assert Submission.objects.filter(status=SubmissionStatus.OPEN).count() == 2
    document = Document.objects.get(person=person)
    assert document.review == DocumentReview.PENDING

    # Staff see the inbox (with the open count in the navigation) and verify the evidence.
    use_verified_session(axe_context, server, staff)
    page = axe_context.new_page()
    page.goto(f"/personen/{person.pk}/")
    expect(page.locator("#eingang")).to_contain_text("Nachweis: Zertifikat Deutsch B1")
    expect(page.locator("main")).to_contain_text("von Partner eingereicht – noch nicht geprüft")
    page.get_by_role("link", name="Eingang (2 offen)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Eingang von Partnern")
    assert_accessible(page)
    page.get_by_role("link", name="Zertifikat Deutsch B1").click()
    expect(page.get_by_role("link", name=re.compile("Herunterladen"))).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Nachweis für").select_option(f"language-certificates:{certificate.pk}")
    page.get_by_role("button", name="Nachweis bestätigen").click()
    expect(page.get_by_role("status")).to_contain_text("Der Nachweis ist bestätigt.")
    expect(page.locator("main")).to_contain_text("bestätigt")
    assert_accessible(page)

    # … and answer the message.
    page.goto("/eingang/")
    page.get_by_role("link", name="Termin zur Verlängerung").click()
    page.get_by_role("button", name="Antworten").click()  # empty: explained
    expect(page.get_by_role("alert").first).to_contain_text("Bitte prüfen Sie Ihre Eingaben.")
    assert_accessible(page)
    page.get_by_label("Antwort", exact=True).fill("Ja, Montag um 10 Uhr passt.")
    page.get_by_role("button", name="Antworten").click()
    expect(page.get_by_role("status")).to_contain_text("Die Antwort ist gespeichert")
    page.goto("/eingang/")
    expect(page.locator("main")).to_contain_text("Keine offenen Einsendungen.")
    expect(page.get_by_role("link", name="Eingang", exact=True)).to_be_visible()
    page.goto("/eingang/?status=erledigt")
    expect(page.locator("main")).to_contain_text("beantwortet")
    assert_accessible(page)
    document.refresh_from_db()
    assert document.review == DocumentReview.VERIFIED and document.fact == certificate

    # The supporter sees both outcomes.
    partner.goto("/partner/einsendungen/")
    submissions = partner.get_by_role("table", name="Ihre Einsendungen, die neueste zuerst")
    expect(submissions.get_by_role("row").filter(has_text="Zertifikat Deutsch B1")).to_contain_text("bestätigt")
    message_row = submissions.get_by_role("row").filter(has_text="Termin zur Verlängerung")
    expect(message_row).to_contain_text("beantwortet")
    expect(message_row).to_contain_text("Ja, Montag um 10 Uhr passt.")
    assert_accessible(partner)
    partner_context.close()
