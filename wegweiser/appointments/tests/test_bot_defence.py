"""Honeypot, signed form timestamp and the per-client rate limit (a hash of the IP, never the address)."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from ..models import BookingSettings
from ..services import bot_defence

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _request(ip: str = "198.51.100.23"):
    return RequestFactory().post("/termine/de/x/", REMOTE_ADDR=ip)


def test_the_honeypot_must_stay_empty():
    assert bot_defence.honeypot_ok("") and bot_defence.honeypot_ok("  ")
    assert not bot_defence.honeypot_ok("https://spam.example")


def test_the_stamp_needs_the_minimum_fill_time_and_expires(settings):
    settings.BOOKING_MIN_FILL_SECONDS = 5
    now = time.time()
    assert not bot_defence.stamp_ok(bot_defence.stamp(now - 2), now=now)
    assert bot_defence.stamp_ok(bot_defence.stamp(now - 6), now=now)
    old = bot_defence.stamp(now - bot_defence.MAX_AGE_SECONDS - 60)
    assert bot_defence.stamp_age(old) is None and not bot_defence.stamp_ok(old)
    assert not bot_defence.stamp_ok("") and not bot_defence.stamp_ok(bot_defence.stamp(now)[:-3] + "abc")


def test_a_valid_stamp_is_kept_on_a_re_rendered_form_and_an_expired_one_renewed():
    fresh = bot_defence.stamp()
    assert bot_defence.restamp(fresh) == fresh
    expired = bot_defence.stamp(time.time() - bot_defence.MAX_AGE_SECONDS - 60)
    assert bot_defence.stamp_age(bot_defence.restamp(expired)) is not None


def test_the_rate_limit_counts_per_client_and_hour():
    BookingSettings.objects.update_or_create(pk=1, defaults={"attempts_per_hour": 3})
    results = [bot_defence.allow_attempt(_request()) for _ in range(4)]
    assert results == [True, True, True, False]
    assert bot_defence.allow_attempt(_request("203.0.113.9"))


def test_the_raw_address_is_never_stored():
    request = _request("198.51.100.23")
    bot_defence.allow_attempt(request)
    key = bot_defence.client_key(request)
    assert "198.51.100.23" not in key and cache.get(key) == 1
    assert key != bot_defence.client_key(request, hour=int(time.time() // 3600) + 1)  # a new window each hour
    assert key != bot_defence.client_key(_request("198.51.100.24"))


def _forwarded(chain: str, proxy: str = "10.0.0.5"):
    return RequestFactory().post("/termine/de/x/", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=chain)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert bot_defence.client_address(_forwarded("203.0.113.9")) == "10.0.0.5"


def test_behind_the_proxy_each_client_is_counted_by_its_own_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    BookingSettings.objects.update_or_create(pk=1, defaults={"attempts_per_hour": 1})
    first, second = _forwarded("203.0.113.9"), _forwarded("198.51.100.7")
    assert bot_defence.client_address(first) == "203.0.113.9"
    assert bot_defence.allow_attempt(first) and bot_defence.allow_attempt(second)  # not one shared limit
    assert not bot_defence.allow_attempt(_forwarded("203.0.113.9"))


def test_a_forged_forwarded_entry_does_not_change_the_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
    assert bot_defence.client_address(_forwarded("1.2.3.4, 203.0.113.9")) == "203.0.113.9"
    settings.TRUSTED_PROXY_COUNT = 2
    assert bot_defence.client_address(_forwarded("1.2.3.4, 203.0.113.9, 10.0.0.4")) == "203.0.113.9"
    assert bot_defence.client_address(_forwarded("")) == "10.0.0.5"  # came past the proxies
