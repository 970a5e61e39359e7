#!/usr/bin/env bash
# Update the message catalogues from the source code and compile them: scripts/messages.sh
#
# Source strings are German; locale/en/LC_MESSAGES/django.po collects them for the English translation.
# Translate the new entries there (and remove "fuzzy" flags after checking them), then run this again.
# tests/test_i18n.py runs this same script on a copy of the source tree, so the options below are the
# single definition of what gets extracted.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PYTHON="${PYTHON:-}"
if [[ -z $PYTHON ]]; then
  if [[ -x .venv/bin/python ]]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-wegweiser.conf.dev}"

ignore=(--ignore=.venv --ignore=node_modules --ignore=benchmarks --ignore=var --ignore=staticfiles
        --ignore=test-results --ignore=tests --ignore=build --ignore=docs)

"$PYTHON" manage.py makemessages --locale=en --domain=django --add-location=file --no-obsolete \
  "${ignore[@]}" >/dev/null
"$PYTHON" manage.py compilemessages --locale=en "${ignore[@]}" >/dev/null
echo "Updated and compiled locale/en/LC_MESSAGES/django.po" >&2
