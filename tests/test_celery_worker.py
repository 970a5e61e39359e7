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

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("REDIS_URL", "")

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL not set: no Redis to run a worker against"),
]


def test_worker_runs_a_task_from_redis(tmp_path):
    queue = f"wegweiser-test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wegweiser.conf.dev",
        "REDIS_URL": REDIS_URL,
        # The worker's own database: the health check only runs SELECT 1 there.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}",
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "wegweiser", "worker", "--pool=solo", "--concurrency=1",
         "-Q", queue, "--without-heartbeat", "--without-gossip", "--without-mingle", "--loglevel=WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    sender = Celery("wegweiser-test-sender", broker=REDIS_URL, backend=REDIS_URL)
    try:
        result = sender.send_task("wegweiser.core.tasks.health_check", queue=queue)
        outcome = result.get(timeout=60)
    finally:
        worker.terminate()
        log, _ = worker.communicate(timeout=30)
    assert outcome == {"ok": True, "vendor": "sqlite", "database": str(tmp_path / "worker.sqlite3")}, log
    assert result.status == "SUCCESS"
