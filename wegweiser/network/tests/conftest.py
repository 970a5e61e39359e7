"""Shared arrangements for the network tests: a small directory and a person who speaks Arabic."""

from __future__ import annotations

import pytest

from wegweiser.accounts.roles import Role
from wegweiser.core.partial_dates import PartialDate
from wegweiser.network.models import Contact, Organisation
from wegweiser.persons.models import PersonLanguage
from wegweiser.persons.tests.factories import PersonFactory


@pytest.fixture
def lotse(user_factory):
    return user_factory(Role.INTEGRATIONSLOTSE, username="lotsin")


@pytest.fixture
def case_worker(user_factory):
    return user_factory(Role.SACHBEARBEITUNG, username="sb")


@pytest.fixture
def mbe(db) -> Organisation:
    return Organisation.objects.create(
        name="Migrationsberatung Beispielstadt", kind="mbe", languages=["de", "ar", "fa"],
        topics=["aufenthalt_beratung", "sprache", "arbeit"], address="Lindenweg 12\n00000 Beispielstadt",
        opening_hours="Mo–Do 9–12 Uhr", description="Beratung für Zugewanderte ab 27 Jahren.",
        email="kontakt@mbe.beispielstadt.example.org",
    )


@pytest.fixture
def jmd(db) -> Organisation:
    return Organisation.objects.create(name="Jugendmigrationsdienst Beispielstadt", kind="jmd",
                                       languages=["de", "uk"], topics=["schule", "ausbildung"])


@pytest.fixture
def jobcenter(db) -> Organisation:
    return Organisation.objects.create(name="Jobcenter Kreis Beispielstadt", kind="jobcenter",
                                       languages=["de", "en"], topics=["arbeit", "ausbildung"])


@pytest.fixture
def volunteer(db) -> Contact:
    return Contact.objects.create(name="Helga Sommer", function="ehrenamtliche Patin", languages=["de", "fr"])


@pytest.fixture
def person(db):
    person = PersonFactory(family_name="حداد", given_names="سمير", family_name_latin="Haddad",
                           given_names_latin="Samir", file_number="AZ-2026-40",
                           birth_date=PartialDate(1990, 5, 1), letter_language="ar")
    PersonLanguage.objects.create(person=person, code="ar", is_native=True)
    return person
