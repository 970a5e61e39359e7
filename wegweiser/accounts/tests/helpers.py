"""Helpers for the accounts tests: log in through the real views, read the audit trail."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from wegweiser.audit.models import AuditEntry
from wegweiser.core.testing import PASSWORD

LOGIN_URL = reverse("accounts:login")
OTP_URL = reverse("accounts:otp")
HOME_URL = reverse("core:home")


def password_step(client: Client, username: str, password: str = PASSWORD, next_url: str | None = None):
    data = {"username": username, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post(LOGIN_URL, data)


def otp_step(client: Client, token: str):
    return client.post(OTP_URL, {"token": token})


def last_audit(action: str | None = None) -> AuditEntry:
    entries = AuditEntry.objects.order_by("-id")
    if action is not None:
        entries = entries.filter(action=action)
    entry = entries.first()
    assert entry is not None, f"no audit entry with action {action!r}"
    return entry


def is_logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session
