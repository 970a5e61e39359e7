"""Shared arrangements for the counselling tests."""

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
def person(db, case_worker) -> Person:
    return Person.objects.create(file_number="AZ-B-1", family_name="Haddad", given_names="Rami",
                                 team=case_worker.team, letter_language="ar")


@pytest.fixture(autouse=True)
def default_concept(db):
    from .samples import default_concept

    return default_concept()
