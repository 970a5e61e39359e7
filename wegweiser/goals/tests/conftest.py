"""Shared arrangements for the goals tests."""

from __future__ import annotations

import pytest

from wegweiser.accounts.roles import Role
from wegweiser.persons.models import Person

from .samples import person_missing_a2


@pytest.fixture
def lotse(user_factory):
    return user_factory(Role.INTEGRATIONSLOTSE, username="lotsin", email="lotsin@example.org")


@pytest.fixture
def case_worker(user_factory):
    return user_factory(Role.SACHBEARBEITUNG, username="sb", email="sb@example.org")


@pytest.fixture
def person(db, lotse) -> Person:
    return person_missing_a2(lotse)
