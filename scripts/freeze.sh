#!/usr/bin/env bash
# Regenerate requirements/constraints.txt from a fresh virtualenv after changing pyproject.toml.
# Installs the newest versions the bounds in pyproject.toml allow, then pins exactly what was installed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-.venv/bin/python}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

"$PYTHON" -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install --quiet --disable-pip-version-check ".[dev,bench]"
{
  sed -n '1,3p' requirements/constraints.txt
  "$tmp/venv/bin/python" -m pip freeze --exclude-editable | grep -v -i '^wegweiser' | sort -f
} > "$tmp/constraints.txt"
mv "$tmp/constraints.txt" requirements/constraints.txt
echo "Wrote requirements/constraints.txt" >&2
