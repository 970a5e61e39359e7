"""Account operations shared by the log-in views, the user administration and management commands.

Lockout state lives in django-axes' tables and second-factor state in django-otp's; these helpers read
and reset both without needing a request, so the administration can show and lift a lock for any account.
"""

from __future__ import annotations

import base64
import math
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User

#: Letters and digits that cannot be confused with each other when read aloud or typed from paper.
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # noqa: S105 (an alphabet, not a password)


def generate_password(groups: int = 4, group_length: int = 5) -> str:
    """A random password of about 115 bits, grouped ("xK7pq-...") so it can be passed on without errors."""
    return "-".join(
        "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(group_length)) for _ in range(groups)
    )


def cool_off() -> timedelta:
    """How long a password lockout lasts after the last failed attempt."""
    value = get_cool_off(None)
    return value if value is not None else timedelta(0)


def locked_usernames(usernames: Iterable[str] | None = None) -> set[str]:
    """Usernames that django-axes currently locks (as many failures within the cool-off as the limit)."""
    limit = get_failure_limit(None, None)
    attempts = AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - cool_off())
    if usernames is not None:
        attempts = attempts.filter(username__in=list(usernames))
    totals = attempts.order_by().values("username").annotate(total=Sum("failures_since_start"))
    return {row["username"] for row in totals if row["username"] and row["total"] >= limit}


def is_locked(username: str) -> bool:
    return username in locked_usernames([username])


def otp_waiting_until(user: User) -> datetime | None:
    """When a device of the user will accept codes again after too many wrong ones (None: not throttled)."""
    latest = None
    for device in TOTPDevice.objects.filter(user=user):
        allowed, info = device.verify_is_allowed()
        if not allowed and info and info.get("locked_until"):
            latest = max(latest, info["locked_until"]) if latest else info["locked_until"]
    return latest


def throttled_user_ids(user_ids: Iterable[int]) -> set[int]:
    """Ids of users whose second factor currently refuses codes because of earlier wrong ones."""
    result = set()
    for device in TOTPDevice.objects.filter(user_id__in=list(user_ids), throttling_failure_count__gt=0):
        allowed, _info = device.verify_is_allowed()
        if not allowed:
            result.add(device.user_id)
    return result


def unlock(user: User) -> dict[str, int]:
    """Lift the password lockout and the waiting time for second-factor codes of one account."""
    with transaction.atomic():
        attempts = axes_reset(username=user.get_username())
        devices = TOTPDevice.objects.filter(user=user, throttling_failure_count__gt=0).update(
            throttling_failure_count=0, throttling_failure_timestamp=None
        )
    return {"attempts_deleted": attempts, "devices_reset": devices}


def has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def reset_second_factor(user: User) -> int:
    """Delete every TOTP device of the user; the next log-in enrols a new authenticator app."""
    deleted, _detail = TOTPDevice.objects.filter(user=user).delete()
    return deleted


def enrolment_device(user: User, *, for_update: bool = False) -> tuple[TOTPDevice, bool]:
    """The device to check codes against, and whether the user is still enrolling it.

    A confirmed device wins; otherwise the pending (unconfirmed) one is reused so that reloading the
    page does not invalidate a QR code the user has already scanned.
    """
    devices = TOTPDevice.objects.filter(user=user).order_by("id")
    if for_update:
        devices = devices.select_for_update()
    device = devices.filter(confirmed=True).first()
    if device is not None:
        return device, False
    device = devices.filter(confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)
    return device, True


def current_code(device: TOTPDevice) -> str:
    """The code the device's authenticator app shows right now (demo and tests only)."""
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
    return f"{value:0{device.digits}d}"


def base32_secret(device: TOTPDevice) -> str:
    """The device key as authenticator apps expect it for manual entry (base32, without padding)."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def seconds_until(moment: datetime) -> int:
    return max(1, math.ceil((moment - timezone.now()).total_seconds()))
