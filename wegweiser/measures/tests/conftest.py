"""Shared arrangements for the measures tests."""

from __future__ import annotations

import pytest

from wegweiser.accounts.roles import Role


@pytest.fixture
def planner(user_factory):
    return user_factory(Role.SACHBEARBEITUNG, username="sb-plan")


@pytest.fixture
def lead(user_factory):
    return user_factory(Role.TEAMLEITUNG, username="tl")


@pytest.fixture
def default_concept(db):
    from wegweiser.counselling.tests.samples import default_concept

    return default_concept()
