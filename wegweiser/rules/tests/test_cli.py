"""``wegweiser assess``: the example situations through the real command line, JSON and text output."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from wegweiser.cli import main, render_text
from wegweiser.rules import assess
from wegweiser.rules.pathways import PATHWAYS
from wegweiser.rules.schemas.generate import load

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = sorted((ROOT / "docs" / "examples").glob("situation-*.json"))
ASSESSMENT = jsonschema.Draft202012Validator(load("assessment-1.schema.json"),
                                             format_checker=jsonschema.FormatChecker())


def run(*args: str, stdin: bytes | None = None, module: str = "wegweiser.cli") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, input=stdin, capture_output=True,
                          timeout=300, check=False)


def by_id(assessment: dict) -> dict[str, dict]:
    return {p["id"]: p for p in assessment["pathways"]}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_assess_example_json(path: Path) -> None:
    done = run("assess", str(path))
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b""
    out = json.loads(done.stdout)
    ASSESSMENT.validate(out)
    assert out["format"] == "assessment/1"
    assert out["as_of"] == json.loads(path.read_text("utf-8"))["as_of"]
    assert [p["id"] for p in out["pathways"]] == list(PATHWAYS)
    assert out == assess(json.loads(path.read_text("utf-8")))


def test_examples_show_what_they_are_named_for() -> None:
    """Each example stands for a case; if a rule change alters that, the example (and docs) must follow."""
    load_ = {p.stem.removeprefix("situation-"): json.loads(p.read_text("utf-8")) for p in EXAMPLES}
    assert len(load_) >= 4
    young = by_id(assess(load_["young-person-25a"]))
    assert young["aufenthg_25a"]["outcome"] == "eligible"
    family = by_id(assess(load_["family-25b"]))
    assert family["aufenthg_25b"]["outcome"] == "eligible"
    holder = by_id(assess(load_["holder-104c"]))
    zugang = next(c for c in holder["aufenthg_25a"]["conditions"] if c["id"] == "zugang")
    assert {a["id"]: a["result"] for a in zugang["alternatives"]}["inhaber_104c"] == "met"
    minimal = assess(load_["minimal-unknowns"])
    # § 104c was granted only until 30.12.2025: on later dates it is not in force, everything else open.
    outcomes = {p["id"]: p["outcome"] for p in minimal["pathways"]}
    assert outcomes.pop("aufenthg_104c") == ("not_in_force" if minimal["as_of"] > "2025-12-30" else "undetermined")
    assert all(o in ("undetermined", "not_eligible") for o in outcomes.values())
    kinds = {g["kind"] for p in minimal["pathways"] for g in p["missing"]}
    assert "evidence" in kinds


def test_as_of_overrides_the_file() -> None:
    path = EXAMPLES[0]
    done = run("assess", str(path), "--as-of", "2014-01-01")
    assert done.returncode == 0, done.stderr.decode()
    out = json.loads(done.stdout)
    assert out["as_of"] == "2014-01-01"
    assert out == assess(json.loads(path.read_text("utf-8")), date(2014, 1, 1))
    assert out != assess(json.loads(path.read_text("utf-8")))
    ASSESSMENT.validate(out)


def test_reads_standard_input_and_python_m_wegweiser_rules() -> None:
    path = ROOT / "docs" / "examples" / "situation-family-25b.json"
    a = run("assess", "-", stdin=path.read_bytes())
    b = run("assess", str(path), module="wegweiser.rules")
    assert a.returncode == b.returncode == 0
    assert json.loads(a.stdout) == json.loads(b.stdout) == assess(json.loads(path.read_text("utf-8")))


@pytest.mark.parametrize("lang", ["de", "en"])
def test_text_output_explains_every_pathway(lang: str) -> None:
    path = ROOT / "docs" / "examples" / "situation-holder-104c.json"
    done = run("assess", str(path), "--format", "text", "--lang", lang)
    assert done.returncode == 0, done.stderr.decode()
    text = done.stdout.decode("utf-8")
    data = assess(json.loads(path.read_text("utf-8")))
    for p in data["pathways"]:
        assert f"[{p['id']}]" in text
        assert p["citation"] in text
        for c in p["conditions"]:
            assert f"] {c['id']} – {c['citation']}" in text
            assert c["reason"][lang] in text
        # the missing list is printed numbered, in the order of the assessment
        positions = [text.index(f"{n}. [", text.index(f"[{p['id']}]")) for n in range(1, len(p["missing"]) + 1)]
        assert positions == sorted(positions)
        for gap in p["missing"]:
            assert gap["text"][lang] in text
    assert data["disclaimer"][lang] in text
    assert ("Was fehlt" in text) == (lang == "de")
    assert ("What is missing" in text) == (lang == "en")


def test_text_lists_gaps_in_order() -> None:
    data = assess(json.loads((ROOT / "docs" / "examples" / "situation-minimal-unknowns.json").read_text("utf-8")))
    text = render_text(data, "en")
    in_force = [p for p in data["pathways"] if p["outcome"] != "not_in_force"]
    assert len(in_force) >= 9
    for p in in_force:
        section = text[text.index(f"[{p['id']}]"):]
        section = section[section.index("What is missing"):]
        lines = [ln for ln in section.splitlines() if ln[:4].strip().rstrip(".").isdigit()]
        assert len(lines) >= len(p["missing"]) > 0
        for n, (line, gap) in enumerate(zip(lines, p["missing"], strict=False), 1):
            assert line.startswith(f"  {n}. ")
            assert gap["text"]["en"] in line


def test_main_returns_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert main([]) == 2
    assert main(["assess"]) == 2
    assert main(["assess", str(EXAMPLES[0]), "--format", "yaml"]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert main(["assess", str(EXAMPLES[0])]) == 0
    assert json.loads(capsys.readouterr().out)["format"] == "assessment/1"
