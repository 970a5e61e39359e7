"""The main flow with the keyboard only: Tab and Shift+Tab to move, typing, Enter and Space to act.

Nothing is clicked and no field is filled by the test driver: every control is reached with Tab from where
the focus is, which also proves the order works and that each control shows where the focus is (see
``helpers.tab_to``). Pages are only opened by typing an address, as in the browser's address bar.
"""

from __future__ import annotations

from playwright.sync_api import expect

from wegweiser.accounts.roles import Role
from wegweiser.core.testing import PASSWORD, current_totp, make_user
from wegweiser.documents.models import Document
from wegweiser.documents.tests.samples import pdf_bytes
from wegweiser.facts.models import Employment, LanguageCertificate
from wegweiser.persons.models import Person
from wegweiser.persons.tests.factories import PersonFactory

from .helpers import choose, is_focused, tab_to, type_date, type_into


def _open_file_chooser_with_space(page, file_field):
    """Space on a focused file field opens the dialog. On a loaded machine Chromium sometimes drops the first
    key event's file chooser; the keyboard user would press Space again, and so does the test (the field must
    still have the focus, so this cannot hide a focus problem)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for _attempt in range(3):
        assert is_focused(file_field), "the file field lost the focus"
        try:
            with page.expect_file_chooser(timeout=5_000) as chooser:
                page.keyboard.press("Space")
        except PlaywrightTimeout:
            continue
        return chooser.value
    raise AssertionError("Space on the focused file field opened no file dialog (3 tries)")


def test_skip_link_and_visible_focus(page):
    page.goto("/konto/anmelden/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Zum Inhalt springen")
    assert is_focused(skip), "the first Tab stop is not the skip link"
    expect(skip).to_be_in_viewport()
    outline = skip.evaluate("el => [getComputedStyle(el).outlineStyle, parseFloat(getComputedStyle(el).outlineWidth)]")
    assert outline[0] != "none" and outline[1] >= 2, f"the focused skip link has no outline: {outline}"

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the next stop is the first control of the content, not the header
    assert is_focused(page.get_by_label("Benutzername"))
    page.keyboard.press("Shift+Tab")
    expect(skip).not_to_be_in_viewport()  # hidden again once it lost the focus


def test_main_flow_by_keyboard(page, tmp_path):
    user = make_user(Role.SACHBEARBEITUNG, username="k.tastatur", first_name="Kai", last_name="Tastatur")
    PersonFactory(family_name="Haddad", given_names="Amina", file_number="AZ-2023-0007", team=user.team)

    # Log in: password step, second factor; Enter submits each form.
    page.goto("/konto/anmelden/")
    type_into(page, page.get_by_label("Benutzername"), user.username)
    page.keyboard.press("Tab")
    assert is_focused(page.get_by_label("Passwort"))
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    type_into(page, page.get_by_label("Sechsstelliger Code aus der Authenticator-App"), current_totp(user))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Willkommen, Kai Tastatur")

    # Search with a typo, open the hit with Enter, come back with Shift+Tab to the main navigation.
    type_into(page, page.get_by_label("Person suchen"), "Hadad Amina")
    page.keyboard.press("Enter")
    hit = page.get_by_role("table").get_by_role("link", name="Haddad, Amina")
    tab_to(page, hit)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Haddad, Amina")
    tab_to(page, page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Person anlegen"),
           backwards=True)
    page.keyboard.press("Enter")

    # Create a file.
    expect(page.get_by_role("heading", level=1)).to_have_text("Person anlegen")
    type_into(page, page.get_by_label("Familienname (laut Pass)"), "Kowalenko")
    page.keyboard.press("Tab")
    page.keyboard.type("Oleksandr")
    type_into(page, page.get_by_label("Geburtsdatum"), "00.03.1990")
    choose(page, page.get_by_label("Staatsangehörigkeit – optional", exact=True), "Ukraine")
    type_into(page, page.get_by_label("Aktenzeichen"), "AZ-2025-0200")
    choose(page, page.get_by_label("Team"), "Team 1")
    tab_to(page, page.get_by_role("button", name="Person anlegen"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Die Akte AZ-2025-0200 wurde angelegt.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kowalenko, Oleksandr")

    # A language certificate; Space presses the save button.
    tab_to(page, page.get_by_role("link", name="Sprachzertifikate: Eintrag hinzufügen"))
    page.keyboard.press("Enter")
    choose(page, page.get_by_label("Niveau (GER)"), "B1")
    choose(page, page.get_by_label("Umfang"), "vollständig (alle Teile)")
    type_into(page, page.get_by_label("Prüfung"), "telc Deutsch B1")
    type_date(page, page.get_by_label("Datum des Zeugnisses"), "2024-02-01")
    choose(page, page.get_by_label("Quelle"), "Nachweis vorgelegt")
    type_date(page, page.get_by_label("Stand der Angabe"), "2024-03-01")
    tab_to(page, page.get_by_role("button", name="Speichern"))
    page.keyboard.press("Space")
    expect(page.get_by_role("status")).to_contain_text("wurde gespeichert")
    expect(page.get_by_role("article")).to_contain_text("telc Deutsch B1")

    # Back to the file (the link at the top, reached backwards), then an employment.
    tab_to(page, page.get_by_role("link", name="Zurück zur Akte von Kowalenko, Oleksandr"), backwards=True)
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("link", name="Beschäftigungen: Eintrag hinzufügen"))
    page.keyboard.press("Enter")
    choose(page, page.get_by_label("Art"), "abhängig beschäftigt")
    type_into(page, page.get_by_label("Arbeitgeber"), "Klinikum Nord")
    type_date(page, page.get_by_label("Beginn"), "2024-04-01")
    type_into(page, page.get_by_label("Stunden pro Woche"), "38.5")
    choose(page, page.get_by_label("Sozialversicherungspflichtig"), "ja")
    choose(page, page.get_by_label("Quelle"), "Angabe der Person")
    type_date(page, page.get_by_label("Stand der Angabe"), "2024-04-15")
    tab_to(page, page.get_by_role("button", name="Speichern"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("wurde gespeichert")
    expect(page.get_by_role("article")).to_contain_text("Klinikum Nord")

    # Upload the certificate: Space on the file field opens the file dialog, as it does for a person.
    tab_to(page, page.get_by_role("link", name="Zurück zur Akte von Kowalenko, Oleksandr"), backwards=True)
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("link", name="Dokument hochladen"))
    page.keyboard.press("Enter")
    pdf = tmp_path / "zertifikat.pdf"
    pdf.write_bytes(pdf_bytes("telc Deutsch B1"))
    file_field = page.get_by_label("Datei")
    tab_to(page, file_field)
    chooser = _open_file_chooser_with_space(page, file_field)
    chooser.set_files(pdf)
    choose(page, page.get_by_label("Art"), "Zeugnis / Zertifikat")
    type_into(page, page.get_by_label("Bezeichnung"), "Zertifikat Deutsch B1")
    proof = page.get_by_label("Nachweis für")
    tab_to(page, proof)
    page.keyboard.press("ArrowDown")  # the first entry after "kein Eintrag": the certificate
    certificate = LanguageCertificate.objects.get(person__file_number="AZ-2025-0200")
    assert proof.input_value() == f"language-certificates:{certificate.pk}"
    tab_to(page, page.get_by_role("button", name="Hochladen"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Das Dokument „Zertifikat Deutsch B1“ wurde gespeichert.")
    expect(page.get_by_role("table", name="Dokumente in der Akte")).to_contain_text("Zertifikat Deutsch B1")

    person = Person.objects.get(file_number="AZ-2025-0200")
    assert (person.family_name, person.given_names, str(person.birth_date)) == ("Kowalenko", "Oleksandr", "00.03.1990")
    assert list(person.nationalities.values_list("code", flat=True)) == ["UA"]
    assert (certificate.level, certificate.scope, str(certificate.issued_on)) == ("B1", "complete", "2024-02-01")
    employment = Employment.objects.get(person=person)
    assert (employment.employer, str(employment.starts_on), employment.social_insurance) == (
        "Klinikum Nord", "2024-04-01", True)
    assert Document.objects.get(person=person).fact_id == certificate.pk
