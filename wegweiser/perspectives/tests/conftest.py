"""Fixtures of the perspectives tests."""

from __future__ import annotations

import pytest

from .samples import make_tolerated


@pytest.fixture
def tolerated(db):
    return make_tolerated()
