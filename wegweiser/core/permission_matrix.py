"""The permission matrix: every URL pattern × every role (and anonymous) with its expected outcome.

Each app declares its rows in ``wegweiser/<app>/tests/permission_rows.py`` as ``ROWS: list[Row]``;
``tests/test_permission_matrix.py`` runs them all and fails if any URL pattern has no row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from wegweiser.accounts.roles import Role

ALL_ROLES: tuple[Role, ...] = tuple(Role)
ANONYMOUS = "anonymous"
UNVERIFIED = "unverified"  # password given, second factor not yet

# Outcome kinds a row can expect.
OK = "ok"  # 2xx, or a redirect that is not to the login / second-factor page
DENIED = "denied"  # 403
LOGIN = "login"  # redirect to the log-in page
OTP = "otp"  # redirect to the second-factor page
NOT_FOUND = "not_found"  # 404 (e.g. object hidden from this role)


@dataclass
class Row:
    """One URL pattern and what each role gets there.

    ``setup(world)`` creates what the URL needs and returns the URL kwargs; ``data(world)`` gives POST data.
    ``allowed`` lists the roles that get OK; all other roles get ``otherwise`` (DENIED unless said).
    """

    url_name: str
    allowed: Iterable[Role]
    method: str = "get"
    setup: Callable[[Any], dict] = field(default=lambda world: {})
    data: Callable[[Any], dict] | None = None
    otherwise: str = DENIED
    anonymous: str = LOGIN
    unverified: str = OTP
    overrides: dict[Role | str, str] = field(default_factory=dict)
    query: str = ""
    api: bool = False

    def expected(self, who: Role | str) -> str:
        if who in self.overrides:
            return self.overrides[who]
        if who == ANONYMOUS:
            return DENIED if self.api and self.anonymous == LOGIN else self.anonymous
        if who == UNVERIFIED:
            return DENIED if self.api and self.unverified == OTP else self.unverified
        return OK if who in set(self.allowed) else self.otherwise

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.url_name}"


def public_row(url_name: str, method: str = "get", **kwargs) -> Row:
    """A URL anyone may reach (log-in page, language switch)."""
    return Row(url_name, allowed=ALL_ROLES, method=method, anonymous=OK, unverified=OK, **kwargs)
