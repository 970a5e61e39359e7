"""Runs every app's permission rows and proves that no URL pattern is left out."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import wegweiser
from wegweiser.core.permission_matrix import (
    ALL_ROLES,
    ANONYMOUS,
    DENIED,
    LOGIN,
    NOT_FOUND,
    OK,
    OTP,
    UNVERIFIED,
    Row,
)
from wegweiser.core.testing import make_user, verified_client

from .world import World


def _collect_rows() -> list[Row]:
    rows: list[Row] = []
    for module in pkgutil.iter_modules(wegweiser.__path__):
        try:
            rows_module = importlib.import_module(f"wegweiser.{module.name}.tests.permission_rows")
        except ModuleNotFoundError:
            continue
        rows.extend(rows_module.ROWS)
    return rows


ROWS = _collect_rows()


def _url_names(patterns, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            names |= _url_names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            names.add(prefix + p.name)
        elif isinstance(p, URLPattern):
            names.add(f"{prefix}<unnamed {p.pattern}>")
    return names


def test_every_url_pattern_has_a_row():
    covered = {row.url_name for row in ROWS}
    missing = sorted(_url_names(get_resolver().url_patterns) - covered)
    assert not missing, f"URL patterns without a permission-matrix row: {missing}"


def _outcome(response, login_path: str, otp_path: str) -> str:
    if response.status_code == 403 or response.status_code == 401:
        return DENIED
    if response.status_code == 404:
        return NOT_FOUND
    if response.status_code in (301, 302, 303):
        location = response["Location"]
        if location.startswith(login_path):
            return LOGIN
        if location.startswith(otp_path):
            return OTP
        return OK
    if 200 <= response.status_code < 300:
        return OK
    return f"status {response.status_code}"


WHO = [*ALL_ROLES, ANONYMOUS, UNVERIFIED]


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.id)
@pytest.mark.parametrize("who", WHO, ids=str)
def test_permission(row: Row, who):
    from django.test import Client

    world = World()
    kwargs = row.setup(world)
    url = reverse(row.url_name, kwargs=kwargs) + (f"?{row.query}" if row.query else "")
    if who == ANONYMOUS:
        client = Client()
    elif who == UNVERIFIED:
        user = make_user("sachbearbeitung", username="half-logged-in", team=world.team)
        client = Client()
        client.force_login(user)  # password accepted, second factor not yet given
    else:
        client = verified_client(world.user(who))
    data = row.data(world) if row.data else {}
    response = getattr(client, row.method)(url, data=data)
    got = _outcome(response, reverse("accounts:login"), reverse("accounts:otp"))
    assert got == row.expected(who), f"{row.id} as {who}: expected {row.expected(who)}, got {got}"
