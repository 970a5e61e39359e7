"""Permission-matrix rows for every URL of the accounts app.

Log-in, log-out and the "abgemeldet" page are public (the middleware lets everyone through). The
second-factor page needs the password step only. Own password: every verified user. The administration
pages: only Role.ADMINISTRATION (Action.USERS_MANAGE); everyone else 403.
"""

from __future__ import annotations

from wegweiser.accounts.roles import Role
from wegweiser.core.permission_matrix import ALL_ROLES, LOGIN, OK, Row, public_row

ADMIN = [Role.ADMINISTRATION]


def _account(world) -> dict:
    """The account the administration pages act on (another user than the one asking)."""
    return {"pk": world.user(Role.SACHBEARBEITUNG).pk}


def _team(world) -> dict:
    return {"pk": world.team.pk}


def _create_data(world) -> dict:
    return {
        "username": "neues.konto",
        "first_name": "Neue",
        "last_name": "Kollegin",
        "email": "",
        "role": Role.SACHBEARBEITUNG.value,
        "team": world.team.pk,
        "organisation": "",
        "password_mode": "generate",
    }


def _edit_data(world) -> dict:
    return {
        "first_name": "Geänderter",
        "last_name": "Name",
        "email": "",
        "role": Role.SACHBEARBEITUNG.value,
        "team": world.team.pk,
        "organisation": "",
        "is_active": "on",
    }


ROWS: list[Row] = [
    public_row("accounts:login"),
    # Wrong credentials: the form comes back with a message, for everyone.
    public_row("accounts:login", method="post", data=lambda world: {"username": "niemand", "password": "falsch"}),
    # Reached after the password step; verified users are sent on to the start page (a redirect: OK).
    Row("accounts:otp", allowed=ALL_ROLES, anonymous=LOGIN, unverified=OK),
    # A malformed code: the form answers with a message (no risk of guessing the right code by chance).
    Row("accounts:otp", allowed=ALL_ROLES, method="post", data=lambda world: {"token": "abcdef"}, anonymous=LOGIN, unverified=OK),
    # Public so that a click after the session expired still ends on the "abgemeldet" page.
    public_row("accounts:logout", method="post"),
    public_row("accounts:logged_out"),
    Row("accounts:password_change", allowed=ALL_ROLES),
    Row(
        "accounts:password_change", allowed=ALL_ROLES, method="post",
        data=lambda world: {"old_password": "falsch", "new_password1": "x", "new_password2": "y"},
    ),
    # User administration.
    Row("accounts:user_list", allowed=ADMIN),
    Row("accounts:user_create", allowed=ADMIN),
    Row("accounts:user_create", allowed=ADMIN, method="post", data=_create_data),
    Row("accounts:user_edit", allowed=ADMIN, setup=_account),
    Row("accounts:user_edit", allowed=ADMIN, method="post", setup=_account, data=_edit_data),
    Row("accounts:user_set_password", allowed=ADMIN, setup=_account),
    Row("accounts:user_set_password", allowed=ADMIN, method="post", setup=_account, data=lambda world: {"password_mode": "generate"}),
    Row("accounts:user_reset_otp", allowed=ADMIN, setup=_account),
    Row("accounts:user_reset_otp", allowed=ADMIN, method="post", setup=_account),
    Row("accounts:user_unlock", allowed=ADMIN, method="post", setup=_account),
    Row("accounts:team_list", allowed=ADMIN),
    Row("accounts:team_create", allowed=ADMIN),
    Row("accounts:team_create", allowed=ADMIN, method="post", data=lambda world: {"name": "Team Neu", "description": ""}),
    Row("accounts:team_edit", allowed=ADMIN, setup=_team),
    Row("accounts:team_edit", allowed=ADMIN, method="post", setup=_team, data=lambda world: {"name": "Team 1", "description": "Familiennamen A–K"}),
]
