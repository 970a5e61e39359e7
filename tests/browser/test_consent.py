"""Consent in a real browser: staff record a release from confidentiality for a supporter, the supporter sees
exactly the consented categories of exactly that person, staff revoke it, the supporter is denied. Every
consent page and every external page on the way is scanned with axe (WCAG 2.1 AA, zero violations)."""

from __future__ import annotations

import re
from datetime import date

from django.utils import timezone
from playwright.sync_api import expect

from wegweiser.accounts.roles import Role
from wegweiser.consent.models import Consent, ConsentStatus
from wegweiser.core.testing import make_user
from wegweiser.facts.models.base import FactSource
from wegweiser.facts.models.language import LanguageCertificate
from wegweiser.network.models import Contact
from wegweiser.persons.models import Person, ResidencePeriod

from .helpers import assert_accessible, use_verified_session


def test_consent_opens_exactly_the_consented_data_until_revoked(browser, axe_context, server):
    staff = make_user(Role.SACHBEARBEITUNG, username="sb", first_name="Sara", last_name="Sachbearbeiterin")
    supporter = make_user(Role.UNTERSTUETZENDE, username="pate", first_name="Paul", last_name="Pate", team=None)
    contact = Contact.objects.create(name="Paul Pate", function="Ehrenamtlicher Pate", account=supporter)
    person = Person.objects.create(file_number="AZ-100", family_name="Haddad", given_names="Rania", team=staff.team,
                                   address="Hauptstraße 1, 59425 Unna")
    LanguageCertificate.objects.create(person=person, level="B1", scope="complete", exam="DTZ",
                                       issued_on=date(2024, 5, 2), source=FactSource.DOCUMENT_SHOWN,
                                       source_date=date(2024, 5, 2))
    ResidencePeriod.objects.create(person=person, status="duldung", valid_from=date(2024, 1, 1))
    other = Person.objects.create(file_number="AZ-101", family_name="Kowalenko", given_names="Olena",
                                  team=staff.team)

    # Staff record the consent: the supporter, identity and integration, signed in the office.
    use_verified_session(axe_context, server, staff)
    page = axe_context.new_page()
    page.goto(f"/personen/{person.pk}/einwilligungen/neu/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Neue Einwilligung")
    assert_accessible(page)
    page.get_by_label("Empfänger").select_option(f"contact-{contact.pk}")
    page.get_by_label("Integration: Sprache, Schule, Ausbildung, Arbeit, Lebensunterhalt").check()
    page.get_by_label("Zweck").fill("Begleitung bei der Arbeitssuche")
    page.get_by_role("button", name="Einwilligung erfassen").click()
    expect(page.get_by_role("status")).to_contain_text("Die Einwilligung wurde erfasst.")
    expect(page.locator("main")).to_contain_text("gültig")
    assert_accessible(page)
    consent = Consent.objects.get()
    assert consent.categories == ["identity", "integration"]
    assert consent.signed_on == timezone.localdate()

    # The supporter sees the person with exactly those categories; nothing of the other person.
    partner_context = browser.new_context(base_url=server, locale="de-DE", bypass_csp=True)
    use_verified_session(partner_context, server, supporter)
    partner = partner_context.new_page()
    partner.goto("/partner/personen/")
    expect(partner.get_by_role("heading", level=1)).to_have_text("Meine Personen")
    expect(partner.locator("main")).not_to_contain_text("Kowalenko")
    assert_accessible(partner)
    partner.locator("main").get_by_role("link", name=re.compile("Haddad")).click()
    main = partner.locator("main")
    expect(main).to_contain_text("Hauptstraße 1")
    expect(main).to_contain_text("B1")
    expect(main).not_to_contain_text("Duldung")
    assert_accessible(partner)
    response = partner.goto(f"/partner/personen/{other.pk}/")
    assert response.status == 404
    response = partner.goto(f"/personen/{person.pk}/")  # the office's case file stays closed
    assert response.status == 403

    # Staff revoke it, with confirmation.
    page.get_by_label("Grund des Widerrufs").fill("Widerruf durch die Person am Schalter")
    page.get_by_label("Ich bestätige den Widerruf.").check()
    page.get_by_role("button", name="Einwilligung widerrufen").click()
    expect(page.get_by_role("status")).to_contain_text("Die Einwilligung ist widerrufen.")
    expect(page.locator("main")).to_contain_text("widerrufen")
    assert_accessible(page)
    consent.refresh_from_db()
    assert consent.status == ConsentStatus.REVOKED

    # The supporter is denied at once.
    response = partner.goto(f"/partner/personen/{person.pk}/")
    assert response.status == 404
    partner.goto("/partner/personen/")
    expect(partner.locator("main")).to_contain_text("Zurzeit hat keine Person")
    expect(partner.locator("main")).not_to_contain_text("Haddad")
    partner_context.close()
