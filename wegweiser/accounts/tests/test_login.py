"""The whole log-in flow through the real views: password, second factor (enrolment and check), log-out."""

from __future__ import annotations

import base64
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from wegweiser.accounts.models import User
from wegweiser.accounts.roles import Role
from wegweiser.accounts.services import current_code
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.core.testing import PASSWORD, current_totp, make_user, verified_client

from .helpers import HOME_URL, LOGIN_URL, OTP_URL, is_logged_in, last_audit, otp_step, password_step

pytestmark = pytest.mark.django_db

NOW = timezone.datetime(2026, 3, 2, 9, 0, 0, tzinfo=timezone.get_fixed_timezone(60))


@pytest.fixture
def user():
    return make_user(Role.SACHBEARBEITUNG, username="s.schulz")


@pytest.fixture
def new_user():
    """An account created by the administration: password set, no second factor yet."""
    return User.objects.create_user(
        username="n.neu", password=PASSWORD, role=Role.SACHBEARBEITUNG, first_name="Nora", last_name="Neu"
    )


def _messages(response) -> str:
    return response.content.decode()


# --- password step -----------------------------------------------------------------------------------


def test_login_page_explains_personal_account_and_second_factor(client):
    response = client.get(LOGIN_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "persönlichen Konto" in html
    assert "zweiter Faktor" in html
    assert 'autocomplete="current-password"' in html
    assert "no-store" in response["Cache-Control"]


def test_wrong_password_shows_message_and_is_audited(client, user):
    response = password_step(client, user.username, "falsch-falsch-falsch")
    assert response.status_code == 200
    assert "Benutzername oder Passwort ist falsch." in _messages(response)
    assert not is_logged_in(client)
    entry = last_audit()
    assert entry.action == AuditAction.LOGIN_FAILED
    assert entry.actor_id is None
    assert entry.details == {"username": user.username, "step": "password", "locked": False}
    assert (entry.object_type, entry.object_id) == ("accounts.user", str(user.pk))
    assert entry.person_id is None


def test_unknown_user_gets_the_same_message_and_the_typed_name_is_not_kept(client):
    response = password_step(client, "Mein-Passwort-im-falschen-Feld", "irgendwas-langes")
    assert "Benutzername oder Passwort ist falsch." in _messages(response)
    entry = last_audit()
    assert entry.action == AuditAction.LOGIN_FAILED
    assert entry.details == {"step": "password", "locked": False, "username_known": False}
    assert entry.object_id == ""


def test_empty_form_shows_field_errors_without_audit(client):
    before = AuditEntry.objects.count()
    response = client.post(LOGIN_URL, {"username": "", "password": ""})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"username", "password"}
    assert AuditEntry.objects.count() == before


def test_correct_password_leads_to_second_factor_only(client, user):
    response = password_step(client, user.username)
    assert response.status_code == 302
    assert response["Location"] == OTP_URL
    assert is_logged_in(client)
    # Password alone is not enough for any page.
    assert client.get(HOME_URL)["Location"] == OTP_URL


@pytest.mark.parametrize(
    "url_name",
    ["core:home", "persons:search", "accounts:password_change", "accounts:user_list", "accounts:team_list"],
)
def test_user_with_password_but_no_second_factor_reaches_no_page(client, url_name):
    admin = make_user(Role.ADMINISTRATION, username="a.admin")
    password_step(client, admin.username)
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"] == OTP_URL


def test_inactive_user_cannot_log_in(client, user):
    user.is_active = False
    user.save()
    response = password_step(client, user.username)
    assert response.status_code == 200
    assert "Benutzername oder Passwort ist falsch." in _messages(response)
    assert not is_logged_in(client)
    assert last_audit().action == AuditAction.LOGIN_FAILED


def test_deactivation_ends_a_running_session(user):
    client = verified_client(user)
    assert client.get(HOME_URL).status_code == 200
    User.objects.filter(pk=user.pk).update(is_active=False)
    response = client.get(HOME_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)


