"""The English catalogue is complete and correct, and staff who choose English get an English interface.

Source strings are German. ``scripts/messages.sh`` is the one definition of what gets extracted; these tests
run it on a copy of the source tree, so a new string without translation fails here, not in front of a user.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from wegweiser.accounts.roles import Role

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = Path("locale/en/LC_MESSAGES/django.po")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


def _parse_po(text: str) -> list[dict[str, object]]:
    """A small reader for the entries of a .po file (enough for the checks here; no extra dependency)."""
    entries: list[dict[str, object]] = []
    for block in re.split(r"\n\s*\n", text):
        entry: dict[str, object] = {"flags": "", "msgstr": {}}
        key: str | None = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] = line
            elif line.startswith("#~"):
                entry["obsolete"] = True
            elif line.startswith("#") or not line.strip():
                continue
            elif m := re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[(\d+)\])?) "(.*)"$', line):
                key = m.group(1)
                value = m.group(3)
                if key.startswith("msgstr"):
                    entry["msgstr"][key] = value  # type: ignore[index]
                else:
                    entry[key] = value
            elif line.startswith('"') and key is not None:
                value = line[1:-1]
                if key.startswith("msgstr"):
                    entry["msgstr"][key] += value  # type: ignore[index]
                else:
                    entry[key] = str(entry[key]) + value
        if "msgid" in entry and entry["msgid"] != "":
            entries.append(entry)
    return entries


def _unescape(value: str) -> str:
    return value.encode("latin-1", "backslashreplace").decode("unicode_escape").encode("latin-1").decode("utf-8")


@pytest.fixture(scope="module")
def regenerated_tree(tmp_path_factory) -> Path:
    """A copy of the tree after ``scripts/messages.sh`` ran on it: its catalogues are what the code asks for."""
    copy = tmp_path_factory.mktemp("tree")
    for name in ("wegweiser", "locale", "scripts"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copy2(ROOT / "manage.py", copy / "manage.py")
    env = {**os.environ, "PYTHON": sys.executable, "DJANGO_SETTINGS_MODULE": "wegweiser.conf.dev",
           "PYTHONPATH": str(copy)}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(["bash", "scripts/messages.sh"], cwd=copy, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    return copy


@pytest.fixture(scope="module")
def regenerated(regenerated_tree) -> str:
    """The English catalogue as ``scripts/messages.sh`` produces it from the current source tree."""
    return (regenerated_tree / CATALOGUE).read_text(encoding="utf-8")


def test_every_string_in_the_code_is_in_the_committed_catalogue(regenerated):
    committed = {(e.get("msgctxt"), e["msgid"]) for e in _parse_po((ROOT / CATALOGUE).read_text("utf-8"))}
    extracted = {(e.get("msgctxt"), e["msgid"]) for e in _parse_po(regenerated)}
    missing = sorted(str(m[1]) for m in extracted - committed)
    assert not missing, f"run scripts/messages.sh and translate {len(missing)} new strings, e.g. {missing[:5]}"


def test_every_entry_is_translated_and_not_fuzzy(regenerated):
    untranslated = [
        e["msgid"] for e in _parse_po(regenerated)
        if "fuzzy" in str(e["flags"]) or any(v == "" for v in e["msgstr"].values())  # type: ignore[union-attr]
    ]
    assert not untranslated, f"{len(untranslated)} entries lack an English translation, e.g. {untranslated[:5]}"


CLIENT_LOCALES = ("ar", "fa", "uk", "tr", "ru", "fr")


@pytest.mark.parametrize("locale", CLIENT_LOCALES)
def test_client_texts_are_translated_into_every_client_language(regenerated_tree, locale):
    """Texts with the context "client" (what the person reads) exist, translated, in each client language."""
    path = Path(f"locale/{locale}/LC_MESSAGES/django.po")
    committed = {(e.get("msgctxt"), e["msgid"]) for e in _parse_po((ROOT / path).read_text("utf-8"))}
    entries = _parse_po((regenerated_tree / path).read_text("utf-8"))
    extracted = {(e.get("msgctxt"), e["msgid"]) for e in entries}
    assert not extracted - committed, f"run scripts/messages.sh: {locale} lacks {sorted(extracted - committed)[:5]}"
    assert all(e.get("msgctxt") == "client" for e in entries), "only client texts belong in a client catalogue"
    untranslated = [e["msgid"] for e in entries
                    if "fuzzy" in str(e["flags"]) or any(v == "" for v in e["msgstr"].values())]  # type: ignore[union-attr]
    assert not untranslated, f"{len(untranslated)} client texts lack a {locale} translation, e.g. {untranslated[:5]}"


def test_placeholders_survive_translation():
    wrong = []
    catalogues = [CATALOGUE, *(Path(f"locale/{loc}/LC_MESSAGES/django.po") for loc in CLIENT_LOCALES)]
    entries = [e for path in catalogues for e in _parse_po((ROOT / path).read_text("utf-8"))]
    for e in entries:
        forms: dict[str, str] = e["msgstr"]  # type: ignore[assignment]
        if "msgid_plural" not in e:
            if forms.get("msgstr") and set(PLACEHOLDER.findall(forms["msgstr"])) != set(PLACEHOLDER.findall(str(e["msgid"]))):
                wrong.append((e["msgid"], forms["msgstr"]))
            continue
        plural = set(PLACEHOLDER.findall(str(e["msgid_plural"])))
        allowed = plural | set(PLACEHOLDER.findall(str(e["msgid"])))
        last = f"msgstr[{len(forms) - 1}]"
        for key, value in forms.items():
            found = set(PLACEHOLDER.findall(value))
            # Forms for small numbers may leave out the count ("one file"; Arabic has forms for 0, 1 and 2);
            # the general plural form (the last one) may not.
            if value and (not found <= allowed or (key == last and found != plural)):
                wrong.append((e["msgid"], value))
    assert not wrong, f"placeholders differ in {len(wrong)} entries, e.g. {wrong[:3]}"


def test_the_reader_sees_translations():
    """Guards the small .po reader above: a known entry must be found with its translation."""
    entries = {e["msgid"]: e for e in _parse_po((ROOT / CATALOGUE).read_text("utf-8"))}
    assert _unescape(str(entries["Abmelden"]["msgstr"]["msgstr"])) == "Log out"  # type: ignore[index]


@pytest.mark.django_db
def test_staff_who_choose_english_get_an_english_page(role_client):
    client = role_client(Role.SACHBEARBEITUNG)[1]
    german = client.get(reverse("core:home")).content.decode()
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("core:home")})
    assert response.status_code == 302
    english = client.get(reverse("core:home")).content.decode()
    assert '<html lang="en"' in english
    for source in ("Abmelden", "Zum Inhalt springen", "Passwort ändern"):
        with translation.override("en"):
            translated = translation.gettext(source)
        assert translated != source, f"{source!r} has no English translation"
        assert source in german
        assert translated in english and source not in english
