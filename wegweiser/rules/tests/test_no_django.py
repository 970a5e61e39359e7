"""The rules engine and its command line run without Django: checked in a fresh interpreter."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "docs" / "examples" / "situation-family-25b.json"

SCRIPT = r"""
import contextlib, io, json, sys
from pathlib import Path

def no_django(stage):
    loaded = sorted(m for m in sys.modules if m == "django" or m.startswith("django.") or m == "celery")
    assert not loaded, (stage, loaded[:10])

import wegweiser.rules
import wegweiser.cli
no_django("import")

from wegweiser.cli import main
tmp = Path(sys.argv[2])
with contextlib.redirect_stdout(io.StringIO()) as out:
    assert main(["assess", sys.argv[1]]) == 0
    assert main(["assess", sys.argv[1], "--format", "text", "--lang", "en"]) == 0
assert '"assessment/1"' in out.getvalue()
no_django("assess")

doc = json.loads(Path(sys.argv[1]).read_text("utf-8"))
(tmp / "in.jsonl").write_text(json.dumps(doc) + "\n" + json.dumps(doc) + "\n", "utf-8")
with contextlib.redirect_stderr(io.StringIO()):
    assert main(["screen", str(tmp / "in.jsonl"), "--as-of", "2026-11-23", "--out", str(tmp / "out.parquet")]) == 0
    from wegweiser.rules.situation import normalise
    from wegweiser.rules.vector import frame_from_records
    frame_from_records([normalise(doc)]).write_parquet(tmp / "flat.parquet")
    assert main(["screen", str(tmp / "flat.parquet"), "--as-of", "2026-11-23", "--out", str(tmp / "x.csv")]) == 0
no_django("screen")
import wegweiser.rules.schemas.generate as g
g.generated()
no_django("schemas")
print("ok")
"""


@pytest.mark.parametrize("settings", [None, "wegweiser.conf.test"], ids=["no_settings", "settings_in_env"])
def test_rules_and_cli_do_not_import_django(settings: str | None, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    if settings:
        env["DJANGO_SETTINGS_MODULE"] = settings
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(EXAMPLE), str(tmp_path)], cwd=ROOT, env=env,
                          capture_output=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().strip() == "ok"


def test_the_check_itself_can_fail(tmp_path: Path) -> None:
    """The same script reports Django when something does import it (guards against a vacuous check)."""
    bad = "import django.conf\n" + SCRIPT
    done = subprocess.run([sys.executable, "-c", bad, str(EXAMPLE), str(tmp_path)], cwd=ROOT,
                          capture_output=True, timeout=300, check=False)
    assert done.returncode != 0
    assert "django" in done.stderr.decode()
