"""Vectorised screening (the second speed): the same conditions compiled to polars over many persons.

The frame has one row per person and one column per key of the flat record (``situation.FLAT_FIELDS``);
lists are list-of-struct columns. This is also the Parquet layout ``wegweiser screen`` reads.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl

from .conditions import CODE, JUDGEMENT, MET, NA, NOT_MET, UNKNOWN
from .dates import MAX_DATE
from .expr import VCtx, lit
from .pathway import AnyOf, Pathway
from .situation import FLAT_FIELDS
from .spec import BoolF, ConstF, DateF, Field, IntF, ListF, NumF, StrF, flat_fields

OUTCOME_DTYPE = pl.Enum(["eligible", "eligible_later", "not_eligible", "undetermined", "not_in_force"])


def _dtype(f: Field) -> pl.DataType:
    if isinstance(f, DateF):
        return pl.Date()
    if isinstance(f, StrF | ConstF):
        return pl.String()
    if isinstance(f, BoolF):
        return pl.Boolean()
    if isinstance(f, IntF):
        return pl.Int64()
    if isinstance(f, NumF):
        return pl.Float64()
    if isinstance(f, ListF):
        return pl.List(pl.Struct({k: _dtype(sub) for k, sub in flat_fields(f.item).items()}))
    raise TypeError(f)


def frame_schema() -> dict[str, pl.DataType]:
    return {k: _dtype(f) for k, f in FLAT_FIELDS.items()}


def frame_from_records(records: list[dict[str, Any]]) -> pl.DataFrame:
    """Flat records (from ``situation.normalise``) to the screening frame."""
    return pl.DataFrame(records, schema=frame_schema())


#: Gap kinds the person can close (achieve something, or prove it) — not exclusions, time or judgements.
ACHIEVABLE_KINDS = ("achievement", "evidence")


def compile_pathway(p: Pathway, v: VCtx) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    """Outcome, earliest date and number of gaps of one pathway as polars expressions."""
    return _compile(p, v)[:3]


def _compile(p: Pathway, v: VCtx) -> tuple[pl.Expr, pl.Expr, pl.Expr, pl.Expr]:
    """``compile_pathway`` plus the number of achievable gaps, counted as ``engine._gap`` names their kind:
    unknown is ``evidence``; a failure that is not a time gap is the condition's ``on_fail``, or an
    ``exclusion`` when a deadline made it fail."""
    if not p.in_force_on(v.as_of):
        zero = pl.lit(0, dtype=pl.Int32)
        return lit("not_in_force"), pl.lit(None, dtype=pl.Date), zero, zero
    a = lit(v.as_of)
    from .conditions import mat_value

    vals = [mat_value(v, node.pl(v)) for node in p.live_conditions(v.as_of)]
    codes = [x[0] for x in vals]
    froms = [x[1] for x in vals]
    times = [(c == CODE[NOT_MET]) & f.is_not_null() & (f > a) & (f < lit(MAX_DATE)) for c, f in zip(codes, froms, strict=True)]
    times = [v.mat(t) for t in times]
    earliest = v.mat(pl.max_horizontal([a] + [pl.when(t).then(f) for t, f in zip(times, froms, strict=True)]))
    final_codes = []
    deads = []
    for (c, _f, until, until_hi) in vals:
        dead = c.is_in([CODE[MET], CODE[UNKNOWN], CODE[JUDGEMENT]]) & (until < earliest) & (earliest > a)
        deads.append(dead)
        final_codes.append(v.mat(
            pl.when(dead & (until_hi < earliest)).then(lit(CODE[NOT_MET]).cast(pl.Int8))
            .when(dead).then(lit(CODE[UNKNOWN]).cast(pl.Int8))
            .otherwise(c)
        ))
    fail = pl.any_horizontal([(c == CODE[NOT_MET]) & ~t for c, t in zip(final_codes, times, strict=True)])
    undecided = pl.any_horizontal([c.is_in([CODE[UNKNOWN], CODE[JUDGEMENT]]) for c in final_codes])
    any_time = pl.any_horizontal(times)
    outcome = (
        pl.when(fail).then(lit("not_eligible"))
        .when(undecided).then(lit("undetermined"))
        .when(any_time).then(lit("eligible_later"))
        .otherwise(lit("eligible"))
    )
    earliest_date = pl.when(fail).then(None).otherwise(earliest)
    gaps = pl.sum_horizontal([(~c.is_in([CODE[MET], CODE[NA]])).cast(pl.Int32) for c in final_codes])
    nodes = p.live_conditions(v.as_of)
    achievable = pl.sum_horizontal([
        ((c == CODE[UNKNOWN]) | ((c == CODE[NOT_MET]) & ~t & ~dead) if node.on_fail in ACHIEVABLE_KINDS
         else c == CODE[UNKNOWN]).cast(pl.Int32)
        for node, c, t, dead in zip(nodes, final_codes, times, deads, strict=True)
    ])
    return outcome, earliest_date, gaps, achievable


def evaluate_frame(df: pl.DataFrame, as_of: date, pathways: list[Pathway] | None = None, *,
                   achievable: bool = False) -> pl.DataFrame:
    """Wide result: per pathway ``<id>.outcome``, ``<id>.earliest_date``, ``<id>.gaps`` (and with ``achievable``
    ``<id>.achievable_gaps``: gaps of the kinds achievement and evidence); row order kept."""
    from .pathways import PATHWAYS

    chosen = list(PATHWAYS.values()) if pathways is None else pathways
    v = VCtx(as_of)
    exprs: list[pl.Expr] = []
    for p in chosen:
        outcome, earliest, gaps, reachable = _compile(p, v)
        exprs += [
            outcome.cast(OUTCOME_DTYPE).alias(f"{p.id}.outcome"),
            earliest.cast(pl.Date).alias(f"{p.id}.earliest_date"),
            gaps.cast(pl.Int32).alias(f"{p.id}.gaps"),
        ]
        if achievable:
            exprs.append(reachable.cast(pl.Int32).alias(f"{p.id}.achievable_gaps"))
    work = df.with_row_index("__pid")
    for prep in v.preps.values():
        work = prep(work)
    v.exploded.clear()
    stages = v.stages()
    # Intermediate columns are dropped after the last stage that reads them: kept to the end, the ~2000
    # hidden columns of all pathways would need several GB for a million persons.
    last_use: dict[str, int] = {}
    for i, stage in enumerate(stages):
        for e in stage:
            for name in e.meta.root_names():
                last_use[name] = i
    for e in exprs:
        for name in e.meta.root_names():
            last_use[name] = len(stages)
    own = set(df.columns) | {"__pid"}
    for i, stage in enumerate(stages):
        work = work.with_columns(stage)
        done = [c for c in work.columns if c not in own and last_use.get(c, -1) <= i]
        if done:
            work = work.drop(done)
    return work.select(exprs)


def screen_frame(df: pl.DataFrame, as_of: date, pathways: list[Pathway] | None = None) -> pl.DataFrame:
    """Long result: one row per person × pathway with outcome, earliest date and number of gaps."""
    from .pathways import PATHWAYS

    chosen = list(PATHWAYS.values()) if pathways is None else pathways
    wide = evaluate_frame(df, as_of, chosen)
    ids = df.get_column("person.id") if "person.id" in df.columns else pl.Series([None] * df.height, dtype=pl.String)
    parts = []
    for p in chosen:
        parts.append(pl.DataFrame({
            "row": pl.int_range(1, df.height + 1, eager=True),
            "person_id": ids,
            "pathway": pl.Series([p.id] * df.height, dtype=pl.String),
            "outcome": wide.get_column(f"{p.id}.outcome"),
            "earliest_date": wide.get_column(f"{p.id}.earliest_date"),
            "gaps": wide.get_column(f"{p.id}.gaps"),
        }))
    return pl.concat(parts).sort("row", maintain_order=True)


__all__ = ["ACHIEVABLE_KINDS", "AnyOf", "compile_pathway", "evaluate_frame", "frame_from_records", "frame_schema", "screen_frame"]
