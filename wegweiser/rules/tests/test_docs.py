"""The code in docs/rules.md ("How to add a pathway") runs, and both speeds agree on it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

RUNNER = r"""
import json, sys
from datetime import date
from pathlib import Path
from wegweiser.rules import assess
from wegweiser.rules.params import V, define
from wegweiser.rules.situation import normalise
from wegweiser.rules.vector import frame_from_records, screen_frame

define("aufenthg_99x.encoded", "Beispiel", "example", V(True, date(2020, 1, 1), None, "example", "V-STAT"))
define("aufenthg_99x.years", "Beispiel", "example", V(2, date(2020, 1, 1), None, "example", "V-STAT"))
src = sys.stdin.read().replace("from ..", "from wegweiser.rules.").replace(
    "from . import common", "from wegweiser.rules.pathways import common")
ns = {}
exec(src, ns)
pathway = ns["PATHWAY"]
for path in sorted(Path("docs/examples").glob("situation-*.json")):
    doc = json.loads(path.read_text("utf-8"))
    one = assess(doc, pathways=[pathway])["pathways"][0]
    many = screen_frame(frame_from_records([normalise(doc)]), date.fromisoformat(doc["as_of"]), [pathway])
    row = many.row(0, named=True)
    assert row["outcome"] == one["outcome"], (path, row, one["outcome"])
    assert row["gaps"] == len(one["missing"]), (path, row, one["missing"])
    print(path.name, one["outcome"])
"""


def test_how_to_add_a_pathway_example_runs() -> None:
    text = (ROOT / "docs" / "rules.md").read_text("utf-8")
    code = re.search(r"```python\n(\"\"\"§ 99x.*?)```", text, re.S)
    assert code is not None
    done = subprocess.run([sys.executable, "-c", RUNNER], input=code.group(1).encode(), cwd=ROOT,
                          capture_output=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr.decode()
    out = done.stdout.decode()
    assert "situation-young-person-25a.json eligible" in out
    assert "situation-minimal-unknowns.json undetermined" in out


def test_rules_md_is_linked_from_readme() -> None:
    assert "(docs/rules.md)" in (ROOT / "README.md").read_text("utf-8")


def test_pathway_table_lists_every_pathway_with_its_change_dates() -> None:
    """The version column of docs/rules.md is what the parameters encode (no hand-kept drift)."""
    from wegweiser.rules.pathways import PATHWAYS

    text = (ROOT / "docs" / "rules.md").read_text("utf-8")
    text = text[text.index("## Pathways and what is not encoded"):text.index("## Review marks")]
    rows = dict(re.findall(r"^\| `(\w+)` \| [^|]+ \| ([^|]+) \|$", text, re.M))
    assert set(rows) == set(PATHWAYS)
    for pid, pathway in PATHWAYS.items():
        documented = re.findall(r"\d\d\.\d\d\.\d{4}", rows[pid])
        assert documented == [d.strftime("%d.%m.%Y") for d in pathway.change_dates()], pid
