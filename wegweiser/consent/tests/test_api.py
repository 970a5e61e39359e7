"""The REST API and external accounts. The API is the office's interface: every endpoint starts with the
policy's "may this role do this at all" step, which refuses external roles; a consent does not open it. So an
external account with a valid consent gets 403 everywhere, and its searches and lists stay empty."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from wegweiser.accounts.policy import DataCategory
from wegweiser.accounts.roles import EXTERNAL_ROLES
from wegweiser.api.tests.conftest import verified_api_client
from wegweiser.facts.models.base import FactSource
from wegweiser.facts.models.language import LanguageCertificate
from wegweiser.persons.models import Person, ResidencePeriod

from .samples import grant, partner


@pytest.fixture
def person(db):
    person = Person.objects.create(file_number="AZ-9", family_name="Haddad", given_names="Rania")
    certificate = LanguageCertificate.objects.create(
        person=person, level="B1", scope="complete", issued_on=date(2024, 5, 2), source=FactSource.DOCUMENT_SHOWN,
        source_date=date(2024, 5, 2))
    period = ResidencePeriod.objects.create(person=person, status="duldung", valid_from=date(2024, 1, 1))
    return person, certificate, period


@pytest.mark.parametrize("role", sorted(EXTERNAL_ROLES), ids=str)
def test_external_account_with_consent_is_refused_by_every_person_endpoint(person, role):
    person, certificate, period = person
    user = partner(role)
    grant(person, to=user, categories=list(DataCategory))  # even everything consented
    client = verified_api_client(user)
    urls = [
        reverse("api:person-list"), reverse("api:person-list") + "?q=Haddad",
        reverse("api:person-detail", kwargs={"pk": person.pk}),
        reverse("api:person-fact-language-certificates-list", kwargs={"person_id": person.pk}),
        reverse("api:fact-language-certificates-detail", kwargs={"pk": certificate.pk}),
        reverse("api:person-residence-period-list", kwargs={"person_id": person.pk}),
        reverse("api:residence-period-detail", kwargs={"pk": period.pk}),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Haddad" not in response.content.decode() and "B1" not in response.content.decode()
    assert client.patch(reverse("api:person-detail", kwargs={"pk": person.pk}),
                        {"version": person.version, "phone": "1"}, format="json").status_code == 403
