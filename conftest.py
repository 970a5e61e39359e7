"""Fixtures for every test suite."""

import pytest
from hypothesis import HealthCheck, settings

from wegweiser.accounts.roles import Role
from wegweiser.core.testing import make_user, verified_client

# Property tests check correctness, not speed: on a loaded 2-core CI machine the per-example deadline and the
# "too slow" health check fail at random. Speed lives in benchmarks/.
settings.register_profile("wegweiser", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("wegweiser")


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


# CI must not pass by skipping: with WEGWEISER_REQUIRE_BROWSER=1 / WEGWEISER_REQUIRE_REDIS=1 (set by .ci/run) a
# skipped browser or Redis test counts as a failure, so a missing Chromium or Redis turns CI red.
_REQUIRED_MARKERS = {"browser": "WEGWEISER_REQUIRE_BROWSER", "redis": "WEGWEISER_REQUIRE_REDIS"}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.skipped:
        import os

        for marker, variable in _REQUIRED_MARKERS.items():
            if item.get_closest_marker(marker) and os.environ.get(variable) == "1":
                report.outcome = "failed"
                report.longrepr = f"{marker} test skipped although {variable}=1: {report.longrepr}"
    return report
