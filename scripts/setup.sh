#!/usr/bin/env bash
# Prepare a working copy of Wegweiser: Python virtualenv, npm packages, Debian packages, compiled messages.
#
#   scripts/setup.sh            what the application needs (used by scripts/demo.sh)
#   scripts/setup.sh --browser  also Chromium and fonts for the browser tests (used by scripts/test.sh)
#
# Idempotent: every step checks first and does nothing when it is already done, so running it again
# costs a few seconds.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

WITH_BROWSER=0
for arg in "$@"; do
  case "$arg" in
    --browser) WITH_BROWSER=1 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'setup.sh: %s\n' "$*" >&2; exit 1; }

# --- Debian packages -------------------------------------------------------------------------------
# gettext: msgfmt for compilemessages. fonts-noto-core: the PDFs for clients embed Noto Sans and Noto Naskh
# Arabic (Latin, Cyrillic, Arabic, Persian). Browser tests: Chromium (driven by Playwright), which needs the
# same Noto fonts so the scripts of our clients' languages render (and are checked) properly.
apt_packages=(gettext fonts-noto-core)
if [[ $WITH_BROWSER == 1 ]]; then
  apt_packages+=(chromium)
fi
missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  command -v apt-get >/dev/null || die "missing packages ${missing[*]}; install them with your system's package manager."
  SUDO=""
  if [[ $(id -u) != 0 ]]; then
    command -v sudo >/dev/null || die "missing Debian packages ${missing[*]}; run as root: apt-get install ${missing[*]}"
    SUDO="sudo"
  fi
  say "Installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- Python >= 3.12 (Django 6 requires it) -----------------------------------------------------------
python_ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }

find_python() {
  local candidate
  for candidate in python3.13 python3.12 python3; do
    # pyenv shims exist on PATH even when the version is not active, so try each one for real.
    if command -v "$candidate" >/dev/null && python_ok "$candidate"; then
      command -v "$candidate"
      return
    fi
  done
  for candidate in $(ls -d "$HOME"/.pyenv/versions/3.1[2-9]* 2>/dev/null | sort -rV); do
    if python_ok "$candidate/bin/python3"; then
      echo "$candidate/bin/python3"
      return
    fi
  done
  return 1
}

if [[ -x .venv/bin/python ]] && ! python_ok .venv/bin/python; then
  say "Removing .venv: it was made with Python < 3.12"
  rm -rf .venv
fi
if [[ ! -x .venv/bin/python ]]; then
  PYTHON="$(find_python)" || die "Python 3.12 or newer is needed (Django 6 requires it) and none was found.
  Debian 13 / Ubuntu 24.04: apt-get install python3 python3-venv
  Debian 12:                 install it with pyenv (pyenv install 3.12) or from python.org,
  then run this script again. It looks for python3.13, python3.12, python3 and ~/.pyenv/versions/3.12+."
  say "Creating .venv with $PYTHON ($("$PYTHON" --version))"
  "$PYTHON" -m venv .venv || die "could not create .venv (on Debian/Ubuntu: apt-get install python3-venv)"
fi

# --- Python packages (exact versions from requirements/constraints.txt) --------------------------------
stamp=.venv/.wegweiser-installed
want="$(cat requirements/constraints.txt pyproject.toml | sha256sum | cut -d' ' -f1)"
if [[ ! -f $stamp || "$(cat "$stamp")" != "$want" ]]; then
  say "Installing Python packages into .venv"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt -e ".[dev]"
  echo "$want" > "$stamp"
fi

# --- Front-end packages (KERN UX, htmx, axe-core) from the npm registry --------------------------------
command -v npm >/dev/null || die "npm is needed (Debian: apt-get install nodejs npm)."
npm_stamp=node_modules/.wegweiser-installed
npm_want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ ! -f $npm_stamp || "$(cat "$npm_stamp")" != "$npm_want" ]]; then
  say "Installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  echo "$npm_want" > "$npm_stamp"
fi

# --- Compiled message catalogues -----------------------------------------------------------------------
say "Compiling message catalogues"
DJANGO_SETTINGS_MODULE=wegweiser.conf.dev .venv/bin/python manage.py compilemessages \
  --ignore=.venv --ignore=node_modules --ignore=var --ignore=staticfiles >/dev/null

say "Set-up complete"
