"""Demo teams and staff accounts of the fictional Kreis Beispielstadt: one account per role.

Passwords and TOTP keys are derived from the seed and the installation's SECRET_KEY (HMAC-SHA256), so the
same seed gives the same log-ins on one installation -- handy for demos and tests -- while nobody can
compute them for another installation from the seed alone.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from wegweiser.accounts.models import Team, User
from wegweiser.accounts.roles import Role
from wegweiser.accounts.services import base32_secret, unlock

#: Staff e-mail addresses of demo accounts end with this; it is how ``--reset`` recognises them.
STAFF_EMAIL_DOMAIN = "kreis-beispielstadt.example.org"
#: Description of every demo team; it is how ``--reset`` recognises them.
TEAM_DESCRIPTION = "Fiktiver Kreis Beispielstadt – Team der Demodaten"
TEAM_NAMES = {
    "1": "Team 1: Familiennamen A–E (fiktiver Kreis Beispielstadt)",
    "2": "Team 2: Familiennamen F–K (fiktiver Kreis Beispielstadt)",
    "3": "Team 3: Familiennamen L–R (fiktiver Kreis Beispielstadt)",
    "4": "Team 4: Familiennamen S–Z (fiktiver Kreis Beispielstadt)",
    "integration": "Integrationsteam: Bleiberecht und Integration (fiktiver Kreis Beispielstadt)",
}
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # noqa: S105 (an alphabet)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    last_name: str
    team: str = ""  # key of TEAM_NAMES
    organisation: str = ""


ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("sachbearbeitung", Role.SACHBEARBEITUNG, "Sachbearbeitung", team="1"),
    DemoAccount("lotsin", Role.INTEGRATIONSLOTSE, "Integrationslotsin", team="integration"),
    DemoAccount("teamleitung", Role.TEAMLEITUNG, "Teamleitung", team="1"),
    DemoAccount("kim", Role.KIM_FALLMANAGEMENT, "KIM-Fallmanagement",
                organisation="KIM-Fallmanagement Kreis Beispielstadt (fiktiv)"),
    DemoAccount("unterstuetzung", Role.UNTERSTUETZENDE, "Unterstützung",
                organisation="Flüchtlingshilfe Beispielstadt e. V. (fiktiv)"),
    DemoAccount("beratung", Role.BERATUNGSDIENST, "Beratungsdienst",
                organisation="Migrationsberatung für Erwachsene im Sozialwerk Beispielstadt (fiktiv)"),
    DemoAccount("auswertung", Role.AUSWERTUNG, "Auswertung"),
    DemoAccount("datenschutz", Role.DATENSCHUTZ, "Datenschutz"),
    DemoAccount("admin", Role.ADMINISTRATION, "Administration"),
)
USERNAMES = tuple(account.username for account in ACCOUNTS)


@dataclass(frozen=True)
class DemoLogin:
    """What the command prints for one account."""

    role: str
    username: str
    password: str
    totp_secret: str  # base32, for manual entry in an authenticator app


def _derive(seed: int, purpose: str, username: str) -> bytes:
    key = str(settings.SECRET_KEY).encode()
    return hmac.new(key, f"wegweiser-demo:{purpose}:{seed}:{username}".encode(), hashlib.sha256).digest()


def demo_password(seed: int, username: str) -> str:
    """The password of a demo account: four groups of four characters that cannot be confused."""
    digest = _derive(seed, "password", username)
    chars = [_PASSWORD_ALPHABET[b % len(_PASSWORD_ALPHABET)] for b in digest[:16]]
    return "-".join("".join(chars[i : i + 4]) for i in range(0, 16, 4))


def demo_totp_key(seed: int, username: str) -> str:
    """The TOTP key (hex, 20 bytes as django-otp stores it) of a demo account."""
    return _derive(seed, "totp", username)[:20].hex()


def email_of(username: str) -> str:
    return f"{username}@{STAFF_EMAIL_DOMAIN}"


def demo_users():
    return User.objects.filter(username__in=USERNAMES, email__endswith=f"@{STAFF_EMAIL_DOMAIN}")


def demo_teams():
    return Team.objects.filter(description=TEAM_DESCRIPTION)


class AccountConflict(Exception):
    """A demo username is taken by an account that is not a demo account."""


def ensure_teams() -> dict[str, Team]:
    """The demo teams (created if missing), by key."""
    teams = {}
    for key, name in TEAM_NAMES.items():
        team, _created = Team.objects.get_or_create(name=name, defaults={"description": TEAM_DESCRIPTION})
        teams[key] = team
    return teams


@transaction.atomic
def ensure_accounts(seed: int, teams: dict[str, Team]) -> list[DemoLogin]:
    """Create or refresh the demo accounts with seed-derived passwords and confirmed TOTP devices."""
    foreign = User.objects.filter(username__in=USERNAMES).exclude(email__endswith=f"@{STAFF_EMAIL_DOMAIN}")
    if taken := sorted(foreign.values_list("username", flat=True)):
        raise AccountConflict(
            _("Diese Benutzernamen gehören bereits zu Konten, die nicht aus den Demodaten stammen: %(names)s")
            % {"names": ", ".join(taken)}
        )
    logins = []
    for account in ACCOUNTS:
        user = User.objects.filter(username=account.username).first() or User(username=account.username)
        user.role = account.role
        user.first_name = "Demo"
        user.last_name = account.last_name
        user.email = email_of(account.username)
        user.team = teams[account.team] if account.team else None
        user.organisation = account.organisation
        user.is_active = True
        password = demo_password(seed, account.username)
        user.set_password(password)
        user.save()
        TOTPDevice.objects.filter(user=user).delete()
        unlock(user)  # a lockout left over from an earlier demo would otherwise outlive the new password
        device = TOTPDevice.objects.create(
            user=user, name="Authenticator (Demo)", confirmed=True, key=demo_totp_key(seed, account.username)
        )
        logins.append(DemoLogin(str(account.role.label), account.username, password, base32_secret(device)))
    return logins
