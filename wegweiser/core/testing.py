"""Helpers shared by the test suites of all apps (users per role, logged-in clients, TOTP codes)."""

from __future__ import annotations

import threading

from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from wegweiser.accounts.models import Team, User
from wegweiser.accounts.roles import Role

PASSWORD = "Korrekt-Pferd-Batterie-42"  # noqa: S105 (test accounts only)


def make_user(role: Role | str, username: str | None = None, team: Team | None = None, **extra) -> User:
    role = Role(role)
    if team is None and role in (Role.SACHBEARBEITUNG, Role.INTEGRATIONSLOTSE, Role.TEAMLEITUNG):
        team, _ = Team.objects.get_or_create(name="Team 1")
    user = User.objects.create_user(
        username=username or f"{role.value}-{User.objects.count() + 1}", password=PASSWORD, role=role,
        team=team, first_name=extra.pop("first_name", "Test"), last_name=extra.pop("last_name", role.label),
        **extra,
    )
    TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=True)
    return user


def current_totp(user: User) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def verified_client(user: User) -> Client:
    """A test client logged in with password and second factor, as a real session would be."""
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


class SerialRequestsMiddleware:
    """Tests on in-memory SQLite only: one request at a time.

    The live server of the browser tests shares one SQLite connection between its threads. A page that loads a
    part of itself after it (htmx) can have two requests running at once, e.g. when the test clicks on while
    the part is still loading, and one connection must not be used by two threads at the same time. PostgreSQL
    has a connection per thread and needs no such lock (conf/test.py adds this middleware for SQLite only)."""

    _lock = threading.Lock()

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with self._lock:
            return self.get_response(request)
