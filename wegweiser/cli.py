"""The ``wegweiser`` command line: the rules engine without Django, for case files and for whole registers.

``wegweiser assess FILE`` explains one situation (``situation/1``) as an ``assessment/1`` document or as text;
``wegweiser screen INPUT`` runs the vectorised evaluator over many situations and writes one row per person
and pathway. Nothing here may import Django (``wegweiser/__init__.py`` loads Celery lazily for that reason),
so the command starts fast and runs where only the rules engine is installed. polars and jsonschema are
imported only by the subcommand that needs them.

Exit codes: 0 success; 1 ``screen`` finished but rejected some rows; 2 unusable input or invocation (with a
message naming the offending field as a JSON pointer, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import polars as pl

EXIT_OK, EXIT_REJECTED_ROWS, EXIT_INVALID = 0, 1, 2
DEFAULT_CHUNK = 50_000


class InputError(Exception):
    """Input that cannot be used; the message is shown as is and the command exits with 2."""


# --- JSON with pointers ----------------------------------------------------------------------------------------


def _escape(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer_at(text: str, pos: int) -> str:
    """The JSON pointer of the value being read at ``pos`` of a (broken) JSON text, as far as it can be told.

    Used for malformed JSON so that the message names a field, not only a line and column."""
    stack: list[list[Any]] = []  # [kind, key-or-index, expecting_key]
    i, last_string = 0, ""
    while i < min(pos, len(text)):
        ch = text[i]
        if ch == '"':
            j, buf = i + 1, []
            while j < len(text) and j < pos and text[j] != '"':
                if text[j] == "\\" and j + 1 < len(text):
                    buf.append(text[j:j + 2])
                    j += 2
                    continue
                buf.append(text[j])
                j += 1
            try:
                last_string = json.loads('"' + "".join(buf) + '"')
            except ValueError:
                last_string = "".join(buf)
            i = j + 1
            continue
        if ch == "{":
            stack.append(["obj", None])
        elif ch == "[":
            stack.append(["arr", 0])
        elif ch in "}]" and stack:
            stack.pop()
        elif ch == ":" and stack and stack[-1][0] == "obj":
            stack[-1][1] = last_string
        elif ch == "," and stack:
            if stack[-1][0] == "arr":
                stack[-1][1] += 1
            else:
                stack[-1][1] = None
        i += 1
    return "".join(f"/{_escape(k)}" for _kind, k in stack if k is not None)


class _Constant:
    """NaN/Infinity read from the text: not JSON, kept as a marker so that its place can be reported."""

    def __init__(self, name: str) -> None:
        self.name = name


def _find_constant(value: Any, path: str = "") -> tuple[str, str] | None:
    if isinstance(value, _Constant):
        return path, value.name
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for k, v in items:
        hit = _find_constant(v, f"{path}/{_escape(k)}")
        if hit is not None:
            return hit
    return None


def parse_json(text: str, one_line: bool = False) -> Any:
    """Strict JSON (no NaN/Infinity); raises InputError naming line, column and JSON pointer.

    ``one_line``: the text is one line of a JSON Lines file, so only the column is given."""
    try:
        document = json.loads(text, parse_constant=_Constant)
    except json.JSONDecodeError as e:
        where = f"column {e.colno}" if one_line else f"line {e.lineno}, column {e.colno}"
        raise InputError(
            f'ungültiges JSON / malformed JSON at "{pointer_at(text, e.pos)}" ({where}): {e.msg}'
        ) from None
    except RecursionError:
        raise InputError('ungültiges JSON / malformed JSON at "": nested too deeply') from None
    try:
        hit = _find_constant(document) if "NaN" in text or "Infinity" in text else None
    except RecursionError:
        hit = ("", "NaN or Infinity")
    if hit is not None:
        raise InputError(f'ungültiges JSON / malformed JSON at "{hit[0]}": {hit[1]} is not a JSON value')
    return document


def _situation_error(err: Any) -> str:
    where = f'"{err.pointer}"' if err.pointer else '"" (document root)'
    return f"ungültige Situation / invalid situation at {where}: {err.message}"


def load_situation(text: str, as_of: date | None) -> tuple[Any, dict[str, Any]]:
    """Parse and check one situation document: the normaliser first (bilingual messages, plausibility
    orders), then the published JSON Schema, so that nothing the schema rejects is ever assessed."""
    from .rules import InvalidSituation
    from .rules.situation import normalise, validate_with_schema

    document = parse_json(text)
    try:
        record = normalise(document, as_of)
        validate_with_schema(document)
    except InvalidSituation as e:
        raise InputError(_situation_error(e)) from None
    return document, record


# --- assess ----------------------------------------------------------------------------------------------------

_OUTCOME = {
    "eligible": ("Voraussetzungen erfüllt", "eligible"),
    "eligible_later": ("später erfüllbar (nur Zeit fehlt)", "eligible later (only time is missing)"),
    "not_eligible": ("nicht erfüllt", "not eligible"),
    "undetermined": ("offen (Angaben oder Bewertungen fehlen)", "undetermined (facts or judgements missing)"),
    "not_in_force": ("Vorschrift gilt am Stichtag nicht", "provision not in force on the date"),
}
_RESULT = {
    "met": ("erfüllt", "met"),
    "not_met": ("nicht erfüllt", "not met"),
    "unknown": ("unbekannt", "unknown"),
    "judgement": ("Bewertung nötig", "judgement needed"),
    "not_applicable": ("nicht anwendbar", "not applicable"),
}
_GAP = {
    "exclusion": ("Ausschluss", "exclusion"),
    "achievement": ("zu erbringen", "to achieve"),
    "evidence": ("Nachweis fehlt", "evidence missing"),
    "judgement": ("Bewertung", "judgement"),
    "time": ("Zeit", "time"),
}
_NATURE = {
    "anspruch": ("Anspruch", "entitlement"),
    "soll": ("Soll-Vorschrift", "'should' provision"),
    "regel": ("Regelerteilung", "granted as a rule"),
    "kann": ("Ermessen", "discretion"),
}
_WORDS = {
    "title": ("Prüfung zum Stichtag", "Assessment on"),
    "person": ("Person", "person"),
    "outcome": ("Ergebnis", "Outcome"),
    "earliest": ("frühestens ab", "earliest date"),
    "nature": ("Rechtsnatur", "Legal nature"),
    "version": ("Fassung", "Law version"),
    "conditions": ("Bedingungen", "Conditions"),
    "alternatives": ("Alternativen (eine genügt)", "Alternatives (one suffices)"),
    "review": ("Prüfhinweis", "Review"),
    "missing": ("Was fehlt (in dieser Reihenfolge)", "What is missing (in this order)"),
    "none": ("nichts", "nothing"),
    "notes": ("Hinweise", "Notes"),
    "disclaimer": ("Hinweis", "Note"),
    "from": ("ab", "from"),
    "until": ("bis", "until"),
    "open": ("offen", "open"),
}


def _w(key: str, lang: str) -> str:
    return _WORDS[key][0 if lang == "de" else 1]


def _pick(pair: tuple[str, str] | dict[str, str], lang: str) -> str:
    if isinstance(pair, dict):
        return pair.get(lang) or pair.get("de", "")
    return pair[0 if lang == "de" else 1]


def _day(iso: str | None, lang: str) -> str:
    from .rules.dates import fmt

    return fmt(None if iso is None else date.fromisoformat(iso), lang)


def render_text(assessment: dict[str, Any], lang: str = "de") -> str:
    """A readable explanation: per pathway the outcome, every condition with citation, result and reason,
    the ordered list of what is missing, and the disclaimer."""
    out: list[str] = []
    head = f"{_w('title', lang)} {_day(assessment['as_of'], lang)}"
    if assessment.get("person_id"):
        head += f" – {_w('person', lang)} {assessment['person_id']}"
    out += [head, f"({assessment['engine_version']}, {assessment['format']})", ""]
    for p in assessment["pathways"]:
        out.append(f"== {p['citation']}: {_pick(p['title'], lang)} [{p['id']}]")
        line = f"{_w('outcome', lang)}: {_pick(_OUTCOME[p['outcome']], lang)}"
        if p["earliest_date"]:
            line += f"; {_w('earliest', lang)} {_day(p['earliest_date'], lang)}"
        out.append(line)
        lv = p["law_version"]
        out.append(
            f"{_w('nature', lang)}: {_pick(_NATURE.get(p['legal_nature'], (p['legal_nature'],) * 2), lang)}; "
            f"{_w('version', lang)} {_w('from', lang)} {_day(lv['valid_from'], lang)} "
            f"{_w('until', lang)} {_day(lv['valid_until'], lang) if lv['valid_until'] else _w('open', lang)}"
        )
        if p["conditions"]:
            out.append(f"{_w('conditions', lang)}:")
            for cd in p["conditions"]:
                out += _render_condition(cd, lang, "  ")
        out.append(f"{_w('missing', lang)}:")
        if not p["missing"]:
            out.append(f"  {_w('none', lang)}")
        for n, gap in enumerate(p["missing"], 1):
            when = f" ({_day(gap['date'], lang)})" if gap.get("date") else ""
            out.append(f"  {n}. [{_pick(_GAP[gap['kind']], lang)}] {_pick(gap['text'], lang)}{when}")
        if p["notes"]:
            out.append(f"{_w('notes', lang)}:")
            out += [f"  - {_pick(note, lang)}" for note in p["notes"]]
        out.append("")
    out.append(f"{_w('disclaimer', lang)}: {_pick(assessment['disclaimer'], lang)}")
    return "\n".join(out) + "\n"


def _render_condition(cd: dict[str, Any], lang: str, indent: str) -> list[str]:
    lines = [
        f"{indent}[{_pick(_RESULT[cd['result']], lang)}] {cd['id']} – {cd['citation']}",
        f"{indent}    {_pick(cd['text'], lang)}",
        f"{indent}    {_pick(cd['reason'], lang)}",
    ]
    for r in cd.get("review") or []:
        lines.append(f"{indent}    {_w('review', lang)}: {r}")
    if cd.get("alternatives"):
        lines.append(f"{indent}    {_w('alternatives', lang)}:")
        for alt in cd["alternatives"]:
            lines += _render_condition(alt, lang, indent + "      ")
    return lines


def _read_text(name: str) -> str:
    try:
        if name == "-":
            return sys.stdin.buffer.read().decode("utf-8-sig")
        return Path(name).read_bytes().decode("utf-8-sig")
    except OSError as e:
        raise InputError(f"kann nicht lesen / cannot read {name}: {e.strerror or e}") from None
    except UnicodeDecodeError as e:
        raise InputError(f'kein UTF-8 / not UTF-8 at "" (byte {e.start}): {name}') from None


def cmd_assess(args: argparse.Namespace) -> int:
    from .rules.engine import assess_record

    _document, record = load_situation(_read_text(args.file), args.as_of)
    assessment = assess_record(record)
    if args.format == "text":
        sys.stdout.write(render_text(assessment, args.lang))
    else:
        sys.stdout.write(json.dumps(assessment, ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


# --- screen ----------------------------------------------------------------------------------------------------


class Progress:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, total: int | None, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.total = total
        self.shown = False
        self.done = 0
        self._last = 0.0

    def update(self, done: int | None, rows: int, force: bool = False) -> None:
        """``done``: units of ``total`` read so far (None: unchanged); ``rows``: rows assessed so far."""
        if done is not None:
            self.done = done
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < 0.2:
            return
        self._last = now
        if self.total:
            frac = min(self.done / self.total, 1.0)
            bar = "#" * int(frac * 30)
            text = f"\r[{bar:<30}] {frac:6.1%}  {rows:,} rows"
        else:
            text = f"\r{rows:,} rows"
        self.stream.write(text)
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.enabled and self.shown:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()
            self.shown = False

    def close(self) -> None:
        if self.enabled and self.shown:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = False


class Screening:
    """One ``screen`` run: reads chunks, reports bad rows, writes the result parts."""

    def __init__(self, as_of: date, out: Path, progress: Progress) -> None:
        self.as_of = as_of
        self.out = out
        self.progress = progress
        self.rejected = 0
        self.assessed = 0

    def reject(self, unit: str, number: int, message: str) -> None:
        self.rejected += 1
        self.progress.clear()
        sys.stderr.write(f"{unit} {number}: {message}\n")

    # -- input ------------------------------------------------------------------------------------------------
    def document_chunks(
        self, lines: Iterator[tuple[int, bytes]], unit: str, size: int
    ) -> Iterator[tuple[list[int], list[dict[str, Any]]]]:
        """Situation documents (JSON text) to checked flat records, in chunks of ``size``."""
        from .rules import InvalidSituation
        from .rules.situation import normalise

        numbers: list[int] = []
        records: list[dict[str, Any]] = []
        for number, raw in lines:
            if not raw.strip():
                continue
            try:
                text = raw.decode("utf-8-sig").rstrip("\r\n")
                records.append(normalise(parse_json(text, one_line=True), self.as_of))
                numbers.append(number)
            except UnicodeDecodeError:
                self.reject(unit, number, 'kein UTF-8 / not UTF-8 at ""')
            except InputError as e:
                self.reject(unit, number, str(e))
            except InvalidSituation as e:
                self.reject(unit, number, _situation_error(e))
            if len(records) >= size:
                yield numbers, records
                numbers, records = [], []
        if records:
            yield numbers, records

    def jsonl_chunks(self, name: str, size: int) -> Iterator[pl.DataFrame]:
        from .rules.vector import frame_from_records

        stream = sys.stdin.buffer if name == "-" else open(name, "rb")  # noqa: SIM115
        try:
            if name != "-":
                self.progress.total = os.fstat(stream.fileno()).st_size

            def lines() -> Iterator[tuple[int, bytes]]:
                done = 0
                for number, raw in enumerate(stream, 1):
                    done += len(raw)
                    self.progress.update(done, self.assessed)
                    yield number, raw

            for numbers, records in self.document_chunks(lines(), "line", size):
                yield self._with_rows(frame_from_records(records), numbers)
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()

    def parquet_chunks(self, name: str, size: int) -> Iterator[pl.DataFrame]:
        import polars as pl

        from .rules.vector import frame_from_records, frame_schema

        try:
            lazy = pl.scan_parquet(name)
            columns = lazy.collect_schema()
            total = lazy.select(pl.len()).collect().item()
        except (OSError, pl.exceptions.PolarsError) as e:
            raise InputError(f"kann Parquet nicht lesen / cannot read Parquet {name}: {e}") from None
        self.progress.total = total
        if list(columns) == ["situation"] and columns["situation"] == pl.String:
            # document per row: one JSON text per row, checked like a JSON Lines file
            for offset in range(0, total, size):
                texts = lazy.slice(offset, size).collect().get_column("situation").to_list()
                numbered = ((offset + i + 1, (t or "null").encode()) for i, t in enumerate(texts))  # null: a bad row
                for numbers, records in self.document_chunks(numbered, "row", size):
                    yield self._with_rows(frame_from_records(records), numbers)
                self.progress.update(offset + len(texts), self.assessed)
            return
        schema = frame_schema()
        unknown = [c for c in columns if c not in schema]
        if unknown:
            raise InputError(
                "unbekannte Spalten / unknown columns (expected the layout of vector.frame_schema() or a single "
                f"column 'situation'): {', '.join(unknown)}"
            )
        for offset in range(0, total, size):
            chunk = lazy.slice(offset, size).collect()
            try:
                chunk = chunk.select([
                    (pl.col(k).cast(dt, strict=True) if k in chunk.columns else pl.lit(None, dtype=dt)).alias(k)
                    for k, dt in schema.items()
                ])
            except pl.exceptions.PolarsError as e:
                raise InputError(f"Spaltentyp passt nicht / column type does not match frame_schema(): {e}") from None
            numbers = list(range(offset + 1, offset + chunk.height + 1))
            keep: list[int] = []
            for i, row in enumerate(chunk.iter_rows(named=True)):
                problem = check_flat_row(row)
                if problem is None:
                    keep.append(i)
                else:
                    self.reject("row", numbers[i], problem)
            if len(keep) < chunk.height:
                chunk = chunk[keep]
                numbers = [numbers[i] for i in keep]
            if chunk.height:
                yield self._with_rows(chunk.with_columns(pl.lit(self.as_of).alias("as_of")), numbers)
            self.progress.update(offset + len(numbers), self.assessed)

    def _with_rows(self, frame: pl.DataFrame, numbers: list[int]) -> pl.DataFrame:
        import polars as pl

        return frame.with_columns(pl.Series("__row", numbers, dtype=pl.Int64))

    # -- evaluate and write -----------------------------------------------------------------------------------
    def run(self, chunks: Iterator[pl.DataFrame]) -> None:
        import polars as pl

        from .rules.vector import screen_frame

        kind = self.out.suffix.lower()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".screen-", dir=self.out.parent) as tmp:
            parts: list[str] = []
            tmp_out = Path(tmp) / ("result" + kind)
            csv = open(tmp_out, "wb") if kind == ".csv" else None  # noqa: SIM115
            try:
                for frame in chunks:
                    rows = frame.get_column("__row")
                    result = screen_frame(frame.drop("__row"), self.as_of)
                    # screen_frame numbers the rows of the chunk 1..n; report the line/row of the input instead
                    result = result.with_columns(pl.lit(rows).gather(pl.col("row") - 1).alias("row"))
                    self.assessed += frame.height
                    self.progress.update(None, self.assessed)
                    if csv is not None:
                        result.write_csv(csv, include_header=not parts)
                        parts.append("csv")
                    else:
                        part = str(Path(tmp) / f"part-{len(parts):06d}.parquet")
                        result.write_parquet(part)
                        parts.append(part)
                if csv is None:
                    if parts:
                        pl.scan_parquet(parts).sink_parquet(tmp_out)
                    else:
                        empty_result().write_parquet(tmp_out)
                elif not parts:
                    empty_result().write_csv(csv)
            finally:
                if csv is not None:
                    csv.close()
            os.replace(tmp_out, self.out)


def empty_result() -> pl.DataFrame:
    """The result layout with no rows (an input without a usable row still gives a well-formed file)."""
    import polars as pl

    from .rules.vector import OUTCOME_DTYPE

    return pl.DataFrame(schema={
        "row": pl.Int64, "person_id": pl.String, "pathway": pl.String, "outcome": OUTCOME_DTYPE,
        "earliest_date": pl.Date, "gaps": pl.Int32,
    })


def check_flat_row(row: dict[str, Any]) -> str | None:
    """Check one row of the flat Parquet layout with the same field rules as the normaliser.

    Returns the message for the first problem (with a JSON pointer into the equivalent document) or None."""
    from .rules import InvalidSituation
    from .rules.situation import FLAT_FIELDS
    from .rules.spec import DateF, ListF, flat_fields

    def ptr(flat_key: str, keys: dict[str, Any] = FLAT_FIELDS) -> str:
        # a partial date is two flat keys (<name>_min, <name>_max) but one field in the document
        for suffix in ("_min", "_max"):
            if flat_key.endswith(suffix) and f"{flat_key[:-4]}_{'max' if suffix == '_min' else 'min'}" in keys:
                flat_key = flat_key[:-4]
        return "/" + "/".join(_escape(p) for p in flat_key.split("."))

    def check(f: Any, value: Any, path: str) -> None:
        if isinstance(f, DateF):
            if value is None:
                if not f.nullable:
                    raise InvalidSituation(path, "darf nicht null sein / must not be null")
            elif not 1900 <= value.year <= 2200:
                raise InvalidSituation(path, f"Datum außerhalb 1900–2200 / date outside 1900–2200: {value}")
            return
        f.check(value, path)

    try:
        for key, f in FLAT_FIELDS.items():
            if key == "as_of":
                continue
            value = row.get(key)
            if key == "format":
                if value is not None:
                    f.check(value, ptr(key))
                continue
            if isinstance(f, ListF):
                if value is None:
                    continue
                if len(value) > f.max_items:
                    raise InvalidSituation(ptr(key), f"höchstens {f.max_items} Einträge / at most {f.max_items} items")
                item_fields = flat_fields(f.item)
                for i, item in enumerate(value):
                    base = f"{ptr(key)}/{i}"
                    for sub, sf in item_fields.items():
                        check(sf, item.get(sub), base + ptr(sub, item_fields))
                    _check_orders(f.item, item, base)
            else:
                check(f, value, ptr(key))
    except InvalidSituation as e:
        return _situation_error(e)
    return None


def _check_orders(spec: Any, item: dict[str, Any], base: str) -> None:
    from .rules import InvalidSituation

    for o in spec.orders:
        a, b = item.get(o.later), item.get(o.earlier)
        if a is not None and b is not None and a < b:
            raise InvalidSituation(f"{base}/{o.later}", f"liegt vor {o.earlier} / lies before {o.earlier}")


def cmd_screen(args: argparse.Namespace) -> int:
    import polars as pl

    out = Path(args.out)
    if out.suffix.lower() not in (".parquet", ".csv"):
        raise InputError(f"Ausgabe muss .parquet oder .csv sein / output must end in .parquet or .csv: {args.out}")
    source = args.input
    is_parquet = args.input_format == "parquet" or (
        args.input_format == "auto" and source.lower().endswith((".parquet", ".pq"))
    )
    if source != "-" and not Path(source).is_file():
        raise InputError(f"kann nicht lesen / cannot read {source}: not a file")
    progress = Progress(None)
    run = Screening(args.as_of, out, progress)
    chunks = run.parquet_chunks(source, args.chunk_size) if is_parquet else run.jsonl_chunks(source, args.chunk_size)
    try:
        run.run(chunks)
    except pl.exceptions.PolarsError as e:
        raise InputError(f"Auswertung fehlgeschlagen / screening failed: {e}") from None
    finally:
        progress.close()
    sys.stderr.write(
        f"screen: {run.assessed} assessed, {run.rejected} rejected, as of {args.as_of.isoformat()} -> {out}\n"
    )
    return EXIT_REJECTED_ROWS if run.rejected else EXIT_OK


# --- main ------------------------------------------------------------------------------------------------------


def _as_of(text: str) -> date:
    from .rules.dates import parse_date

    try:
        d = parse_date(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"kein gültiges Datum / not a valid date YYYY-MM-DD: {text!r}") from None
    if not 1900 <= d.year <= 2200:
        raise argparse.ArgumentTypeError(f"Datum außerhalb 1900–2200 / date outside 1900–2200: {text!r}")
    return d


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"positive whole number expected: {text!r}")
    return n


def build_parser() -> argparse.ArgumentParser:
    from .rules import __version__

    parser = argparse.ArgumentParser(
        prog="wegweiser",
        description="Wegweiser rules engine: assess residence pathways (situation/1 -> assessment/1).",
    )
    parser.add_argument("--version", action="version", version=__version__)
    sub = parser.add_subparsers(dest="command", required=True, metavar="{assess,screen}")

    a = sub.add_parser("assess", help="assess one situation document and explain the result")
    a.add_argument("file", metavar="FILE", help="situation/1 JSON file, or - for standard input")
    a.add_argument("--as-of", type=_as_of, default=None, metavar="YYYY-MM-DD",
                   help="assessment date (overrides as_of in the file)")
    a.add_argument("--format", choices=("json", "text"), default="json",
                   help="json: the assessment/1 document (default); text: a readable explanation")
    a.add_argument("--lang", choices=("de", "en"), default="de", help="language of the text output (default de)")
    a.set_defaults(func=cmd_assess)

    s = sub.add_parser("screen", help="screen many situations (vectorised) into one row per person x pathway")
    s.add_argument("input", metavar="INPUT",
                   help="JSON Lines (one situation/1 per line, - for standard input) or Parquet (.parquet)")
    s.add_argument("--as-of", type=_as_of, required=True, metavar="YYYY-MM-DD", help="assessment date for all rows")
    s.add_argument("--out", required=True, metavar="OUT", help="result file: .parquet or .csv")
    s.add_argument("--input-format", choices=("auto", "jsonl", "parquet"), default="auto",
                   help="auto: by extension (.parquet/.pq is Parquet, anything else JSON Lines)")
    s.add_argument("--chunk-size", type=_positive, default=DEFAULT_CHUNK, metavar="N",
                   help=f"rows per chunk (default {DEFAULT_CHUNK}); bounds the memory used")
    s.set_defaults(func=cmd_screen)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``wegweiser`` script; returns the exit code (argparse errors exit with 2)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else (EXIT_OK if e.code is None else EXIT_INVALID)
    try:
        return args.func(args)
    except InputError as e:
        sys.stderr.write(f"wegweiser {args.command}: {e}\n")
        return EXIT_INVALID
    except KeyboardInterrupt:
        sys.stderr.write("\nabgebrochen / interrupted\n")
        return 130
    except BrokenPipeError:
        # e.g. ``wegweiser assess f.json | head``: the reader went away; not an error of ours
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        except OSError:
            pass
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
