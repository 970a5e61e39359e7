"""Fixtures for the browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Every test here is marked ``browser``. The live server needs committed data, so these tests run on a
transactional database that is flushed after each test (see ``_guard_triggers`` for the audit trail's
append-only triggers, which would otherwise refuse that flush).

Playwright's synchronous API keeps an asyncio loop registered on the main thread while it is started, and
Django then refuses ORM calls from that thread. The browser is therefore started per test module (not per
session, so that other tests sharing an xdist worker never run with that loop), and only while it runs is
``DJANGO_ALLOW_ASYNC_UNSAFE`` set: the ORM calls come from ordinary synchronous test code, the loop only
belongs to Playwright.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.signals import request_finished, request_started

HERE = Path(__file__).resolve().parent
#: Debian's Chromium (``scripts/setup.sh --browser`` installs it); Playwright's own downloads are not used.
CHROMIUM = Path(os.environ.get("WEGWEISER_CHROMIUM", "/usr/bin/chromium"))
#: The browser's own locale decides the segment order of date fields (not the page's language). It is
#: pinned so that the keyboard test types dates the same way on every machine; the pages still get German
#: through the context's locale (Accept-Language).
BROWSER_ENV = {**os.environ, "LANGUAGE": "en_US", "LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"}
#: How long an action or expectation may wait (the live server runs in the test process).
TIMEOUT_MS = 15_000


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="module")
def browser() -> Iterator:
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}; install it with scripts/setup.sh --browser")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--disable-gpu"], env=BROWSER_ENV)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class _Triggers:
    """Lifts the database's own triggers for the flush between tests and puts them back afterwards.

    The audit trail refuses UPDATE, DELETE and TRUNCATE in the database itself; the flush that empties the
    transactional test database would fail on it. Only the test database is touched, and the triggers are
    back before the next test (and before the module ends, so later tests on this worker see them too).
    """

    def __init__(self) -> None:
        self.sqlite: list[str] = []  # CREATE TRIGGER statements of lifted SQLite triggers
        self.postgres: list[str] = []  # tables whose user triggers are disabled

    def lift(self) -> None:
        from django.db import connection

        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
                for name, sql in cursor.fetchall():
                    cursor.execute(f'DROP TRIGGER "{name}"')
                    self.sqlite.append(sql)
            elif connection.vendor == "postgresql":
                cursor.execute("SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal")
                for (table,) in cursor.fetchall():
                    cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
                    self.postgres.append(table)

    def restore(self) -> None:
        from django.db import connection

        with connection.cursor() as cursor:
            while self.sqlite:
                cursor.execute(self.sqlite.pop())
            while self.postgres:
                cursor.execute(f"ALTER TABLE {self.postgres.pop()} ENABLE TRIGGER USER")


@pytest.fixture(scope="module")
def _triggers(django_db_blocker) -> Iterator[_Triggers]:
    from django.db import connection

    triggers = _Triggers()
    yield triggers
    with django_db_blocker.unblock():
        triggers.restore()
        # Opened here, outside any test: left open it kept PostgreSQL from dropping the test database at
        # the end of the session. (Closing is a no-op for SQLite's in-memory test database.)
        connection.close()


@pytest.fixture
def _guard_triggers(_triggers: _Triggers, transactional_db) -> Iterator[None]:
    """Set up after the transactional database, so torn down before its flush."""
    _triggers.restore()
    yield
    _triggers.lift()


class _InFlight:
    """The live server's requests that have started and not yet finished (Django's request signals).

    Only requests handled outside the main thread count: the main thread runs the test itself (and test
    clients). The wait is counted in sleeps, not read off a clock, because a test may freeze the clock."""

    def __init__(self) -> None:
        self.threads: set[int] = set()
        self.lock = threading.Lock()
        request_started.connect(self.started, weak=False)
        request_finished.connect(self.finished, weak=False)

    def started(self, **kwargs) -> None:
        if threading.current_thread() is not threading.main_thread():
            with self.lock:
                self.threads.add(threading.get_ident())

    def finished(self, **kwargs) -> None:
        with self.lock:
            self.threads.discard(threading.get_ident())

    def drain(self, rounds: int = 400, pause: float = 0.05) -> None:
        """Wait until no request runs, at most ``rounds`` × ``pause`` seconds (20 s)."""
        for _ in range(rounds):
            with self.lock:
                self.threads &= {t.ident for t in threading.enumerate()}  # threads that ended cannot be running
                if not self.threads:
                    return
            time.sleep(pause)


_IN_FLIGHT = _InFlight()


@pytest.fixture
def server(_guard_triggers, live_server) -> Iterator[str]:
    """The live server's base URL (static files included, served by Django's staticfiles handler).

    The database comes first in the arguments so the test database is set up before the (session-wide)
    server starts and is dropped only after the server has stopped and closed its connections.
    At the end of a test (after the browser context is closed) this waits until the server has finished every
    request still running, e.g. a panel the page loads after itself (htmx): on PostgreSQL the flush of the
    test database would otherwise deadlock with that request's locks."""
    yield live_server.url
    _IN_FLIGHT.drain()


def _new_context(browser, server: str, **options):
    context = browser.new_context(
        base_url=server, locale="de-DE", timezone_id="Europe/Berlin", viewport={"width": 1280, "height": 900},
        **options,
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def context(browser, server) -> Iterator:
    context = _new_context(browser, server)
    yield context
    context.close()


@pytest.fixture
def page(context) -> Iterator:
    """A page that also fails the test on any error the browser reports (CSP violations, failed scripts)."""
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(f"{msg.text} ({msg.location['url']})") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    assert not errors, f"the browser reported errors: {errors}"


@pytest.fixture
def axe_context(browser, server) -> Iterator:
    """A context for the axe scans only: it bypasses the Content-Security-Policy so that axe-core can be
    injected as a script. The application's pages are not changed by this; their own scripts still run."""
    context = _new_context(browser, server, bypass_csp=True)
    yield context
    context.close()
