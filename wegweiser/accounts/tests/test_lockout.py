"""Lockout after wrong passwords (django-axes) and throttling of wrong second-factor codes (django-otp)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

from wegweiser.accounts import services
from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.core.testing import current_totp, make_user

from .helpers import HOME_URL, OTP_URL, is_logged_in, last_audit, otp_step, password_step

pytestmark = pytest.mark.django_db

NOW = timezone.datetime(2026, 3, 2, 9, 0, 0, tzinfo=timezone.get_fixed_timezone(60))
WRONG = "ganz-sicher-falsch"


@pytest.fixture
def user():
    return make_user(Role.SACHBEARBEITUNG, username="l.lehmann")


def _fail(client: Client, username: str, times: int) -> list[int]:
    return [password_step(client, username, WRONG).status_code for _ in range(times)]


def test_settings_lock_after_five_failures_for_thirty_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=30)
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username"]


def test_five_wrong_passwords_lock_the_account(client, user):
    with freeze_time(NOW):
        statuses = _fail(client, user.username, 5)
        # Four ordinary failures; the fifth reaches the limit and already answers with the lockout page.
        assert statuses == [200, 200, 200, 200, 403]
        assert services.is_locked(user.username)

        response = password_step(client, user.username)  # 6th attempt, right password
    assert response.status_code == 403
    assert "Konto vorübergehend gesperrt" in response.content.decode()
    assert "30 Minuten" in response.content.decode()
    assert not is_logged_in(client)
    entry = last_audit()
    assert entry.action == AuditAction.LOGIN_FAILED
    assert entry.details == {"username": user.username, "step": "password", "locked": True}
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).count() == 6


def test_four_wrong_passwords_do_not_lock(client, user):
    with freeze_time(NOW):
        _fail(client, user.username, 4)
        assert not services.is_locked(user.username)
        response = password_step(client, user.username)
    assert response["Location"] == OTP_URL


def test_lock_ends_after_the_cool_off(client, user):
    with freeze_time(NOW) as frozen:
        _fail(client, user.username, 5)
        frozen.tick(timedelta(minutes=29))
        assert password_step(client, user.username).status_code == 403  # still locked (and counted again)
        frozen.tick(timedelta(minutes=29))
        assert password_step(client, user.username).status_code == 403  # the attempt above restarted the wait
        frozen.tick(timedelta(minutes=31))
        assert not services.is_locked(user.username)
        response = password_step(client, user.username)
        assert response.status_code == 302
        assert response["Location"] == OTP_URL


def test_axes_reset_lifts_the_lock(client, user):
    with freeze_time(NOW):
        _fail(client, user.username, 5)
        services.unlock(user)
        assert password_step(client, user.username)["Location"] == OTP_URL


def test_lock_is_per_account_not_per_office_address(client, user):
    colleague = make_user(Role.SACHBEARBEITUNG, username="k.kollegin")
    with freeze_time(NOW):
        _fail(client, user.username, 5)
        response = password_step(Client(), colleague.username)  # same IP address (127.0.0.1)
    assert response["Location"] == OTP_URL


def test_changing_browser_or_address_does_not_escape_the_lock(user):
    with freeze_time(NOW):
        _fail(Client(HTTP_USER_AGENT="Browser A", REMOTE_ADDR="10.0.0.1"), user.username, 3)
        _fail(Client(HTTP_USER_AGENT="Browser B", REMOTE_ADDR="10.0.0.2"), user.username, 2)
        assert services.locked_usernames() == {user.username}
        other = Client(HTTP_USER_AGENT="Browser C", REMOTE_ADDR="10.0.0.3")
        assert password_step(other, user.username).status_code == 403


def test_unknown_usernames_are_locked_too_so_nothing_reveals_which_accounts_exist(client):
    with freeze_time(NOW):
        assert _fail(client, "niemand", 5)[-1] == 403


def test_successful_login_resets_the_failure_count(client, user):
    with freeze_time(NOW):
        _fail(client, user.username, 4)
        assert password_step(client, user.username)["Location"] == OTP_URL
        other = Client()
        assert _fail(other, user.username, 4) == [200] * 4  # counting started again


# --- second factor throttling -------------------------------------------------------------------------


def test_wrong_codes_are_throttled(client, user):
    with freeze_time(NOW) as frozen:
        password_step(client, user.username)
        wrong = f"{(int(current_totp(user)) + 1) % 1_000_000:06d}"
        assert "Der Code ist nicht gültig" in otp_step(client, wrong).content.decode()

        # Immediately afterwards even the right code is refused: django-otp makes the user wait.
        response = otp_step(client, current_totp(user))
        assert response.status_code == 200
        assert "Zu viele falsche Codes" in response.content.decode()
        assert client.get(HOME_URL)["Location"] == OTP_URL
        entry = last_audit()
        assert entry.action == AuditAction.LOGIN_FAILED
        assert entry.details == {"step": "second_factor", "throttled": True}

        frozen.tick(timedelta(seconds=2))
        assert otp_step(client, current_totp(user))["Location"] == HOME_URL


def test_throttling_doubles_the_wait_with_every_wrong_code(client, user):
    with freeze_time(NOW) as frozen:
        password_step(client, user.username)
        for wait in (1, 2, 4, 8):  # after n wrong codes the next try needs 2**(n-1) seconds
            wrong = f"{(int(current_totp(user)) + 1) % 1_000_000:06d}"
            assert "Der Code ist nicht gültig" in otp_step(client, wrong).content.decode()
            frozen.tick(timedelta(seconds=wait) + timedelta(milliseconds=100))
        # Four wrong codes: 8 seconds wait. After 5 seconds still refused, after 9 accepted.
        frozen.tick(timedelta(seconds=-4))
        response = otp_step(client, current_totp(user))
        assert "Zu viele falsche Codes" in response.content.decode()
        assert "Sekunden" in response.content.decode()
        assert services.throttled_user_ids([user.pk]) == {user.pk}
        frozen.tick(timedelta(seconds=4))
        assert otp_step(client, current_totp(user))["Location"] == HOME_URL
        assert services.throttled_user_ids([user.pk]) == set()


def test_brute_forcing_six_digits_is_not_feasible(client, user):
    """Within ten minutes at most about ten codes can be tried."""
    with freeze_time(NOW) as frozen:
        password_step(client, user.username)
        tried = 0
        for _ in range(200):  # one request every three seconds for ten minutes
            response = otp_step(client, "000000" if current_totp(user) != "000000" else "111111")
            if "Der Code ist nicht gültig" in response.content.decode():
                tried += 1
            frozen.tick(timedelta(seconds=3))
    assert tried <= 10
