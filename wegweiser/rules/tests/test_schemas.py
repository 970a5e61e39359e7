"""The published JSON Schemas: equal to what the code generates, valid, and holding for real documents."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from wegweiser.rules import assess
from wegweiser.rules.schemas.generate import GENERATED, generated, load, stale, write
from wegweiser.rules.situation import validate_with_schema

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = sorted((ROOT / "docs" / "examples").glob("situation-*.json"))
DATES = [None, date(2014, 1, 1), date(2016, 1, 1), date(2023, 1, 1), date(2027, 7, 1), date(2035, 1, 1)]


def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(load(name), format_checker=jsonschema.FormatChecker())


def test_committed_schemas_equal_generated() -> None:
    assert stale() == [], "run: python -m wegweiser.rules.schemas"


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = load(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f"/{name}")
    fmt = name.removesuffix(".schema.json").replace("-", "/")
    assert schema["properties"]["format"] == {"const": fmt}


def test_write_and_check_regenerate_into_a_directory(tmp_path: Path) -> None:
    assert sorted(write(tmp_path)) == sorted(GENERATED)
    assert stale(tmp_path) == [] and write(tmp_path) == []
    (tmp_path / "assessment-1.schema.json").write_text("{}\n", "utf-8")
    assert stale(tmp_path) == ["assessment-1.schema.json"]
    assert json.loads(generated()["situation-1.schema.json"]) == load("situation-1.schema.json")


def test_module_check_passes() -> None:
    done = subprocess.run([sys.executable, "-m", "wegweiser.rules.schemas", "--check"], cwd=ROOT,
                          capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr.decode()


def test_there_are_at_least_four_examples() -> None:
    assert len(EXAMPLES) >= 4


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_is_a_valid_situation(path: Path) -> None:
    document = json.loads(path.read_text("utf-8"))
    validator("situation-1.schema.json").validate(document)
    validate_with_schema(document)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_assessments_of_examples_match_assessment_schema(path: Path) -> None:
    v = validator("assessment-1.schema.json")
    document = json.loads(path.read_text("utf-8"))
    for d in DATES:
        assessment = json.loads(json.dumps(assess(document, d)))  # as a consumer sees it
        errors = [f"{e.json_path}: {e.message}" for e in v.iter_errors(assessment)]
        assert errors == [], (d, errors[:5])


def _sample() -> dict:
    doc = json.loads((ROOT / "docs" / "examples" / "situation-minimal-unknowns.json").read_text("utf-8"))
    return json.loads(json.dumps(assess(doc)))


def _break_outcome(a: dict) -> None:
    a["pathways"][0]["outcome"] = "probably"


def _drop_citation(a: dict) -> None:
    del a["pathways"][0]["conditions"][0]["citation"]


def _unknown_gap_kind(a: dict) -> None:
    a["pathways"][0]["missing"][0]["kind"] = "paperwork"


def _time_gap_without_date(a: dict) -> None:
    a["pathways"][0]["missing"][0]["kind"] = "time"


def _earliest_when_not_eligible(a: dict) -> None:
    a["pathways"][0]["outcome"] = "not_eligible"


def _extra_field(a: dict) -> None:
    a["pathways"][0]["score"] = 0.7


def _impossible_date(a: dict) -> None:
    a["as_of"] = "2026-02-30"


def _one_language(a: dict) -> None:
    del a["disclaimer"]["en"]


@pytest.mark.parametrize("breaker", [_break_outcome, _drop_citation, _unknown_gap_kind, _time_gap_without_date,
                                     _earliest_when_not_eligible, _extra_field, _impossible_date, _one_language])
def test_assessment_schema_rejects_broken_documents(breaker) -> None:
    a = _sample()
    v = validator("assessment-1.schema.json")
    assert list(v.iter_errors(a)) == []
    broken = copy.deepcopy(a)
    breaker(broken)
    assert list(v.iter_errors(broken)) != []
