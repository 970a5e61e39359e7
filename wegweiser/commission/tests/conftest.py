"""Shared arrangements for the Beratungskommission tests."""

from __future__ import annotations

import pytest

from wegweiser.accounts.roles import Role
from wegweiser.persons.models import Person


@pytest.fixture
def lead(user_factory):
    return user_factory(Role.TEAMLEITUNG, username="tl")


@pytest.fixture
def case_worker(user_factory):
    return user_factory(Role.SACHBEARBEITUNG, username="sb")


@pytest.fixture
def lotse(user_factory):
    return user_factory(Role.INTEGRATIONSLOTSE, username="lotsin")


@pytest.fixture
def person(db, case_worker) -> Person:
    return Person.objects.create(file_number="AZ-K-1", family_name="Haddad", given_names="Rami",
                                 team=case_worker.team, letter_language="ar", address="Hauptstraße 1")
