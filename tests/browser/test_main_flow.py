"""The main flow of a case worker in a real browser: log in with the second factor, find a person despite a
typo, create a file, record a language certificate and an employment, upload the certificate as a PDF.
Each step is checked on the page the user sees, and the end result in the database."""

from __future__ import annotations

from django.utils import translation
from playwright.sync_api import expect

from wegweiser.accounts.roles import Role
from wegweiser.core.testing import make_user
from wegweiser.documents.models import Document
from wegweiser.documents.tests.samples import pdf_bytes
from wegweiser.facts.display import fact_title
from wegweiser.facts.models import Employment, LanguageCertificate
from wegweiser.persons.models import Person
from wegweiser.persons.tests.factories import PersonFactory

from .helpers import log_in

CERTIFICATE_PDF = pdf_bytes("telc Deutsch B1")


def test_log_in_search_create_record_upload(page, tmp_path):
    user = make_user(Role.SACHBEARBEITUNG, username="s.mueller", first_name="Sabine", last_name="Müller")
    PersonFactory(family_name="Haddad", given_names="Amina", file_number="AZ-2023-0007", team=user.team)

    # Log in: password, then the code from the authenticator app.
    log_in(page, user)
    expect(page.get_by_role("heading", level=1)).to_have_text("Willkommen, Sabine Müller")

    # Search with a typo in the family name: the file is found all the same.
    page.get_by_label("Person suchen").fill("Hadad Amina")
    page.get_by_role("button", name="Suchen").click()
    expect(page).to_have_title("Suche nach „Hadad Amina“ – Wegweiser")
    hit = page.get_by_role("table").get_by_role("row").filter(has_text="AZ-2023-0007")
    expect(hit.get_by_role("link", name="Haddad, Amina")).to_be_visible()

    # Create a new file.
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Person anlegen").click()
    page.get_by_label("Familienname (laut Pass)").fill("Kowalenko")
    page.get_by_label("Vornamen (laut Pass)").fill("Oleksandr")
    page.get_by_label("Geburtsdatum").fill("00.03.1990")
    page.get_by_label("Staatsangehörigkeit – optional", exact=True).select_option("UA")
    page.get_by_label("Aktenzeichen").fill("AZ-2025-0100")
    page.get_by_label("Team").select_option(label="Team 1")
    page.get_by_role("button", name="Person anlegen").click()
    expect(page.get_by_role("status")).to_contain_text("Die Akte AZ-2025-0100 wurde angelegt.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kowalenko, Oleksandr")
    expect(page.locator("main dl").first).to_contain_text("Ukraine")
    file_url = page.url

    # Record a language certificate.
    page.get_by_role("link", name="Sprachzertifikate: Eintrag hinzufügen").click()
    page.get_by_label("Niveau (GER)").select_option("B1")
    page.get_by_label("Umfang").select_option(label="vollständig (alle Teile)")
    page.get_by_label("Prüfung").fill("telc Deutsch B1")
    page.get_by_label("Datum des Zeugnisses").fill("2024-02-01")
    page.get_by_label("Quelle").select_option(label="Nachweis vorgelegt")
    page.get_by_label("Stand der Angabe").fill("2024-03-01")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status")).to_contain_text("wurde gespeichert")
    certificate_card = page.get_by_role("article")
    expect(certificate_card).to_contain_text("B1")
    expect(certificate_card).to_contain_text("telc Deutsch B1")
    expect(certificate_card).to_contain_text("Nachweis vorgelegt")

    # Record an employment.
    page.goto(file_url)
    page.get_by_role("link", name="Beschäftigungen: Eintrag hinzufügen").click()
    page.get_by_label("Art").select_option(label="abhängig beschäftigt")
    page.get_by_label("Arbeitgeber").fill("Klinikum Nord")
    page.get_by_label("Beginn").fill("2024-04-01")
    page.get_by_label("Stunden pro Woche").fill("38.5")
    page.get_by_label("Sozialversicherungspflichtig").select_option(label="ja")
    page.get_by_label("Quelle").select_option(label="Angabe der Person")
    page.get_by_label("Stand der Angabe").fill("2024-04-15")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status")).to_contain_text("wurde gespeichert")
    expect(page.get_by_role("article")).to_contain_text("Klinikum Nord")

    # Both facts are in the file's overview.
    page.goto(file_url)
    facts = page.get_by_role("region", name="Integrationsfakten")
    expect(facts.get_by_role("table", name="Sprachzertifikate")).to_contain_text("B1")
    expect(facts.get_by_role("table", name="Beschäftigungen")).to_contain_text("Klinikum Nord")

    # Upload the certificate as a PDF, as proof of the language certificate.
    pdf = tmp_path / "zertifikat-b1.pdf"
    pdf.write_bytes(CERTIFICATE_PDF)
    page.get_by_role("link", name="Dokument hochladen").click()
    page.get_by_label("Datei").set_input_files(pdf)
    page.get_by_label("Art").select_option(label="Zeugnis / Zertifikat")
    page.get_by_label("Bezeichnung").fill("Zertifikat Deutsch B1")
    certificate = LanguageCertificate.objects.get(person__file_number="AZ-2025-0100")
    page.get_by_label("Nachweis für").select_option(f"language-certificates:{certificate.pk}")
    page.get_by_role("button", name="Hochladen").click()
    expect(page.get_by_role("status")).to_contain_text("Das Dokument „Zertifikat Deutsch B1“ wurde gespeichert.")
    documents = page.get_by_role("table", name="Dokumente in der Akte")
    row = documents.get_by_role("row").filter(has_text="Zertifikat Deutsch B1")
    expect(row).to_contain_text("Zeugnis / Zertifikat")
    expect(row).to_contain_text(fact_title(certificate))  # the fact it proves

    # The stored file is the uploaded one.
    with page.expect_download() as download:
        row.get_by_role("link", name="Herunterladen").click()
    assert download.value.path().read_bytes() == CERTIFICATE_PDF

    person = Person.objects.get(file_number="AZ-2025-0100")
    assert list(person.nationalities.values_list("code", flat=True)) == ["UA"]
    certificate.refresh_from_db()
    assert (certificate.level, certificate.exam, certificate.recorded_by) == ("B1", "telc Deutsch B1", user)
    employment = Employment.objects.get(person=person)
    assert (employment.employer, str(employment.hours_per_week), employment.social_insurance) == (
        "Klinikum Nord", "38.5", True)
    document = Document.objects.get(person=person)
    assert (document.title, document.fact_id, document.uploaded_by) == ("Zertifikat Deutsch B1", certificate.pk, user)


def test_english_switch(page):
    """The staff UI is German; the switch in the header turns it into English and back, and it sticks."""
    user = make_user(Role.SACHBEARBEITUNG, username="j.smith", first_name="Jane", last_name="Smith")
    log_in(page, user)
    with translation.override("en"):
        search_label = translation.gettext("Personensuche")
        create_label = translation.gettext("Person anlegen")
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    expect(nav.get_by_role("link", name="Personensuche")).to_be_visible()

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    nav = page.locator("nav.site-nav")
    expect(nav.get_by_role("link", name=search_label)).to_be_visible()
    nav.get_by_role("link", name=create_label).click()  # the choice holds on the next page
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_role("button", name="Deutsch").click()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("heading", level=1)).to_have_text("Person anlegen")
