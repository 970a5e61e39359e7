"""``wegweiser screen``: JSON Lines and Parquet in, Parquet and CSV out, bad rows reported and skipped."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from wegweiser.cli import Progress, check_flat_row, main
from wegweiser.rules import assess
from wegweiser.rules.pathways import PATHWAYS
from wegweiser.rules.situation import normalise
from wegweiser.rules.vector import frame_from_records

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = sorted((ROOT / "docs" / "examples").glob("situation-*.json"))
AS_OF = date(2026, 11, 23)
BAD_DATE = '{"format": "situation/1", "as_of": "2026-11-23", "person": {"birth_date": "2023-02-30"}}'


def docs() -> list[dict]:
    return [json.loads(p.read_text("utf-8")) for p in EXAMPLES]


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def screen(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["screen", *[str(a) for a in args]])
    return code, capsys.readouterr().err


def expected(document: dict) -> list[tuple[str, str, date | None, int]]:
    """What the per-person engine says: the two speeds share one definition and must agree."""
    return [
        (p["id"], p["outcome"], p["earliest_date"] and date.fromisoformat(p["earliest_date"]), len(p["missing"]))
        for p in assess(document, AS_OF)["pathways"]
    ]


def rows_of(frame: pl.DataFrame, row: int) -> list[tuple]:
    part = frame.filter(pl.col("row") == row)
    return list(zip(part["pathway"], part["outcome"].cast(pl.String), part["earliest_date"], part["gaps"],
                    strict=True))


def test_jsonl_bad_line_in_the_middle_is_reported_and_skipped(tmp_path: Path, capsys) -> None:
    good = [json.dumps(d) for d in docs()]
    lines = [good[0], good[1], BAD_DATE, "", good[2], '{"format": "situation/1", "as_', good[3]]
    src = write_jsonl(tmp_path / "in.jsonl", lines)
    code, err = screen(capsys, src, "--as-of", "2026-11-23", "--out", tmp_path / "out.parquet")
    assert code == 1  # finished, but rows were rejected
    assert 'line 3: ungültige Situation / invalid situation at "/person/birth_date"' in err
    assert "line 6: ungültiges JSON / malformed JSON" in err
    assert "line 4" not in err  # blank lines are skipped silently
    assert "Traceback" not in err
    out = pl.read_parquet(tmp_path / "out.parquet")
    assert sorted(set(out["row"])) == [1, 2, 5, 7]
    assert out.height == 4 * len(PATHWAYS)
    for line, document in zip([1, 2, 5, 7], docs(), strict=True):
        assert rows_of(out, line) == expected(document)
    assert out.filter(pl.col("row") == 1)["person_id"].unique().to_list() == [document_id(docs()[0])]


def document_id(d: dict) -> str | None:
    return d["person"].get("id")


def test_chunking_gives_the_same_result(tmp_path: Path, capsys) -> None:
    lines = [json.dumps(d) for d in docs()] * 3
    src = write_jsonl(tmp_path / "in.jsonl", lines)
    assert screen(capsys, src, "--as-of", "2026-11-23", "--out", tmp_path / "a.parquet")[0] == 0
    assert screen(capsys, src, "--as-of", "2026-11-23", "--out", tmp_path / "b.parquet", "--chunk-size", "5")[0] == 0
    a, b = pl.read_parquet(tmp_path / "a.parquet"), pl.read_parquet(tmp_path / "b.parquet")
    assert a.equals(b)
    assert a["row"].to_list() == [r for r in range(1, 13) for _ in PATHWAYS]


def test_csv_output(tmp_path: Path, capsys) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [json.dumps(d) for d in docs()])
    code, _err = screen(capsys, src, "--as-of", "2026-11-23", "--out", tmp_path / "sub" / "out.csv")
    assert code == 0
    text = (tmp_path / "sub" / "out.csv").read_text("utf-8")
    assert text.splitlines()[0] == "row,person_id,pathway,outcome,earliest_date,gaps"
    out = pl.read_csv(tmp_path / "sub" / "out.csv", try_parse_dates=True)
    assert out.height == len(EXAMPLES) * len(PATHWAYS)
    for n, document in enumerate(docs(), 1):
        part = out.filter(pl.col("row") == n)
        got = list(zip(part["pathway"], part["outcome"], part["earliest_date"], part["gaps"], strict=True))
        assert got == expected(document)


def test_parquet_output_layout(tmp_path: Path, capsys) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [json.dumps(d) for d in docs()])
    assert screen(capsys, src, "--as-of", "2026-11-23", "--out", tmp_path / "out.parquet")[0] == 0
    out = pl.read_parquet(tmp_path / "out.parquet")
    assert out.columns == ["row", "person_id", "pathway", "outcome", "earliest_date", "gaps"]
    assert out.schema["earliest_date"] == pl.Date and out.schema["gaps"] == pl.Int32
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".screen-")] == []


def test_as_of_option_overrides_every_row(tmp_path: Path, capsys) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [json.dumps(d) for d in docs()])
    assert screen(capsys, src, "--as-of", "2016-01-01", "--out", tmp_path / "out.parquet")[0] == 0
    out = pl.read_parquet(tmp_path / "out.parquet")
    for n, document in enumerate(docs(), 1):
        want = [(p["id"], p["outcome"]) for p in assess(document, date(2016, 1, 1))["pathways"]]
        part = out.filter(pl.col("row") == n)
        assert list(zip(part["pathway"], part["outcome"].cast(pl.String), strict=True)) == want


def test_flat_parquet_input(tmp_path: Path, capsys) -> None:
    frame = frame_from_records([normalise(d) for d in docs()])
    frame.write_parquet(tmp_path / "flat.parquet")
    assert screen(capsys, tmp_path / "flat.parquet", "--as-of", "2026-11-23", "--out", tmp_path / "out.csv")[0] == 0
    out = pl.read_csv(tmp_path / "out.csv", try_parse_dates=True)
    for n, document in enumerate(docs(), 1):
        part = out.filter(pl.col("row") == n)
        assert list(zip(part["pathway"], part["outcome"], part["earliest_date"], part["gaps"], strict=True)) == (
            expected(document))


def test_flat_parquet_missing_columns_are_unknown(tmp_path: Path, capsys) -> None:
    """A file written before an additive field existed still reads: the missing column is null (unknown)."""
    frame = frame_from_records([normalise(d) for d in docs()]).drop("pension.months", "household.children")
    frame.write_parquet(tmp_path / "old.parquet")
    assert screen(capsys, tmp_path / "old.parquet", "--as-of", "2026-11-23", "--out", tmp_path / "o.parquet")[0] == 0
    assert pl.read_parquet(tmp_path / "o.parquet").height == len(EXAMPLES) * len(PATHWAYS)


def test_flat_parquet_bad_row_is_reported_and_skipped(tmp_path: Path, capsys) -> None:
    records = [normalise(d) for d in docs()]
    records[1]["residence"] = [{**records[1]["residence"][0], "status": "geduldet"}]
    frame_from_records(records).write_parquet(tmp_path / "flat.parquet")
    code, err = screen(capsys, tmp_path / "flat.parquet", "--as-of", "2026-11-23", "--out", tmp_path / "o.parquet")
    assert code == 1
    assert 'row 2: ungültige Situation / invalid situation at "/residence/0/status"' in err
    assert sorted(set(pl.read_parquet(tmp_path / "o.parquet")["row"])) == [1, 3, 4]


def test_flat_parquet_with_unknown_column_or_wrong_type_is_unusable(tmp_path: Path, capsys) -> None:
    frame = frame_from_records([normalise(d) for d in docs()])
    frame.with_columns(pl.lit(1).alias("wohnort")).write_parquet(tmp_path / "extra.parquet")
    code, err = screen(capsys, tmp_path / "extra.parquet", "--as-of", "2026-11-23", "--out", tmp_path / "o.csv")
    assert code == 2 and "wohnort" in err
    frame.with_columns(pl.lit("viele").alias("pension.months")).write_parquet(tmp_path / "type.parquet")
    code, err = screen(capsys, tmp_path / "type.parquet", "--as-of", "2026-11-23", "--out", tmp_path / "o.csv")
    assert code == 2 and "column type" in err
    assert not (tmp_path / "o.csv").exists()


def test_document_per_row_parquet_input(tmp_path: Path, capsys) -> None:
    texts = [json.dumps(d) for d in docs()]
    pl.DataFrame({"situation": [texts[0], BAD_DATE, *texts[1:]]}).write_parquet(tmp_path / "docs.parquet")
    code, err = screen(capsys, tmp_path / "docs.parquet", "--as-of", "2026-11-23", "--out", tmp_path / "o.parquet")
    assert code == 1
    assert 'row 2: ungültige Situation / invalid situation at "/person/birth_date"' in err
    out = pl.read_parquet(tmp_path / "o.parquet")
    assert sorted(set(out["row"])) == [1, 3, 4, 5]
    assert rows_of(out, 3) == expected(docs()[1])


def test_unusable_invocations_exit_2(tmp_path: Path, capsys) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [json.dumps(d) for d in docs()])
    assert screen(capsys, src, "--as-of", "2026-11-23", "--out", tmp_path / "out.xlsx")[0] == 2
    assert screen(capsys, tmp_path / "nope.jsonl", "--as-of", "2026-11-23", "--out", tmp_path / "o.csv")[0] == 2
    assert main(["screen", str(src), "--out", str(tmp_path / "o.csv")]) == 2  # --as-of is required
    assert main(["screen", str(src), "--as-of", "2026-02-30", "--out", str(tmp_path / "o.csv")]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_all_rows_bad_still_writes_an_empty_result(tmp_path: Path, capsys) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [BAD_DATE, "nonsense"])
    code, err = screen(capsys, src, "--as-of", "2026-11-23", "--out", tmp_path / "o.parquet")
    assert code == 1 and "line 1:" in err and "line 2:" in err
    out = pl.read_parquet(tmp_path / "o.parquet")
    assert out.height == 0 and out.columns == ["row", "person_id", "pathway", "outcome", "earliest_date", "gaps"]


def test_subprocess_without_terminal_prints_no_progress_bar(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [json.dumps(d) for d in docs()])
    done = subprocess.run(
        [sys.executable, "-m", "wegweiser.cli", "screen", str(src), "--as-of", "2026-11-23",
         "--out", str(tmp_path / "o.csv")], cwd=ROOT, capture_output=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert b"\r" not in done.stderr
    assert done.stderr.decode().startswith("screen: 4 assessed, 0 rejected")


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_only_on_a_terminal() -> None:
    tty, pipe = _Tty(), io.StringIO()
    for stream in (tty, pipe):
        bar = Progress(200, stream)
        bar.update(100, 50, force=True)
        bar.clear()
        bar.update(200, 100, force=True)
        bar.close()
    assert pipe.getvalue() == ""
    assert "[" + "#" * 15 + " " * 15 + "]  50.0%  50 rows" in tty.getvalue()
    assert "100.0%" in tty.getvalue() and tty.getvalue().endswith("\n")


def test_check_flat_row_names_partial_dates_and_list_items() -> None:
    family = ROOT / "docs" / "examples" / "situation-family-25b.json"
    record = normalise(json.loads(family.read_text("utf-8")))
    assert check_flat_row(record) is None
    children = [dict(c) for c in record["household.children"]]
    children[1]["birth_date_min"] = date(1850, 1, 1)
    assert '"/household/children/1/birth_date"' in check_flat_row({**record, "household.children": children})
    assert '"/person/id"' in check_flat_row({**record, "person.id": "x" * 65})
