"""Bot defence for the public booking form without third-party services and without tracking.

Three cheap checks: a honeypot field that people never see (bots fill every field), a signed timestamp with a
minimum fill time (bots post at once) and a maximum age, and a rate limit per client. The rate limit keys the
Django cache with a keyed hash (HMAC with the SECRET_KEY) of the IP address and the current hour: the raw
address is never stored, and the key cannot be turned back into it without the secret.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import pgettext

from ..models import BookingSettings

_SALT = "wegweiser.appointments.form-stamp"
#: Seconds a person needs at least to fill in the form (override with settings.BOOKING_MIN_FILL_SECONDS).
MIN_FILL_SECONDS = 3
#: A form older than this is not accepted any more (the free times shown may be long gone).
MAX_AGE_SECONDS = 2 * 3600
HONEYPOT_FIELD = "website"


def min_fill_seconds() -> float:
    return float(getattr(settings, "BOOKING_MIN_FILL_SECONDS", MIN_FILL_SECONDS))


def stamp(at: float | None = None) -> str:
    """A signed timestamp for the form's hidden field."""
    return signing.dumps(int(at if at is not None else time.time()), salt=_SALT)


def stamp_age(value: str, *, now: float | None = None) -> float | None:
    """Seconds since the form was issued, or None if the stamp is forged, missing or too old."""
    try:
        issued = signing.loads(value or "", salt=_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(issued, int):
        return None
    age = (now if now is not None else time.time()) - issued
    return age if -60 <= age <= MAX_AGE_SECONDS else None


def stamp_ok(value: str, *, now: float | None = None) -> bool:
    age = stamp_age(value, now=now)
    return age is not None and age >= min_fill_seconds()


def restamp(value: str) -> str:
    """The stamp for a re-rendered form: the old one while it is still valid (the time spent counts), else new."""
    return value if stamp_age(value) is not None else stamp()


def honeypot_ok(value: str) -> bool:
    return not (value or "").strip()


def client_address(request: HttpRequest) -> str:
    """The client's IP address. Behind ``settings.TRUSTED_PROXY_COUNT`` reverse proxies REMOTE_ADDR is the
    proxy's own for everybody, so the address is the entry the outermost trusted proxy appended to
    X-Forwarded-For; entries further left come from the client and may be forged. A request without enough
    entries did not pass the proxies: its REMOTE_ADDR is the client."""
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    if count > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
                     if part.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def client_key(request: HttpRequest, *, hour: int | None = None) -> str:
    """The cache key of this client in this hour; a keyed hash, never the address itself."""
    address = client_address(request)
    hour = hour if hour is not None else int(time.time() // 3600)
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{address}|{hour}".encode(), hashlib.sha256).hexdigest()
    return f"booking-attempts:{digest[:32]}"


def allow_attempt(request: HttpRequest, *, rules: BookingSettings | None = None) -> bool:
    """Count one booking attempt of this client; False once it made more than the office allows per hour."""
    limit = (rules or BookingSettings.current()).attempts_per_hour
    key = client_key(request)
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count <= limit


def too_many_attempts() -> str:
    """What a client over the limit reads, in the active language (booking, rebooking, lottery)."""
    return pgettext("client", "Zu viele Versuche. Bitte versuchen Sie es in einer Stunde noch einmal.")
