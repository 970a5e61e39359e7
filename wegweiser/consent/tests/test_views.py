"""The consent pages and the external pages through the client: recording, revoking, printing, and what an
external account sees before consent, with it, after revocation, after expiry and for other persons."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from wegweiser.accounts.policy import DataCategory
from wegweiser.accounts.roles import EXTERNAL_ROLES, Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.consent.models import Consent, ConsentStatus, SignedHow
from wegweiser.core.testing import make_user, verified_client
from wegweiser.facts.models.base import FactSource
from wegweiser.facts.models.language import LanguageCertificate
from wegweiser.persons.models import Person, ResidencePeriod

from .samples import grant, organisation, partner

EXTERNAL = sorted(EXTERNAL_ROLES)


@pytest.fixture
def staff(db):
    return make_user(Role.SACHBEARBEITUNG, username="sb")


@pytest.fixture
def person(staff):
    person = Person.objects.create(file_number="AZ-7", family_name="Haddad", given_names="Rania", team=staff.team,
                                   address="Hauptstraße 1, 59425 Unna", letter_language="ar")
    LanguageCertificate.objects.create(person=person, level="B1", scope="complete", exam="DTZ",
                                       issued_on=date(2024, 5, 2), source=FactSource.DOCUMENT_SHOWN,
                                       source_date=date(2024, 5, 2))
    ResidencePeriod.objects.create(person=person, status="duldung", valid_from=date(2024, 1, 1),
                                   document_number="DUL-SECRET-1")
    return person


@pytest.fixture
def other(staff):
    return Person.objects.create(file_number="AZ-8", family_name="Kowalenko", given_names="Olena", team=staff.team)


def _post_data(org, **changes):
    today = timezone.localdate()
    data = {"recipient": f"org-{org.pk}", "categories": ["identity", "integration"],
            "purpose": "Begleitung bei der Arbeitssuche", "valid_from": today.isoformat(),
            "valid_until": (today + timedelta(days=364)).isoformat(), "signed_how": "in_office",
            "signed_on": today.isoformat()}
    data.update(changes)
    return data


# --- staff pages ----------------------------------------------------------------------------------------


def test_record_in_office_then_detail_and_person_section(staff, person):
    org = organisation()
    client = verified_client(staff)
    response = client.get(reverse("consent:create", kwargs={"person_pk": person.pk}))
    assert response.status_code == 200
    assert "Angaben zur Person" in response.content.decode()
    response = client.post(reverse("consent:create", kwargs={"person_pk": person.pk}), _post_data(org))
    consent = Consent.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("consent:detail", kwargs={"pk": consent.pk})
    assert consent.categories == ["identity", "integration"]
    assert consent.recorded_by == staff and consent.signed_how == SignedHow.IN_OFFICE
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_type="consent.consent").count() == 1
    page = client.get(reverse("persons:detail", kwargs={"pk": person.pk})).content.decode()
    assert 'id="einwilligungen-heading"' in page and "gültig" in page and org.name in page


def test_recipient_can_be_preset_from_a_link_but_only_to_an_active_choice(staff, person):
    org = organisation()
    inactive = organisation("Geschlossene Stelle")
    inactive.active = False
    inactive.save()
    client = verified_client(staff)
    url = reverse("consent:create", kwargs={"person_pk": person.pk})
    assert client.get(url + f"?empfaenger=org-{org.pk}").context["form"].initial["recipient"] == f"org-{org.pk}"
    for bogus in (f"org-{inactive.pk}", "contact-999999", "x"):
        assert "recipient" not in client.get(url + f"?empfaenger={bogus}").context["form"].initial


def test_record_with_scan_files_the_document(staff, person):
    from wegweiser.documents.tests.samples import pdf_upload

    org = organisation()
    client = verified_client(staff)
    data = _post_data(org, signed_how="scan", signed_scan=pdf_upload("einwilligung.pdf"))
    response = client.post(reverse("consent:create", kwargs={"person_pk": person.pk}), data)
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert consent.signed_document is not None and consent.signed_document.person == person


@pytest.mark.parametrize(("changes", "message"), [
    ({"signed_how": "scan"}, "Bitte laden Sie die unterschriebene Erklärung hoch."),
    ({"categories": ["integration"]}, "Die Angaben zur Person gehören immer dazu"),
    ({"valid_until": (timezone.localdate() + timedelta(days=800)).isoformat()}, "höchstens zwei Jahre"),
    ({"recipient": ""}, "Bitte wählen Sie den Empfänger."),
])
def test_bad_input_is_explained_and_nothing_saved(staff, person, changes, message):
    client = verified_client(staff)
    response = client.post(reverse("consent:create", kwargs={"person_pk": person.pk}),
                           _post_data(organisation(), **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Consent.objects.exists()


def test_revoke_needs_confirmation_and_then_takes_effect(staff, person):
    supporter = partner(Role.UNTERSTUETZENDE)
    consent = grant(person, to=supporter)
    client = verified_client(staff)
    url = reverse("consent:revoke", kwargs={"pk": consent.pk})
    response = client.post(url, {"reason": "Widerruf am Schalter", "version": consent.version})
    assert response.status_code == 400 and "Bitte bestätigen Sie den Widerruf." in response.content.decode()
    consent.refresh_from_db()
    assert consent.status == ConsentStatus.VALID
    response = client.post(url, {"reason": "Widerruf am Schalter", "confirm": "on", "version": consent.version})
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.status == ConsentStatus.REVOKED and consent.revoked_by == staff
    stale = client.post(url, {"reason": "noch einmal", "confirm": "on", "version": 1})
    assert stale.status_code == 400 and "bereits widerrufen" in stale.content.decode()


def test_pdf_in_german_and_the_persons_language(staff, person):
    import io  # noqa: PLC0415

    from pypdf import PdfReader  # noqa: PLC0415

    consent = grant(person, to=organisation(), categories=[DataCategory.IDENTITY, DataCategory.RESIDENCE])
    client = verified_client(staff)
    for lang, expected in (("de", "Schweigepflicht"), ("ar", "Schweigepflicht")):
        response = client.get(reverse("consent:pdf", kwargs={"pk": consent.pk}) + f"?lang={lang}")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
        assert expected in text.replace("\n", " ")
        assert "Begleitung bei der Arbeitssuche" in text.replace("\n", " ")
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, person_id=person.pk).count() == 2


# --- external pages -------------------------------------------------------------------------------------


def _external_page(user, person):
    return verified_client(user).get(reverse("consent:external_person", kwargs={"pk": person.pk}))


@pytest.mark.parametrize("role", EXTERNAL, ids=str)
def test_external_sees_exactly_the_consented_categories(person, other, role):
    user = partner(role)
    assert _external_page(user, person).status_code == 404  # before consent
    grant(person, to=user, categories=[DataCategory.IDENTITY, DataCategory.INTEGRATION])
    response = _external_page(user, person)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Haddad" in page and "Hauptstraße 1" in page  # identity
    assert "B1" in page  # the language certificate (integration)
    assert "DUL-SECRET-1" not in page and "Duldung" not in page  # residence was not consented
    assert _external_page(user, other).status_code == 404  # another person
    listing = verified_client(user).get(reverse("consent:my_persons")).content.decode()
    assert "Haddad" in listing and "Kowalenko" not in listing
    assert AuditEntry.objects.filter(actor_id=user.pk, action=AuditAction.VIEW, person_id=person.pk).exists()


@pytest.mark.parametrize("role", EXTERNAL, ids=str)
def test_external_with_residence_consent_sees_the_status_only(person, role):
    user = partner(role)
    grant(person, to=user, categories=[DataCategory.IDENTITY, DataCategory.RESIDENCE])
    page = _external_page(user, person).content.decode()
    # As a whole word: a random CSRF token on the page may contain "B1".
    assert "Duldung" in page and not re.search(r"\bB1\b", page)


@pytest.mark.parametrize("role", EXTERNAL, ids=str)
def test_external_is_denied_after_revocation_and_after_expiry(staff, person, role):
    from wegweiser.consent import services

    user = partner(role)
    consent = grant(person, to=user)
    last = consent.valid_until
    with freeze_time(last.isoformat()):
        assert _external_page(user, person).status_code == 200
    with freeze_time((last + timedelta(days=1)).isoformat()):
        assert _external_page(user, person).status_code == 404
    services.revoke(staff, consent, "Widerruf", expected_version=consent.version)
    assert _external_page(user, person).status_code == 404
    assert "Haddad" not in verified_client(user).get(reverse("consent:my_persons")).content.decode()


@pytest.mark.parametrize("role", EXTERNAL, ids=str)
def test_staff_pages_stay_closed_to_external_accounts_with_consent(person, role):
    user = partner(role)
    consent = grant(person, to=user, categories=list(DataCategory))
    client = verified_client(user)
    for url in (reverse("persons:detail", kwargs={"pk": person.pk}),
                reverse("consent:detail", kwargs={"pk": consent.pk}),
                reverse("consent:pdf", kwargs={"pk": consent.pk}),
                reverse("persons:search")):
        assert client.get(url).status_code == 403, url


def test_external_pages_are_for_external_accounts(staff, person):
    client = verified_client(staff)
    assert client.get(reverse("consent:my_persons")).status_code == 403
    assert client.get(reverse("consent:external_person", kwargs={"pk": person.pk})).status_code == 403


def test_consent_without_identity_shows_no_person(person):
    """Recorded through the service only with identity; a stored one without it opens nothing."""
    user = partner(Role.UNTERSTUETZENDE)
    grant(person, to=user, categories=[DataCategory.INTEGRATION])
    assert _external_page(user, person).status_code == 403
    assert "Haddad" not in verified_client(user).get(reverse("consent:my_persons")).content.decode()
