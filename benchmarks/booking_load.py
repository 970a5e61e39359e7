"""Booking under load: 1 000 concurrent booking attempts for 100 slots, over HTTP, on PostgreSQL.

Creates a fresh database, an office with exactly ``--slots`` slots for one service on one day, starts the
application with gunicorn on 127.0.0.1 (production settings, DEBUG off), lets every simulated person open the
public booking page of that day (its CSRF cookie and signed form timestamp, untimed), waits the bot defence's
minimum fill time and then sends all booking forms at once. Afterwards it checks in the database that exactly
``--slots`` appointments exist and no slot was given twice, and prints latency percentiles of the booking
requests, throughput and the outcomes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python benchmarks/booking_load.py

Needs gunicorn (``pip install -c requirements/constraints.txt -e ".[bench]"``).
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (  # noqa: E402
    ROOT,
    create_database,
    environment,
    is_postgres,
    percentile,
    setup_django,
    table,
    with_database_name,
)

TARGET_P99_MS = 1000.0
SLOTS_PER_COUNTER = 20  # 8:00–13:00 in 15 minutes
SERVICE_CODE = "aufenthaltstitel"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--attempts", type=int, default=1000, help="concurrent booking attempts (default 1000)")
    parser.add_argument("--slots", type=int, default=100, help="slots to give, a multiple of 20 (default 100)")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1,
                        help="gunicorn worker processes (default 2 × cores + 1)")
    parser.add_argument("--threads", type=int, default=8, help="threads per gunicorn worker (default 8)")
    parser.add_argument("--database-name", default="wegweiser_bookingbench")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/12",
                        help="broker and cache of the server, as in production (empty: tasks in-process, "
                             "e-mails discarded); the benchmark's keys are removed afterwards")
    parser.add_argument("--conn-max-age", type=int, default=600,
                        help="persistent database connections of the server in seconds, as a deployment sets "
                             "them in DATABASE_URL (?conn_max_age=…; 0: a new connection per request)")
    parser.add_argument("--strict", action="store_true", help="exit status 1 if the p99 target is missed")
    return parser.parse_args()


# --- set-up -----------------------------------------------------------------------------------------------


def target_day(today: date) -> date:
    """A working day two to six days ahead without a public holiday: inside the horizon, past the lead time."""
    from wegweiser.appointments.services.calendar import holiday_name

    day = today + timedelta(days=2)
    while day.weekday() >= 5 or holiday_name(day, "NW"):
        day += timedelta(days=1)
    return day


def seed(slots: int) -> date:
    """Settings, ``slots // 20`` counters open 8–13 on the target day's weekday only, one service on them."""
    from datetime import time as clock

    from django.utils import timezone

    from wegweiser.appointments.models import BookingSettings, Counter, OpeningHours, Service, Slot
    from wegweiser.appointments.services import slots as publishing

    today = timezone.localdate()
    day = target_day(today)
    BookingSettings.objects.update_or_create(pk=1, defaults={
        "land": "NW", "slot_minutes": 15, "min_lead_hours": 0, "horizon_days": (day - today).days,
        "max_open_per_email": 2, "attempts_per_hour": 32767})  # one client address sends everything here
    counters = []
    for number in range(1, slots // SLOTS_PER_COUNTER + 1):
        counter = Counter.objects.create(name=f"Schalter {number}", location=f"Raum 0.{number:02d}")
        OpeningHours.objects.create(counter=counter, weekday=day.weekday(), opens=clock(8), closes=clock(13))
        counters.append(counter)
    service = Service.objects.create(code=SERVICE_CODE, name={"de": "Aufenthaltstitel verlängern"},
                                     duration_minutes=15)
    service.counters.set(counters)
    publishing.publish(today=today)
    count = Slot.objects.count()
    if count != slots:
        raise SystemExit(f"Fehler: {count} Zeitfenster veröffentlicht statt {slots}.")
    return day


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(database_url: str, redis_url: str, static_root: Path, conn_max_age: int) -> dict[str, str]:
    """Production settings as they would be behind the TLS proxy, but reached directly over HTTP on loopback."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update({
        "DJANGO_SETTINGS_MODULE": "wegweiser.conf.production",
        "DATABASE_URL": f"{database_url}?conn_max_age={conn_max_age}" if conn_max_age else database_url,
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",  # no TLS proxy in front on loopback
        "STATIC_ROOT": str(static_root),
        "REDIS_URL": redis_url,
        "EMAIL_URL": "dummymail://",
        "PYTHONPATH": str(ROOT),
    })
    return env


def collect_static(env: dict[str, str]) -> None:
    """The production settings serve hashed file names from the manifest of ``collectstatic``."""
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], cwd=ROOT,
                   env=env, check=True)


def start_server(env: dict[str, str], port: int, workers: int, threads: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "wegweiser.wsgi", "--bind", f"127.0.0.1:{port}",
               "--workers", str(workers), "--threads", str(threads), "--worker-class", "gthread",
               "--backlog", "2048", "--timeout", "120", "--log-level", "warning"]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"Fehler: gunicorn hat sich beendet (Status {process.returncode}).")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/termine/de/")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.3)
    process.terminate()
    raise SystemExit("Fehler: der Server antwortet nicht.")


# --- the load ---------------------------------------------------------------------------------------------


@dataclass
class Attempt:
    index: int
    time_value: str
    cookie: str = ""
    form: dict[str, str] = field(default_factory=dict)
    status: int = 0
    location: str = ""
    outcome: str = ""
    ms: float = 0.0
    form_ms: float = 0.0


_COOKIE = re.compile(r"^((?:__Host-)?csrftoken)=([^;]+)")
_INPUT = re.compile(r'<input type="hidden" name="(csrfmiddlewaretoken|stamp)" value="([^"]*)"')


def open_form(port: int, path: str, attempt: Attempt) -> None:
    """What the person's browser does first: load the day page (CSRF cookie, form token, signed stamp)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read().decode()
    attempt.form_ms = (time.perf_counter() - started) * 1000
    if response.status != 200:
        raise SystemExit(f"Fehler: GET {path} antwortet mit {response.status}.")
    for header in response.headers.get_all("Set-Cookie") or []:
        match = _COOKIE.match(header)
        if match:
            attempt.cookie = f"{match.group(1)}={match.group(2)}"
    hidden = dict(_INPUT.findall(body))
    attempt.form = {
        "csrfmiddlewaretoken": hidden["csrfmiddlewaretoken"], "stamp": hidden["stamp"],
        "time": attempt.time_value, "name": f"Person {attempt.index}",
        "email": f"person{attempt.index}@example.org", "phone": "", "consent": "on", "website": "",
    }
    connection.close()


def classify(status: int, location: str, body: str) -> str:
    if status == 302 and "/buchung/" in location:
        return "gebucht"
    if status == 200 and "gerade vergeben" in body:
        return "abgelehnt: vergeben"
    if status == 200 and "nicht mehr frei" in body:
        return "abgelehnt: Uhrzeit nicht mehr angeboten"
    if status == 429:
        return "abgelehnt: Versuchsgrenze"
    return f"andere Antwort: HTTP {status}"


def book(port: int, path: str, attempt: Attempt, barrier: threading.Barrier) -> None:
    body = urlencode(attempt.form)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": attempt.cookie}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    barrier.wait()
    started = time.perf_counter()
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode(errors="replace")
        attempt.ms = (time.perf_counter() - started) * 1000
        attempt.status, attempt.location = response.status, response.headers.get("Location", "")
        attempt.outcome = classify(attempt.status, attempt.location, text)
    except OSError as exc:
        attempt.ms = (time.perf_counter() - started) * 1000
        attempt.outcome = f"Verbindungsfehler: {type(exc).__name__}"
    finally:
        connection.close()


def redirect_once(port: int, latencies: list[float], barrier: threading.Barrier) -> None:
    """The cheapest request of the application: /termine/ answers with a redirect, without the database."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    barrier.wait()
    started = time.perf_counter()
    try:
        connection.request("GET", "/termine/", headers={"Accept-Language": "de"})
        connection.getresponse().read()
        latencies.append((time.perf_counter() - started) * 1000)
    except OSError:
        pass
    finally:
        connection.close()


def release_together(requests: list[tuple[Callable[..., None], tuple]]) -> float:
    """Start one thread per request, let them all send at once, and return the seconds until the last answer.
    Each request function takes the shared barrier as its last argument and waits on it before sending."""
    threading.stack_size(256 * 1024)
    barrier = threading.Barrier(len(requests) + 1)
    threads = [threading.Thread(target=target, args=(*args, barrier)) for target, args in requests]
    for t in threads:
        t.start()
    barrier.wait()
    started = time.perf_counter()
    for t in threads:
        t.join()
    return time.perf_counter() - started


def floor(port: int, count: int) -> tuple[list[float], float]:
    """The same number of simultaneous requests, but for a page that does no work: what the machine, the
    server and Django cost before any booking logic (latencies in ms, wall time in s)."""
    latencies: list[float] = []
    wall = release_together([(redirect_once, (port, latencies))] * count)
    return latencies, wall


def min_fill_seconds() -> float:
    from wegweiser.appointments.services import bot_defence

    return bot_defence.min_fill_seconds()


# --- checks -----------------------------------------------------------------------------------------------


def check_database(slots: int) -> list[tuple[str, object, bool]]:
    """What must hold whatever the timing: exactly ``slots`` appointments, no slot and no time twice."""
    from django.db.models import Count

    from wegweiser.appointments.models import HOLDING, Appointment, Slot, SlotBooking

    holding = Appointment.objects.filter(status__in=HOLDING)
    twice = (holding.values("counter", "starts_at").annotate(n=Count("id")).filter(n__gt=1).count())
    bookings = SlotBooking.objects.count()
    distinct = SlotBooking.objects.values("slot").distinct().count()
    free = Slot.objects.filter(booking__isnull=True).count()
    return [
        ("Termine in der Datenbank", holding.count(), holding.count() == slots),
        ("belegte Zeitfenster", bookings, bookings == slots),
        ("Zeitfenster doppelt vergeben", bookings - distinct, bookings == distinct),
        ("Schalter und Uhrzeit doppelt", twice, twice == 0),
        ("freie Zeitfenster übrig", free, free == 0),
    ]


def clean_redis(redis_url: str) -> None:
    """Remove what this run left in Redis: the queued e-mail tasks and the rate-limit counters."""
    if not redis_url:
        return
    import redis

    client = redis.Redis.from_url(redis_url)
    keys = [*client.scan_iter("*booking-attempts:*"), *client.scan_iter("_kombu.binding*")]
    keys += [k for k in (b"celery", b"unacked", b"unacked_index") if client.exists(k)]
    if keys:
        client.delete(*keys)


def main() -> int:
    args = parse_args()
    if importlib.util.find_spec("gunicorn") is None:
        print('gunicorn ist nicht installiert. Bitte installieren: pip install -c requirements/constraints.txt '
              '-e ".[bench]"')
        return 2
    url = os.environ.get("DATABASE_URL", "")
    if not is_postgres(url):
        print("Bitte DATABASE_URL=postgres://… setzen: gemessen wird auf PostgreSQL "
              "(die Datenbank im URL wird nicht benutzt).")
        return 2
    if args.slots % SLOTS_PER_COUNTER or args.slots <= 0:
        print(f"--slots muss ein Vielfaches von {SLOTS_PER_COUNTER} sein.")
        return 2
    database_url = with_database_name(url, args.database_name)
    create_database(url, args.database_name, drop_first=True)
    setup_django(database_url)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    day = seed(args.slots)
    times = [f"{8 + q // 4:02d}{q % 4 * 15:02d}" for q in range(SLOTS_PER_COUNTER)]
    path = f"/termine/de/{SERVICE_CODE}/{day.isoformat()}/"
    connection.close()

    clean_redis(args.redis_url)
    static_root = Path(tempfile.gettempdir()) / "wegweiser-bookingbench-static"
    env = server_env(database_url, args.redis_url, static_root, args.conn_max_age)
    collect_static(env)
    port = free_port()
    server = start_server(env, port, args.workers, args.threads)
    try:
        attempts = [Attempt(i, times[i % len(times)]) for i in range(args.attempts)]
        prepared = time.perf_counter()
        with ThreadPoolExecutor(max_workers=16) as pool:
            list(pool.map(lambda a: open_form(port, path, a), attempts))
        prepared = time.perf_counter() - prepared
        time.sleep(min_fill_seconds() + 1.1)  # stamps count whole seconds
        load_before = os.getloadavg()[0]  # other work on the machine shows in the figures
        wall = release_together([(book, (port, path, a)) for a in attempts])
        time.sleep(2)  # let the server's queued e-mail tasks and connections settle
        floor_ms, floor_wall = floor(port, args.attempts)
    finally:
        server.terminate()
        server.wait(timeout=30)
        clean_redis(args.redis_url)

    latencies = [a.ms for a in attempts]
    outcomes: dict[str, int] = {}
    for a in attempts:
        outcomes[a.outcome] = outcomes.get(a.outcome, 0) + 1
    checks = check_database(args.slots)
    booked = outcomes.get("gebucht", 0)
    checks.append(("Antworten „gebucht“ = Termine", booked, booked == args.slots))

    print("\nBuchung unter Last: gleichzeitige Buchungsversuche über HTTP (gunicorn, Produktions-Einstellungen)\n")
    print(table(["", ""], [*environment(), ("Server", f"gunicorn, {args.workers} Prozesse × {args.threads} Threads"),
                           ("Tag", day.isoformat()), ("Versuche", str(args.attempts)),
                           ("Zeitfenster", str(args.slots)),
                           ("Broker/Cache", args.redis_url or "ohne (Aufgaben im Prozess)"),
                           ("DB-Verbindungen", f"conn_max_age={args.conn_max_age}"),
                           ("Last der Maschine (1 min)", f"{load_before:.1f} vor den Buchungen")]))
    forms_ms = [a.form_ms for a in attempts]
    print(f"\nFormulare geladen (vorab, 16 gleichzeitig): {args.attempts} in {prepared:.1f} s, "
          f"p50 {percentile(forms_ms, 50):.0f} ms, p99 {percentile(forms_ms, 99):.0f} ms")
    rows = []
    for label, values in (("alle Versuche", latencies),
                          ("gebucht", [a.ms for a in attempts if a.outcome == "gebucht"]),
                          ("abgelehnt", [a.ms for a in attempts if a.outcome != "gebucht"])):
        if values:
            rows.append((label, len(values), f"{percentile(values, 50):.0f}", f"{percentile(values, 95):.0f}",
                         f"{percentile(values, 99):.0f}", f"{max(values):.0f}"))
    print("\nAntwortzeiten der Buchungs-Anfragen (ms, vom Absenden bis zur vollständigen Antwort):\n")
    print(table(["", "Anzahl", "p50", "p95", "p99", "max"], rows, numeric=True))
    print(f"\nDurchsatz: {args.attempts / wall:.0f} Anfragen/s ({args.attempts} in {wall:.2f} s)")
    if floor_ms:
        print(f"Zum Vergleich, {args.attempts} gleichzeitige Aufrufe von /termine/ (nur eine Weiterleitung, ohne "
              f"Datenbank): p50 {percentile(floor_ms, 50):.0f} ms, p99 {percentile(floor_ms, 99):.0f} ms, "
              f"{len(floor_ms) / floor_wall:.0f} Anfragen/s\n")
    print(table(["Ergebnis", "Anzahl"], sorted(outcomes.items()), numeric=True))
    print()
    print(table(["Prüfung in der Datenbank", "Wert", "in Ordnung"],
                [(name, value, "ja" if ok else "NEIN") for name, value, ok in checks]))
    p99 = percentile(latencies, 99)
    met = p99 < TARGET_P99_MS
    print(f"\nZiel p99 < {TARGET_P99_MS:.0f} ms: {'erreicht' if met else 'verfehlt'} ({p99:.0f} ms)")
    if not all(ok for _name, _value, ok in checks):
        print("FEHLER: die Prüfung in der Datenbank ist fehlgeschlagen.")
        return 1
    return 1 if args.strict and not met else 0


if __name__ == "__main__":
    sys.exit(main())
