"""A real Celery worker, started against Redis, picks up a task and reports its result.

The quick start runs tasks in-process; production runs them on workers through Redis. This test proves the
second path end to end: broker, worker process, Django set-up inside the worker, result backend.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from celery import Celery
from celery.result import AsyncResult

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("REDIS_URL", "")

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL not set: no Redis to run a worker against"),
]


def _run_on_worker(env: dict[str, str], queue: str, *tasks: str) -> tuple[list[AsyncResult], str]:
    """Start a worker on its own queue, send the tasks one after the other (each waits for the one before),
    stop the worker; the results and the worker's log."""
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "wegweiser", "worker", "--pool=solo", "--concurrency=1",
         "-Q", queue, "--without-heartbeat", "--without-gossip", "--without-mingle", "--loglevel=WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    sender = Celery("wegweiser-test-sender", broker=REDIS_URL, backend=REDIS_URL)
    results = []
    try:
        for name in tasks:
            result = sender.send_task(name, queue=queue)
            result.get(timeout=60)
            results.append(result)
    finally:
        worker.terminate()
        log, _ = worker.communicate(timeout=30)
    return results, log


def test_worker_runs_a_task_from_redis(tmp_path):
    queue = f"wegweiser-test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wegweiser.conf.dev",
        "REDIS_URL": REDIS_URL,
        # The worker's own database: the health check only runs SELECT 1 there.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}",
    }
    (result,), log = _run_on_worker(env, queue, "wegweiser.core.tasks.health_check")
    assert result.result == {"ok": True, "vendor": "sqlite", "database": str(tmp_path / "worker.sqlite3")}, log
    assert result.status == "SUCCESS"


#: Run inside the worker's database before the worker starts: one booked appointment in two hours, booked
#: three days ago (so it is due for its reminder), with the rows it needs.
_REMINDER_SETUP = """
from datetime import timedelta
from django.utils import timezone
from wegweiser.appointments.models import Appointment, BookingSettings, Counter, Service
now = timezone.now()
BookingSettings.objects.update_or_create(pk=1, defaults={"reminder_hours": 24})
counter = Counter.objects.create(name="Schalter 1", location="Raum 1.01")
service = Service.objects.create(code="verlaengerung", name={"de": "Aufenthaltserlaubnis verlängern"})
Appointment.objects.create(reference="WORKER01", service=service, counter=counter, name="Amal Beispiel",
    email="amal@example.org", starts_at=now + timedelta(hours=2), ends_at=now + timedelta(hours=2, minutes=15),
    link_nonce="n", created_at=now - timedelta(days=3))
"""


def test_worker_sends_the_appointment_reminders(tmp_path):
    """The reminder task, as beat would start it: the worker reads the due appointment, mails the reminder
    with its calendar file and stamps ``reminded_at``; a second run sends nothing."""
    import sqlite3

    queue = f"wegweiser-test-{uuid.uuid4().hex[:8]}"
    database = tmp_path / "worker.sqlite3"
    mailbox = tmp_path / "mail"
    mailbox.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wegweiser.conf.dev",
        "REDIS_URL": REDIS_URL,
        "DATABASE_URL": f"sqlite:///{database}",
        "EMAIL_URL": f"filemail://{mailbox}",
        "SITE_URL": "https://termine.example.org",
    }
    for command in (["migrate", "--noinput", "-v", "0"], ["shell", "-c", _REMINDER_SETUP]):
        done = subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
    reminders = "wegweiser.appointments.tasks.send_reminders"
    (first, second), log = _run_on_worker(env, queue, reminders, reminders)
    assert (first.result, second.result) == (1, 0), log
    mails = [path.read_text() for path in mailbox.iterdir()]
    assert len(mails) == 1 and "WORKER01" in mails[0] and "amal@example.org" in mails[0], log
    assert "text/calendar" in mails[0]
    with sqlite3.connect(database) as db:
        (reminded_at,) = db.execute("SELECT reminded_at FROM appointments_appointment").fetchone()
    assert reminded_at is not None
