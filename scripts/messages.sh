#!/usr/bin/env bash
# Update the message catalogues from the source code and compile them: scripts/messages.sh
#
# Source strings are German; locale/en/LC_MESSAGES/django.po collects them for the English translation.
# Translate the new entries there (and remove "fuzzy" flags after checking them), then run this again.
#
# Texts the person concerned reads (PDFs for clients, later the portal and booking pages) carry the message
# context "client" (pgettext("client", ...), {% translate "..." context "client" %}). Only those go into the
# catalogues of the client languages (CLIENT_LOCALES below; staff pages stay German/English), which keeps
# those catalogues small enough for translators.
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

CLIENT_LOCALES=(ar fa uk tr ru fr)
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# The client entries of the English catalogue, with empty translations: the template for the others.
msggrep --force-po --msgctxt --regexp='^client$' locale/en/LC_MESSAGES/django.po -o "$tmp/client.po"
msgfilter --force-po --keep-header -i "$tmp/client.po" -o "$tmp/client.pot" sed -e d
sed -i 's/^"Language: en\\n"$/"Language: \\n"/' "$tmp/client.pot"
for locale in "${CLIENT_LOCALES[@]}"; do
  po="locale/$locale/LC_MESSAGES/django.po"
  mkdir -p "$(dirname "$po")"
  if [[ -f $po ]]; then
    msgmerge --quiet --no-fuzzy-matching --backup=none --update "$po" "$tmp/client.pot"
    msgattrib --no-obsolete -o "$po" "$po"
  else
    msginit --no-translator --locale="$locale" -i "$tmp/client.pot" -o "$po" 2>/dev/null
  fi
  msgfmt --check-format -o "${po%.po}.mo" "$po"
done
echo "Updated and compiled the client catalogues: ${CLIENT_LOCALES[*]}" >&2
