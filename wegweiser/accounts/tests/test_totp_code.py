"""The ``totp_code`` command: demo log-in without a phone, never in production."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.utils import timezone
from freezegun import freeze_time

from wegweiser.accounts.models import User
from wegweiser.accounts.roles import Role
from wegweiser.core.testing import PASSWORD, current_totp, make_user

from .helpers import HOME_URL, OTP_URL, otp_step, password_step

pytestmark = pytest.mark.django_db

NOW = timezone.datetime(2026, 3, 2, 9, 0, 0, tzinfo=timezone.get_fixed_timezone(60))


def _run(*args: str) -> str:
    out = StringIO()
    call_command("totp_code", *args, stdout=out)
    return out.getvalue().strip()


@override_settings(DEBUG=False)
def test_refuses_without_debug():
    user = make_user(Role.SACHBEARBEITUNG, username="demo")
    with pytest.raises(CommandError, match="DEBUG=True"):
        _run(user.username)


@override_settings(DEBUG=True)
def test_prints_the_current_code_which_logs_in():
    user = make_user(Role.SACHBEARBEITUNG, username="demo")
    with freeze_time(NOW):
        code = _run("demo")
        assert code == current_totp(user)
        assert len(code) == 6 and code.isdigit()
        client = Client()
        password_step(client, "demo")
        assert otp_step(client, code)["Location"] == HOME_URL


@override_settings(DEBUG=True)
def test_prints_the_code_of_the_device_being_enrolled():
    User.objects.create_user(username="neu", password=PASSWORD, role=Role.SACHBEARBEITUNG)
    with pytest.raises(CommandError, match="noch keinen zweiten Faktor"):
        _run("neu")
    with freeze_time(NOW):
        client = Client()
        password_step(client, "neu")
        assert client.get(OTP_URL).context["enrolling"] is True
        assert otp_step(client, _run("neu"))["Location"] == HOME_URL


@override_settings(DEBUG=True)
def test_unknown_user():
    with pytest.raises(CommandError, match="Kein Konto"):
        _run("niemand")
