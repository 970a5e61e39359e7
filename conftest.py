"""Fixtures for every test suite."""

import pytest

from wegweiser.accounts.roles import Role
from wegweiser.core.testing import make_user, verified_client


@pytest.fixture
def user_factory(db):
    return make_user


@pytest.fixture
def role_client(db):
    """``role_client(Role.SACHBEARBEITUNG)`` -> (user, logged-in client with second factor)."""

    def _make(role: Role | str, **kwargs):
        user = make_user(role, **kwargs)
        return user, verified_client(user)

    return _make
