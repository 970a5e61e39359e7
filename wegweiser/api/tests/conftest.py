"""Fixtures for the API tests: DRF clients with a verified (second-factor) session."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from wegweiser.accounts.models import Team, User
from wegweiser.accounts.roles import Role
from wegweiser.core.testing import make_user
from wegweiser.persons.models import Person


def verified_api_client(user: User) -> APIClient:
    """Logged in with password and second factor, exactly as ``core.testing.verified_client`` does it."""
    client = APIClient()
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = TOTPDevice.objects.get(user=user, confirmed=True).persistent_id
    session.save()
    return client


@pytest.fixture
def team(db) -> Team:
    return Team.objects.get_or_create(name="Team 1")[0]


@pytest.fixture
def other_team(db) -> Team:
    return Team.objects.get_or_create(name="Team 2")[0]


@pytest.fixture
def api(db, team) -> Callable[..., tuple[User, APIClient]]:
    """``api(Role.SACHBEARBEITUNG)`` -> (user, verified API client); users join Team 1 unless told."""
    counter = iter(range(1, 1000))

    def _make(role: Role | str, team: Team | None = team, **kwargs) -> tuple[User, APIClient]:
        user = make_user(role, username=f"api-{Role(role).value}-{next(counter)}", team=team, **kwargs)
        return user, verified_api_client(user)

    return _make


@pytest.fixture
def person(team) -> Person:
    return Person.objects.create(
        file_number="AZ-100", family_name="Haddad", given_names="Rami", team=team,
    )


@pytest.fixture
def other_person(other_team) -> Person:
    return Person.objects.create(
        file_number="AZ-200", family_name="Kovalenko", given_names="Olena", team=other_team,
    )
