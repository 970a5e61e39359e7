"""Invalid input to ``wegweiser assess``: exit 2, a message naming the field as a JSON pointer, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from wegweiser.cli import InputError, parse_json, pointer_at

ROOT = Path(__file__).resolve().parents[3]
HEAD = '{"format": "situation/1", "as_of": "2026-11-23", '

CASES = [
    # (name, input, pointer that must be named)
    ("malformed_truncated", HEAD + '"person": {"birth_date": "2000-01-01"', '"/person/birth_date"'),
    ("malformed_bare_date", HEAD + '"person": {"birth_date": 2000-01-01}}', '"/person/birth_date"'),
    ("malformed_in_list", HEAD + '"person": {}, "residence": [{"status": "duldung"}, {"status" "x"}]}',
     '"/residence/1"'),
    ("malformed_nan", HEAD + '"person": {}, "pension": {"months": NaN}}', '"/pension/months"'),
    ("malformed_empty", "", '""'),
    ("not_an_object", "[1, 2]", '"" (document root)'),
    ("wrong_type_list", HEAD + '"person": {}, "residence": "seit 2018"}', '"/residence"'),
    ("wrong_type_date", HEAD + '"person": {"birth_date": 20000101}}', '"/person/birth_date"'),
    ("wrong_type_int", HEAD + '"person": {}, "pension": {"months": "12"}}', '"/pension/months"'),
    ("wrong_type_bool", HEAD + '"person": {}, "expulsion_order": "no"}', '"/expulsion_order"'),
    ("impossible_date", HEAD + '"person": {"birth_date": "2023-02-30"}}', '"/person/birth_date"'),
    ("impossible_as_of", '{"format": "situation/1", "as_of": "2023-02-29", "person": {}}', '"/as_of"'),
    ("impossible_nested_date",
     HEAD + '"person": {}, "residence": [{"status": "duldung", "valid_from": "2021-04-31"}]}',
     '"/residence/0/valid_from"'),
    ("unknown_status",
     HEAD + '"person": {}, "residence": [{"status": "geduldet", "valid_from": "2021-04-01"}]}',
     '"/residence/0/status"'),
    ("unknown_duldung_kind",
     HEAD + '"person": {}, "residence": [{"status": "duldung", "duldung_kind": "60z", "valid_from": "2021-04-01"}]}',
     '"/residence/0/duldung_kind"'),
    ("unknown_field", HEAD + '"person": {}, "wohnort": "Hannover"}', '"/wohnort"'),
    ("missing_required", '{"format": "situation/1", "as_of": "2026-11-23"}', '"/person"'),
    ("wrong_format", '{"format": "situation/2", "as_of": "2026-11-23", "person": {}}', '"/format"'),
    ("order_violated",
     HEAD + '"person": {}, "residence": [{"status": "duldung", "valid_from": "2021-04-01", '
     '"valid_until": "2020-01-01"}]}', '"/residence/0/valid_until"'),
]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wegweiser.cli", *args], cwd=ROOT, input=stdin,
                          capture_output=True, timeout=120, check=False)


@pytest.mark.parametrize(("name", "text", "pointer"), CASES, ids=[c[0] for c in CASES])
def test_invalid_situation_exits_2_with_pointer(name: str, text: str, pointer: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.json"
    path.write_text(text, "utf-8")
    done = run("assess", str(path))
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2, err
    assert f"at {pointer}" in err
    assert "Traceback" not in err
    assert done.stdout == b""


def test_invalid_on_standard_input_and_text_format() -> None:
    done = run("assess", "-", "--format", "text", stdin=(HEAD + '"person": {"birth_date": "1999-13-01"}}').encode())
    assert done.returncode == 2
    assert 'at "/person/birth_date"' in done.stderr.decode()
    assert "Traceback" not in done.stderr.decode()


@pytest.mark.parametrize(
    "args",
    [["assess", "/nonexistent/situation.json"], ["assess", "{example}", "--as-of", "2023-02-30"],
     ["assess", "{example}", "--as-of", "23.11.2026"], ["assess", "{latin1}"]],
    ids=["missing_file", "impossible_as_of_option", "german_as_of_option", "not_utf8"],
)
def test_unusable_invocation_exits_2(args: list[str], tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes((HEAD + '"person": {"id": "M\u00fcller"}}').encode("latin-1"))
    example = ROOT / "docs" / "examples" / "situation-minimal-unknowns.json"
    done = run(*[a.format(example=example, latin1=latin1) for a in args])
    assert done.returncode == 2
    assert "Traceback" not in done.stderr.decode()
    assert done.stderr.strip()


def test_pointer_at_follows_objects_arrays_and_escapes() -> None:
    text = '{"a": [1, {"b/c": {"d~e": [0, 0, tru'
    assert pointer_at(text, len(text)) == "/a/1/b~1c/d~0e/2"
    assert pointer_at('{"a": 1, "b": ', 14) == "/b"
    assert pointer_at('{"a": "x,y:[", "b": [', 21) == "/b/0"


def test_parse_json_rejects_constants_with_their_place() -> None:
    with pytest.raises(InputError, match='"/x/1": Infinity'):
        parse_json('{"x": [0, Infinity]}')
    assert parse_json('{"x": "NaN"}') == {"x": "NaN"}
