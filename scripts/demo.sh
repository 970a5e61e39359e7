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

has_persons="$($PY manage.py shell -c 'from wegweiser.persons.models import Person; print(int(Person.objects.exists()))')"
if [[ $has_persons == 0 ]]; then
  if $PY manage.py help seed_demo >/dev/null 2>&1; then
    echo "==> Creating demo data (2000 persons; takes a minute)" >&2
    seed_output="$($PY manage.py seed_demo --persons 2000 --seed 1 | tee /dev/stderr)"
    if [[ $seed_output != *Benutzername* ]]; then
      echo "Note: seed_demo printed no demo log-ins." >&2
    fi
  else
    echo "Note: this version has no seed_demo command yet; the database stays empty and there are no demo log-ins." >&2
  fi
else
  echo "==> Demo data is already there. Its log-ins were printed when it was created; to create it afresh" >&2
  echo "    and see them again: .venv/bin/python manage.py seed_demo --persons 2000 --seed 1 --reset" >&2
fi

echo "==> Wegweiser runs at http://127.0.0.1:8000 (Ctrl+C stops it)" >&2
exec $PY manage.py runserver 127.0.0.1:8000
