#!/usr/bin/env bash
# Start Wegweiser with demo data on SQLite: scripts/demo.sh  ->  http://127.0.0.1:8000
#
# Set-up, database migrations (var/wegweiser.sqlite3), demo data of the fictional Kreis Beispielstadt on
# the first run (2000 persons, one log-in per role; the log-ins are printed), then the development server.
# The demo always uses its own SQLite file and runs background tasks in-process: DATABASE_URL and
# REDIS_URL from your environment are ignored here.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

scripts/setup.sh

export DJANGO_SETTINGS_MODULE=wegweiser.conf.dev
export DATABASE_URL="sqlite:///$ROOT/var/wegweiser.sqlite3"
unset REDIS_URL
mkdir -p var
PY=.venv/bin/python

echo "==> Migrating the database var/wegweiser.sqlite3" >&2
$PY manage.py migrate --noinput >/dev/null

# seed_demo --if-empty decides itself whether the database is empty (no parsing of shell output here).
echo "==> Demo data (created on the first run: 2000 persons, takes a minute)" >&2
$PY manage.py seed_demo --persons 2000 --seed 1 --if-empty

echo "==> Wegweiser runs at http://127.0.0.1:8000 (Ctrl+C stops it)" >&2
exec $PY manage.py runserver 127.0.0.1:8000
