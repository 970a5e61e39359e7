"""The network directory in a real browser: filter the directory, open an organisation, create one, refer a
person from the person page and download the "Angebote für Sie" sheet. Each page is scanned with axe
(WCAG 2.1 AA, zero violations)."""

from __future__ import annotations

from playwright.sync_api import expect

from wegweiser.accounts.roles import Role
from wegweiser.core.testing import make_user
from wegweiser.network.demo_directory import seed_directory
from wegweiser.network.models import Organisation, Referral
from wegweiser.persons.models import PersonLanguage
from wegweiser.persons.tests.factories import PersonFactory

from .helpers import assert_accessible, use_verified_session


def test_directory_referral_and_offers_sheet(axe_context, server):
    lotse = make_user(Role.INTEGRATIONSLOTSE, username="lotsin", first_name="Lena", last_name="Lotsin")
    seed_directory()
    person = PersonFactory(family_name="Haddad", given_names="Samir", letter_language="ar")
    PersonLanguage.objects.create(person=person, code="ar", is_native=True)
    use_verified_session(axe_context, server, lotse)
    page = axe_context.new_page()

    # The directory, filtered by language and topic.
    page.goto("/netzwerk/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Netzwerk")
    assert_accessible(page)
    page.get_by_label("Sprache", exact=True).select_option("uk")
    page.get_by_label("Thema").select_option("schule")
    page.get_by_role("button", name="Filtern").click()
    table = page.get_by_role("table", name="Organisationen im Netzwerk")
    expect(table.get_by_role("row")).to_have_count(2)  # header and the Jugendmigrationsdienst
    expect(table).to_contain_text("Jugendmigrationsdienst Beispielstadt")
    assert_accessible(page)

    # The detail page of an organisation with its contact persons.
    table.get_by_role("link", name="Jugendmigrationsdienst Beispielstadt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jugendmigrationsdienst Beispielstadt")
    expect(page.get_by_role("table", name="Kontaktpersonen der Organisation")).to_contain_text("Olena Koval")
    assert_accessible(page)

    # A new organisation: a wrong language code is explained, the input stays.
    page.goto("/netzwerk/")
    page.get_by_role("link", name="Organisation anlegen", exact=True).click()
    assert_accessible(page)
    page.get_by_label("Name", exact=True).fill("Nachbarschaftshilfe Süd")
    page.get_by_label("Art").select_option("ehrenamt")
    page.get_by_label("Sprachen", exact=False).fill("de, arabisch")
    page.get_by_label("Wohnen").check()
    page.get_by_role("button", name="Organisation anlegen").click()
    expect(page.locator("#form-errors")).to_contain_text("Unbekannter Sprachcode: arabisch")
    expect(page.get_by_label("Name", exact=True)).to_have_value("Nachbarschaftshilfe Süd")
    assert_accessible(page)
    page.get_by_label("Sprachen", exact=False).fill("de, ar")
    page.get_by_role("button", name="Organisation anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nachbarschaftshilfe Süd")
    assert Organisation.objects.get(name="Nachbarschaftshilfe Süd").topics == ["wohnen"]

    # From the person page: refer the person, then see the referral in the section.
    page.goto(f"/personen/{person.pk}/")
    section = page.locator("#vermittlungen")
    expect(section.get_by_role("heading", level=2)).to_have_text("Vermittlungen")
    expect(section).to_contain_text("Noch keine Vermittlung.")
    assert_accessible(page)
    section.get_by_role("link", name="Vermitteln").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("An eine Stelle des Netzwerks vermitteln")
    assert_accessible(page)
    page.get_by_label("Organisation").select_option(label="Migrationsberatung für Erwachsene im Sozialwerk Beispielstadt")
    page.get_by_label("Anlass").fill("Anerkennung des Berufsabschlusses")
    page.get_by_role("button", name="Vermittlung eintragen").click()
    expect(page.get_by_role("status")).to_contain_text("Die Vermittlung wurde eingetragen.")
    expect(section).to_contain_text("Anerkennung des Berufsabschlusses")
    assert Referral.objects.get().person == person
    assert_accessible(page)

    # The sheet in Arabic, from the section's button.
    expect(section.get_by_label("Sprache des Blatts")).to_have_value("ar")
    with page.expect_download() as download:
        section.get_by_role("button", name="„Angebote für Sie“ als PDF").click()
    assert download.value.suggested_filename.endswith("-ar.pdf")
