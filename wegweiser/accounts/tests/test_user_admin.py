"""User and team administration: only Administration, every change audited, no case data."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from wegweiser.accounts import services
from wegweiser.accounts.models import Team, User
from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.core.testing import PASSWORD, make_user, verified_client

from .helpers import HOME_URL, LOGIN_URL, OTP_URL, last_audit, password_step

pytestmark = pytest.mark.django_db

STRONG = "Sonnenblumen-Feld-2026"


@pytest.fixture
def admin():
    return make_user(Role.ADMINISTRATION, username="a.admin", first_name="Anna", last_name="Admin")


@pytest.fixture
def admin_client(admin) -> Client:
    return verified_client(admin)


@pytest.fixture
def team():
    return Team.objects.get_or_create(name="Team 1")[0]


@pytest.fixture
def clerk(team):
    return make_user(Role.SACHBEARBEITUNG, username="s.schmidt", team=team, first_name="Sina", last_name="Schmidt")


def _create_data(team: Team | None, /, **overrides) -> dict:
    data = {
        "username": "m.mustermann",
        "first_name": "Max",
        "last_name": "Mustermann",
        "email": "m.mustermann@example.org",
        "role": Role.SACHBEARBEITUNG,
        "team": team.pk if team else "",
        "organisation": "",
        "password_mode": "set",
        "password1": STRONG,
        "password2": STRONG,
    }
    data.update(overrides)
    return data


def _edit_data(user: User, **overrides) -> dict:
    data = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": user.role,
        "team": user.team_id or "",
        "organisation": user.organisation,
        "is_active": "on" if user.is_active else "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v != "" or k in ("team", "organisation", "email")}


def _lock(username: str) -> None:
    client = Client()
    for _ in range(5):
        password_step(client, username, "falsch-falsch-falsch")
    assert services.is_locked(username)


def _assert_account_audit(entry: AuditEntry, admin: User, account: User | Team, action: str) -> None:
    assert entry.action == action
    assert entry.actor_id == admin.pk
    assert entry.actor_role == Role.ADMINISTRATION
    assert entry.object_type == account._meta.label_lower
    assert entry.object_id == str(account.pk)
    assert entry.person_id is None


# --- access -------------------------------------------------------------------------------------------

ADMIN_GET_URLS = [
    ("accounts:user_list", False), ("accounts:user_create", False), ("accounts:user_edit", True),
    ("accounts:user_set_password", True), ("accounts:user_reset_otp", True), ("accounts:team_list", False),
    ("accounts:team_create", False),
]


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMINISTRATION], ids=str)
def test_only_administration_reaches_the_user_administration(role, clerk, admin_client):
    client = verified_client(make_user(role, username=f"x-{role.value}"))
    for name, needs_pk in ADMIN_GET_URLS:
        url = reverse(name, kwargs={"pk": clerk.pk} if needs_pk else None)
        assert client.get(url).status_code == 403, name
        assert admin_client.get(url).status_code == 200, name
    assert client.post(reverse("accounts:user_unlock", args=[clerk.pk])).status_code == 403
    assert client.post(reverse("accounts:user_reset_otp", args=[clerk.pk])).status_code == 403
    assert TOTPDevice.objects.filter(user=clerk).exists()


def test_unknown_account_is_404(admin_client):
    assert admin_client.get(reverse("accounts:user_edit", args=[999999])).status_code == 404


# --- list ---------------------------------------------------------------------------------------------


def test_list_shows_accounts_with_role_team_second_factor_and_lock(admin_client, clerk, team):
    User.objects.create_user(
        username="k.kim", role=Role.KIM_FALLMANAGEMENT, organisation="KIM Kreis Muster", first_name="Kira",
        last_name="Kim", is_active=False,
    )
    _lock(clerk.username)
    response = admin_client.get(reverse("accounts:user_list"))
    assert response.status_code == 200
    rows = {u.username: u for u in response.context["users"]}
    assert rows["s.schmidt"].has_second_factor is True
    assert rows["s.schmidt"].is_locked is True
    assert rows["k.kim"].has_second_factor is False
    assert rows["k.kim"].is_locked is False
    assert rows["a.admin"].is_locked is False
    html = response.content.decode()
    for text in ("s.schmidt", "Sina Schmidt", "Sachbearbeitung", "Team 1", "KIM Kreis Muster",
                 "KIM-Fallmanagement (extern)", "nicht eingerichtet", "ja (Passwort)"):
        assert text in html, text
    assert '<th scope="col"' in html


def test_list_filters_by_text_and_role(admin_client, clerk):
    make_user(Role.TEAMLEITUNG, username="t.teamleitung")
    response = admin_client.get(reverse("accounts:user_list"), {"q": "schmidt"})
    assert [u.username for u in response.context["users"]] == ["s.schmidt"]
    response = admin_client.get(reverse("accounts:user_list"), {"rolle": Role.TEAMLEITUNG})
    assert [u.username for u in response.context["users"]] == ["t.teamleitung"]
    response = admin_client.get(reverse("accounts:user_list"), {"rolle": "unsinn"})
    assert len(response.context["users"]) == 3


# --- create -------------------------------------------------------------------------------------------


def test_create_account_with_password_set_by_admin(admin, admin_client, team):
    response = admin_client.post(reverse("accounts:user_create"), _create_data(team))
    user = User.objects.get(username="m.mustermann")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:user_edit", args=[user.pk])
    assert user.check_password(STRONG)
    assert (user.role, user.team, user.is_active, user.is_staff, user.is_superuser) == (
        Role.SACHBEARBEITUNG, team, True, False, False,
    )
    assert not TOTPDevice.objects.filter(user=user).exists()
    entry = last_audit()
    _assert_account_audit(entry, admin, user, AuditAction.CREATE)
    assert entry.details["password"] == "set"
    assert entry.details["role"] == Role.SACHBEARBEITUNG
    assert STRONG not in str(entry.details)


def test_created_account_logs_in_and_enrols_its_second_factor(admin_client, team):
    admin_client.post(reverse("accounts:user_create"), _create_data(team))
    client = Client()
    assert password_step(client, "m.mustermann", STRONG)["Location"] == OTP_URL
    assert client.get(OTP_URL).context["enrolling"] is True


def test_create_account_with_generated_password_shows_it_once(admin, admin_client, team):
    data = _create_data(team, password_mode="generate", password1="", password2="")
    response = admin_client.post(reverse("accounts:user_create"), data)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    password = response.context["password"]
    assert re.fullmatch(r"([A-Za-z0-9]{5}-){3}[A-Za-z0-9]{5}", password)
    assert password in response.content.decode()
    assert "nur dieses eine Mal" in response.content.decode()
    user = User.objects.get(username="m.mustermann")
    assert user.check_password(password)
    assert last_audit().details["password"] == "generated"
    assert password not in str(last_audit().details)
    # The edit page does not show it again.
    assert password not in admin_client.get(reverse("accounts:user_edit", args=[user.pk])).content.decode()


def test_generated_passwords_pass_the_validators_and_differ():
    from django.contrib.auth.password_validation import validate_password

    passwords = {services.generate_password() for _ in range(50)}
    assert len(passwords) == 50
    for password in list(passwords)[:5]:
        validate_password(password)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"password1": "kurz", "password2": "kurz"}, "password1", "zu kurz"),
        ({"password1": "m.mustermann-1", "password2": "m.mustermann-1"}, "password1", "ähnlich"),
        ({"password1": "123456789012", "password2": "123456789012"}, "password1", "numerisch"),
        ({"password2": "Anderes-Passwort-99"}, "password2", "stimmen nicht überein"),
        ({"password1": "", "password2": ""}, "password1", "Bitte geben Sie ein Passwort ein"),
        ({"team": ""}, "team", "Für diese Rolle ist ein Team nötig."),
        ({"role": Role.UNTERSTUETZENDE, "team": "", "organisation": " "}, "organisation", "Organisation anzugeben"),
        ({"username": "S.SCHMIDT"}, "username", "gibt es bereits"),
        ({"username": "mit leerzeichen"}, "username", ""),
        ({"role": "chef"}, "role", ""),
        ({"first_name": ""}, "first_name", ""),
    ],
)
def test_create_rejects_bad_input_and_saves_nothing(admin_client, team, clerk, overrides, field, message):
    before_users, before_audit = User.objects.count(), AuditEntry.objects.count()
    response = admin_client.post(reverse("accounts:user_create"), _create_data(team, **overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert User.objects.count() == before_users
    assert AuditEntry.objects.count() == before_audit


def test_external_account_needs_no_team(admin_client):
    data = _create_data(None, role=Role.KIM_FALLMANAGEMENT, team="", organisation="Caritas Musterstadt")
    response = admin_client.post(reverse("accounts:user_create"), data)
    assert response.status_code == 302
    assert User.objects.get(username="m.mustermann").organisation == "Caritas Musterstadt"


# --- edit ---------------------------------------------------------------------------------------------


def test_edit_changes_role_team_organisation_and_is_audited(admin, admin_client, clerk):
    other = Team.objects.create(name="Team 2")
    data = _edit_data(clerk, role=Role.TEAMLEITUNG, team=other.pk, organisation="Ausländerbehörde")
    response = admin_client.post(reverse("accounts:user_edit", args=[clerk.pk]), data)
    assert response.status_code == 302
    clerk.refresh_from_db()
    assert (clerk.role, clerk.team, clerk.organisation) == (Role.TEAMLEITUNG, other, "Ausländerbehörde")
    entry = last_audit()
    _assert_account_audit(entry, admin, clerk, AuditAction.CHANGE)
    assert entry.details == {
        "changes": {
            "role": {"alt": Role.SACHBEARBEITUNG, "neu": Role.TEAMLEITUNG},
            "team": {"alt": "Team 1", "neu": "Team 2"},
            "organisation": {"alt": "", "neu": "Ausländerbehörde"},
        }
    }


def test_saving_without_changes_writes_no_audit_entry(admin_client, clerk):
    before = AuditEntry.objects.count()
    response = admin_client.post(reverse("accounts:user_edit", args=[clerk.pk]), _edit_data(clerk))
    assert response.status_code == 302
    assert AuditEntry.objects.count() == before


def test_deactivating_an_account_ends_its_session(admin_client, clerk):
    clerk_client = verified_client(clerk)
    assert clerk_client.get(HOME_URL).status_code == 200
    data = _edit_data(clerk)
    del data["is_active"]
    admin_client.post(reverse("accounts:user_edit", args=[clerk.pk]), data)
    clerk.refresh_from_db()
    assert clerk.is_active is False
    assert last_audit().details == {"changes": {"is_active": {"alt": True, "neu": False}}}
    assert clerk_client.get(HOME_URL)["Location"].startswith(LOGIN_URL)
    assert password_step(Client(), clerk.username).status_code == 200  # refused


def test_role_change_takes_effect_at_once(admin_client, clerk):
    clerk_client = verified_client(clerk)
    assert clerk_client.get(reverse("accounts:user_list")).status_code == 403
    admin_client.post(
        reverse("accounts:user_edit", args=[clerk.pk]), _edit_data(clerk, role=Role.ADMINISTRATION, team="")
    )
    assert clerk_client.get(reverse("accounts:user_list")).status_code == 200


def test_admin_cannot_lock_themselves_out(admin, admin_client):
    url = reverse("accounts:user_edit", args=[admin.pk])
    form = admin_client.get(url).context["form"]
    assert form.fields["role"].disabled and form.fields["is_active"].disabled
    data = _edit_data(admin, role=Role.SACHBEARBEITUNG, team=Team.objects.create(name="T").pk, last_name="Neu")
    del data["is_active"]
    admin_client.post(url, data)  # a tampered form: the disabled fields keep their stored values
    admin.refresh_from_db()
    assert (admin.role, admin.is_active, admin.last_name) == (Role.ADMINISTRATION, True, "Neu")
    assert set(last_audit().details["changes"]) == {"last_name", "team"}


def test_own_account_guard_in_the_form_itself(admin):
    from wegweiser.accounts.forms import UserEditForm

    data = _edit_data(admin, role=Role.SACHBEARBEITUNG, team=Team.objects.create(name="T").pk)
    del data["is_active"]
    form = UserEditForm(data, instance=admin, acting_user=admin)
    form.fields["role"].disabled = form.fields["is_active"].disabled = False  # as if they were not disabled
    assert not form.is_valid()
    assert {"role", "is_active"} <= set(form.errors)


def test_edit_page_shows_status_and_actions(admin_client, clerk):
    _lock(clerk.username)
    response = admin_client.get(reverse("accounts:user_edit", args=[clerk.pk]))
    html = response.content.decode()
    assert response.context["is_locked"] is True
    assert response.context["has_second_factor"] is True
    assert reverse("accounts:user_unlock", args=[clerk.pk]) in html
    assert reverse("accounts:user_reset_otp", args=[clerk.pk]) in html


# --- second factor reset, unlock, new password --------------------------------------------------------


def test_reset_second_factor_asks_first_then_deletes_devices(admin, admin_client, clerk):
    url = reverse("accounts:user_reset_otp", args=[clerk.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert TOTPDevice.objects.filter(user=clerk).exists()  # GET changes nothing

    response = admin_client.post(url)
    assert response["Location"] == reverse("accounts:user_edit", args=[clerk.pk])
    assert not TOTPDevice.objects.filter(user=clerk).exists()
    entry = last_audit()
    _assert_account_audit(entry, admin, clerk, AuditAction.CHANGE)
    assert entry.details == {"second_factor": "reset", "devices_deleted": 1}

    # At the next log-in the user enrols a new authenticator app.
    client = Client()
    assert password_step(client, clerk.username)["Location"] == OTP_URL
    assert client.get(OTP_URL).context["enrolling"] is True


def test_reset_second_factor_unverifies_a_running_session(admin_client, clerk):
    clerk_client = verified_client(clerk)
    admin_client.post(reverse("accounts:user_reset_otp", args=[clerk.pk]))
    assert clerk_client.get(HOME_URL)["Location"] == OTP_URL


def test_unlock_lifts_the_lock_and_is_audited(admin, admin_client, clerk):
    _lock(clerk.username)
    assert password_step(Client(), clerk.username).status_code == 403
    url = reverse("accounts:user_unlock", args=[clerk.pk])
    assert admin_client.get(url).status_code == 405
    response = admin_client.post(url)
    assert response["Location"] == reverse("accounts:user_edit", args=[clerk.pk])
    assert not services.is_locked(clerk.username)
    entry = last_audit()
    _assert_account_audit(entry, admin, clerk, AuditAction.CHANGE)
    assert entry.details["unlocked"] is True and entry.details["was_locked"] is True
    assert password_step(Client(), clerk.username)["Location"] == OTP_URL


def test_unlock_also_ends_the_wait_after_wrong_codes(admin_client, clerk):
    TOTPDevice.objects.filter(user=clerk).update(throttling_failure_count=20, throttling_failure_timestamp="2030-01-01T00:00Z")
    assert services.otp_waiting_until(clerk) is not None
    admin_client.post(reverse("accounts:user_unlock", args=[clerk.pk]))
    assert services.otp_waiting_until(clerk) is None
    assert last_audit().details["devices_reset"] == 1


def test_set_new_password_generated_ends_sessions(admin, admin_client, clerk):
    clerk_client = verified_client(clerk)
    response = admin_client.post(reverse("accounts:user_set_password", args=[clerk.pk]), {"password_mode": "generate"})
    assert response.status_code == 200
    password = response.context["password"]
    clerk.refresh_from_db()
    assert clerk.check_password(password)
    assert not clerk.check_password(PASSWORD)
    assert clerk_client.get(HOME_URL)["Location"].startswith(LOGIN_URL)
    entry = last_audit()
    _assert_account_audit(entry, admin, clerk, AuditAction.CHANGE)
    assert entry.details == {"password": "generated"}


def test_set_new_password_by_admin_is_validated_against_the_account(admin_client, clerk):
    url = reverse("accounts:user_set_password", args=[clerk.pk])
    response = admin_client.post(url, {"password_mode": "set", "password1": "Sina-Schmidt1", "password2": "Sina-Schmidt1"})
    assert response.status_code == 200
    assert "ähnlich" in " ".join(response.context["form"].errors["password1"])
    response = admin_client.post(url, {"password_mode": "set", "password1": STRONG, "password2": STRONG})
    assert response.status_code == 302
    clerk.refresh_from_db()
    assert clerk.check_password(STRONG)


# --- teams --------------------------------------------------------------------------------------------


def test_team_list_create_and_edit(admin, admin_client, clerk, team):
    response = admin_client.get(reverse("accounts:team_list"))
    assert [(t.name, t.active_members) for t in response.context["teams"]] == [("Team 1", 1)]

    response = admin_client.post(reverse("accounts:team_create"), {"name": "  Team   3 ", "description": "Familiennamen S–Z"})
    assert response["Location"] == reverse("accounts:team_list")
    created = Team.objects.get(name="Team 3")
    entry = last_audit()
    _assert_account_audit(entry, admin, created, AuditAction.CREATE)
    assert entry.details == {"name": "Team 3", "description": "Familiennamen S–Z"}

    response = admin_client.post(reverse("accounts:team_edit", args=[created.pk]), {"name": "Team 3 (S–Z)", "description": ""})
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.name == "Team 3 (S–Z)"
    assert last_audit().details == {
        "changes": {"name": {"alt": "Team 3", "neu": "Team 3 (S–Z)"}, "description": {"alt": "Familiennamen S–Z", "neu": ""}}
    }
    page = admin_client.get(reverse("accounts:team_edit", args=[team.pk]))
    assert "Sina Schmidt" in page.content.decode()


def test_team_names_are_unique_regardless_of_case(admin_client, team):
    before = AuditEntry.objects.count()
    response = admin_client.post(reverse("accounts:team_create"), {"name": "team 1", "description": ""})
    assert response.status_code == 200
    assert "gibt es bereits" in " ".join(response.context["form"].errors["name"])
    other = Team.objects.create(name="Team 2")
    response = admin_client.post(reverse("accounts:team_edit", args=[other.pk]), {"name": "TEAM 1"})
    assert response.status_code == 200
    assert Team.objects.get(pk=other.pk).name == "Team 2"
    assert AuditEntry.objects.count() == before


def test_administration_pages_show_no_case_files(admin_client, team):
    from wegweiser.persons.models import Person

    Person.objects.create(file_number="AZ-77", family_name="Geheimnisvoll", given_names="Gustav", team=team)
    for name in ("accounts:user_list", "accounts:team_list"):
        assert "Geheimnisvoll" not in admin_client.get(reverse(name)).content.decode()
    assert "Geheimnisvoll" not in admin_client.get(reverse("accounts:team_edit", args=[team.pk])).content.decode()
