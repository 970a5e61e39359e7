"""Fixtures of the inbox tests: an office (staff of the team, a Lotsin), a person and a supporter with consent."""

from __future__ import annotations

import pytest

from wegweiser.accounts.roles import Role
from wegweiser.core.testing import make_user
from wegweiser.persons.models import Person

from .samples import supporter_for


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def staff(db):
    return make_user(Role.SACHBEARBEITUNG, username="sb", first_name="Sara", last_name="Sachbearbeiterin")


@pytest.fixture
def lotsin(staff):
    return make_user(Role.INTEGRATIONSLOTSE, username="lotsin", team=staff.team)


@pytest.fixture
def person(staff, lotsin):
    return Person.objects.create(file_number="AZ-7", family_name="Haddad", given_names="Rania", team=staff.team,
                                 lotse=lotsin)


@pytest.fixture
def other(staff):
    return Person.objects.create(file_number="AZ-8", family_name="Kowalenko", given_names="Olena", team=staff.team)


@pytest.fixture
def supporter(person):
    return supporter_for(person, username="pate")
