"""Idle timeout of sessions and production password hashing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.test import override_settings
from django.utils import timezone
from freezegun import freeze_time

from wegweiser.accounts.roles import Role
from wegweiser.core.testing import make_user, verified_client

from .helpers import HOME_URL, LOGIN_URL

NOW = timezone.datetime(2026, 3, 2, 9, 0, 0, tzinfo=timezone.get_fixed_timezone(60))


def test_session_settings_expire_after_thirty_idle_minutes_and_on_browser_close():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True


@pytest.mark.django_db
def test_session_older_than_cookie_age_no_longer_authenticates():
    user = make_user(Role.SACHBEARBEITUNG)
    with freeze_time(NOW) as frozen:
        client = verified_client(user)
        assert client.get(HOME_URL).status_code == 200
        assert client.session.get_expiry_date() == NOW + timedelta(seconds=settings.SESSION_COOKIE_AGE)
        frozen.tick(timedelta(seconds=settings.SESSION_COOKIE_AGE + 1))
        response = client.get(HOME_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)


@pytest.mark.django_db
def test_activity_keeps_the_session_alive():
    """The timeout counts from the last request, not from the log-in."""
    user = make_user(Role.SACHBEARBEITUNG)
    with freeze_time(NOW) as frozen:
        client = verified_client(user)
        for _ in range(4):  # 4 × 20 minutes = 80 minutes in total, never 30 minutes idle
            frozen.tick(timedelta(minutes=20))
            assert client.get(HOME_URL).status_code == 200
        frozen.tick(timedelta(minutes=31))
        assert client.get(HOME_URL)["Location"].startswith(LOGIN_URL)


def test_production_settings_hash_passwords_with_argon2():
    from wegweiser.conf import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    # The argon2 library is installed, so the hasher really works (tests use MD5 only for speed).
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        encoded = make_password("Korrekt-Pferd-Batterie")
        assert encoded.startswith("argon2$argon2id$")
        assert check_password("Korrekt-Pferd-Batterie", encoded)
        assert not check_password("falsch", encoded)


def test_production_settings_require_long_passwords():
    from wegweiser.conf import base

    validators = {v["NAME"].rsplit(".", 1)[-1]: v.get("OPTIONS", {}) for v in base.AUTH_PASSWORD_VALIDATORS}
    assert validators["MinimumLengthValidator"] == {"min_length": 12}
    assert {"UserAttributeSimilarityValidator", "CommonPasswordValidator", "NumericPasswordValidator"} <= set(validators)