def test_login_page_sends_verified_users_home(user):
    client = verified_client(user)
    response = client.get(LOGIN_URL)
    assert response.status_code == 302
    assert response["Location"] == HOME_URL


# --- second factor: enrolment -------------------------------------------------------------------------


def test_first_login_shows_qr_code_and_secret(client, new_user):
    password_step(client, new_user.username)
    response = client.get(OTP_URL)
    assert response.status_code == 200
    assert response.context["enrolling"] is True
    device = TOTPDevice.objects.get(user=new_user)
    assert device.confirmed is False
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    html = response.content.decode()
    assert response.context["secret"] == secret
    assert " ".join(re.findall(".{1,4}", secret)) in html
    assert 'src="data:image/svg+xml;base64,' in html
    assert "no-store" in response["Cache-Control"]
    # The QR code encodes the otpauth URL with issuer and username.
    svg = base64.b64decode(re.search(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", html).group(1))
    assert svg.startswith(b"<?xml") or b"<svg" in svg
    # Reloading keeps the same pending device, so a scanned QR code stays valid.
    client.get(OTP_URL)
    assert TOTPDevice.objects.filter(user=new_user).count() == 1


def test_enrolment_confirms_the_device_only_after_a_correct_code(client, new_user):
    with freeze_time(NOW) as frozen:
        password_step(client, new_user.username)
        client.get(OTP_URL)
        device = TOTPDevice.objects.get(user=new_user)

        wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
        response = otp_step(client, wrong)
        assert response.status_code == 200
        assert "Der Code ist nicht gültig." in _messages(response)
        device.refresh_from_db()
        assert device.confirmed is False
        assert client.get(HOME_URL)["Location"] == OTP_URL

        frozen.tick(timedelta(seconds=2))  # past django-otp's one-second wait after a wrong code
        response = otp_step(client, current_code(device))
        assert response.status_code == 302
        assert response["Location"] == HOME_URL
        device.refresh_from_db()
        assert device.confirmed is True
        assert client.get(HOME_URL).status_code == 200
        entry = last_audit(AuditAction.LOGIN)
        assert entry.actor_id == new_user.pk
        assert entry.details == {"second_factor": "totp", "enrolled": True}


# --- second factor: verification ----------------------------------------------------------------------


def test_existing_device_is_not_shown_again(client, user):
    password_step(client, user.username)
    response = client.get(OTP_URL)
    assert response.context["enrolling"] is False
    assert "secret" not in response.context
    assert "data:image/svg+xml" not in response.content.decode()


def test_wrong_code_shows_message_and_is_audited(client, user):
    with freeze_time(NOW):
        password_step(client, user.username)
        wrong = f"{(int(current_totp(user)) + 1) % 1_000_000:06d}"
        response = otp_step(client, wrong)
    assert response.status_code == 200
    assert "Der Code ist nicht gültig. Bitte geben Sie den aktuellen Code ein." in _messages(response)
    entry = last_audit()
    assert entry.action == AuditAction.LOGIN_FAILED
    assert entry.actor_id == user.pk
    assert entry.details["step"] == "second_factor"


@pytest.mark.parametrize("token", ["12345", "abcdef", "1234567"])
def test_malformed_code_is_rejected_by_the_form(client, user, token):
    password_step(client, user.username)
    response = otp_step(client, token)
    assert response.status_code == 200
    assert "Der Code besteht aus sechs Ziffern." in _messages(response)


def test_correct_code_leads_home_and_is_audited(client, user):
    with freeze_time(NOW):
        password_step(client, user.username)
        half_session_key = client.session.session_key
        response = otp_step(client, current_totp(user))
        assert response.status_code == 302
        assert response["Location"] == HOME_URL
        assert client.get(HOME_URL).status_code == 200
        assert client.session.session_key != half_session_key  # new key once verified
    entry = last_audit(AuditAction.LOGIN)
    assert entry.actor_id == user.pk
    assert entry.actor_role == Role.SACHBEARBEITUNG


def test_code_typed_with_a_space_is_accepted(client, user):
    with freeze_time(NOW):
        password_step(client, user.username)
        code = current_totp(user)
        response = otp_step(client, f"{code[:3]} {code[3:]}")
    assert response["Location"] == HOME_URL


def test_a_code_cannot_be_used_twice(user):
    with freeze_time(NOW):
        first = Client()
        password_step(first, user.username)
        code = current_totp(user)
        assert otp_step(first, code)["Location"] == HOME_URL
        second = Client()
        password_step(second, user.username)
        response = otp_step(second, code)
    assert response.status_code == 200
    assert "Der Code ist nicht gültig." in _messages(response)


def test_second_factor_page_sends_verified_users_home(user):
    client = verified_client(user)
    assert client.get(OTP_URL)["Location"] == HOME_URL


def test_second_factor_page_needs_the_password_step(client):
    response = client.get(OTP_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)


# --- next parameter -----------------------------------------------------------------------------------


def test_next_is_honoured_for_urls_of_this_site(client, user):
    target = reverse("accounts:password_change")
    response = client.get(f"{LOGIN_URL}?next={target}")
    assert f'name="next" value="{target}"' in response.content.decode()
    with freeze_time(NOW):
        password_step(client, user.username, next_url=target)
        response = otp_step(client, current_totp(user))
    assert response["Location"] == target


def test_anonymous_request_is_sent_to_login_with_next(client):
    target = reverse("accounts:password_change")
    response = client.get(target)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next={target}"


@pytest.mark.parametrize(
    "evil",
    ["https://evil.example/", "//evil.example/", "http://testserver.evil.example/", "javascript:alert(1)", "\\\\evil.example"],
)
def test_next_to_another_site_is_ignored(client, user, evil):
    response = client.get(LOGIN_URL, {"next": evil})
    assert response.context["next"] == ""  # not carried into the form
    with freeze_time(NOW):
        password_step(client, user.username, next_url=evil)
        response = otp_step(client, current_totp(user))
    assert response["Location"] == HOME_URL


# --- log-out ------------------------------------------------------------------------------------------


def test_logout_is_post_only(user):
    client = verified_client(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.get(HOME_URL).status_code == 200  # still logged in


def test_logout_ends_the_session_and_is_audited(user):
    client = verified_client(user)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:logged_out")
    entry = last_audit()
    assert entry.action == AuditAction.LOGOUT
    assert entry.actor_id == user.pk
    assert not is_logged_in(client)
    assert client.get(HOME_URL)["Location"].startswith(LOGIN_URL)
    page = client.get(reverse("accounts:logged_out"))
    assert page.status_code == 200
    assert "Sie sind abgemeldet" in page.content.decode()


def test_logout_after_password_step_only(client, user):
    password_step(client, user.username)
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("accounts:logged_out")
    assert not is_logged_in(client)
    assert last_audit().details == {"second_factor_passed": False}


def test_logout_without_session_is_harmless(client):
    before = AuditEntry.objects.count()
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("accounts:logged_out")
    assert AuditEntry.objects.count() == before


def test_logout_needs_a_csrf_token(user):
    client = verified_client(user)
    client.handler.enforce_csrf_checks = True
    assert client.post(reverse("accounts:logout")).status_code == 403
    assert client.get(HOME_URL).status_code == 200


# --- own password -------------------------------------------------------------------------------------


def test_user_changes_own_password_and_stays_logged_in(user):
    client = verified_client(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "Neues-Passwort-fuer-2026", "new_password2": "Neues-Passwort-fuer-2026"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Neues-Passwort-fuer-2026")
    assert client.get(HOME_URL).status_code == 200
    entry = last_audit(AuditAction.CHANGE)
    assert entry.object_type == "accounts.user"
    assert entry.object_id == str(user.pk)
    assert entry.details == {"password": "changed_by_user"}


def test_own_password_change_applies_the_validators(user):
    client = verified_client(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
