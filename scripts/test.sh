#!/usr/bin/env bash
# Run the whole test suite, browser tests included: scripts/test.sh [pytest arguments]
#
# Set-up first (Python packages, npm packages, Chromium, fonts, compiled messages), then pytest in
# parallel on all cores (pytest-xdist). Extra arguments go to pytest, e.g.
#   scripts/test.sh wegweiser/persons -x        one app, stop at the first failure
#   scripts/test.sh -m "not browser"            without the browser tests
#   scripts/test.sh -n 0                        in one process (easier to debug)
# Database: SQLite in memory, unless DATABASE_URL is set (PostgreSQL); REDIS_URL enables the Redis tests.
# The last line printed is pytest's summary; the exit code is pytest's.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

scripts/setup.sh --browser

export DJANGO_SETTINGS_MODULE=wegweiser.conf.test
exec .venv/bin/python -m pytest -n auto -p no:cacheprovider "$@"
