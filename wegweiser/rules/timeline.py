"""Continuous stays: since when has a person been in a qualifying status without interruption?

``Stretch`` takes the periods of a list (e.g. residence periods whose status counts), removes the days
spent abroad, and finds the stretch of covered days that reaches the assessment date: its first day
(``start``), the first day of the gap before it (``gap``) and the first day of the stretch before that gap
(``prev``). Whether that gap was a harmless interruption is for the case worker to judge; ``Since`` in
``conditions`` asks for that judgement.

Both speeds run the same sweep over day boundaries: +1 where a period starts, -1 the day after it ends;
a day is covered when at least one period covers it and no stay abroad does. Items whose predicate is
unknown are tried both ways (counted and not counted); if the answers differ, the stretch is unknown.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from .dates import MAX_DATE, ONE_DAY
from .expr import Ctx, Expr, VCtx, _check_list, lit, wrap

if TYPE_CHECKING:
    import polars as pl


@dataclass(frozen=True)
class StretchValue:
    start: date  # MAX_DATE: the person is not in a qualifying status on the assessment date
    gap: date | None  # first day of the interruption before ``start``
    prev: date | None  # first day of the stretch before that interruption


def sweep(intervals: list[tuple[date, date]], blocks: list[tuple[date, date]], as_of: date) -> StretchValue:
    """Intervals and blocks are inclusive and already clipped to ``as_of``."""
    deltas: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    for f, u in intervals:
        deltas[f][0] += 1
        deltas[u + ONE_DAY][0] -= 1
    for f, u in blocks:
        deltas[f][1] += 1
        deltas[u + ONE_DAY][1] -= 1
    cov = blk = 0
    prev_state = False
    transitions: list[tuple[date, bool]] = []
    for d in sorted(deltas):
        cov += deltas[d][0]
        blk += deltas[d][1]
        state = cov > 0 and blk == 0
        if state != prev_state:
            transitions.append((d, state))
            prev_state = state
    transitions = [t for t in transitions if t[0] <= as_of]
    if not transitions or not transitions[-1][1]:
        return StretchValue(MAX_DATE, None, None)
    start = transitions[-1][0]
    gap = transitions[-2][0] if len(transitions) >= 2 else None
    prev = transitions[-3][0] if len(transitions) >= 3 else None
    return StretchValue(start, gap, prev)


class Stretch(Expr):
    """The current uninterrupted stretch of list ``name`` items for which ``pred`` holds.

    ``start_key``/``end_key`` name the item's first and last day (end null: ongoing). ``blocks`` names a list
    of absences (``left_on``/``returned_on``, returned null: still abroad) that interrupt the stretch, or None.
    """

    memoise = True

    def __init__(
        self, name: str, pred: Any, start_key: str, end_key: str, blocks: str | None = "stays_abroad"
    ) -> None:
        _check_list(name)
        if blocks is not None:
            _check_list(blocks)
        self.name, self.pred, self.start_key, self.end_key, self.blocks = name, wrap(pred), start_key, end_key, blocks

    # --- per person ---
    def _ev(self, c: Ctx) -> StretchValue | None:
        items = c.rec[self.name]
        c.note(self.name, items)
        if items is None:
            return None
        a = c.as_of
        blocks: list[tuple[date, date]] = []
        if self.blocks is not None:
            absences = c.rec[self.blocks]
            c.note(self.blocks, absences)
            if absences is None:
                return None
            for s in absences:
                left, back = s["left_on"], s["returned_on"]
                end = a if back is None else min(back - ONE_DAY, a)
                if left <= a and end >= left:
                    blocks.append((left, end))
        sure: list[tuple[date, date]] = []
        maybe: list[tuple[date, date]] = []
        outer = c.item
        try:
            for it in items:
                c.item = it
                ok = self.pred.ev(c)
                if ok is False:
                    continue
                f, u = it[self.start_key], it[self.end_key]
                u = a if u is None else min(u, a)
                if f is None or f > a or u < f:
                    continue
                (sure if ok else maybe).append((f, u))
        finally:
            c.item = outer
        optimistic = sweep(sure + maybe, blocks, a)
        if not maybe:
            return optimistic
        pessimistic = sweep(sure, blocks, a)
        return optimistic if optimistic == pessimistic else None

    # --- vectorised ---
    def pl(self, v: VCtx) -> pl.Expr:
        import polars as pl

        key = self._key(v)
        if key not in v.preps:
            v.preps[key] = self._prep(v, key)
        return pl.struct(
            known=pl.col(f"{key}_known"), start=pl.col(f"{key}_start"), gap=pl.col(f"{key}_gap"),
            prev=pl.col(f"{key}_prev"),
        )

    def _ok(self, v: VCtx) -> pl.Expr:
        import polars as pl

        outer = v.item_root
        v.item_root = pl.col("__item")
        try:
            return self.pred.pl(v)
        finally:
            v.item_root = outer

    def _key(self, v: VCtx) -> str:
        """Equal definitions share one prepared column set: pathways often ask for the same stretch."""
        import hashlib

        # Subclasses (e.g. a stretch on a fixed day) add attributes; they are part of the definition.
        extra = sorted((k, repr(x)) for k, x in vars(self).items()
                       if k not in ("name", "pred", "start_key", "end_key", "blocks"))
        sig = repr((type(self).__qualname__, extra, self.name, self.start_key, self.end_key, self.blocks,
                    str(self._ok(v))))
        return "stretch" + hashlib.sha256(sig.encode()).hexdigest()[:16]

    def _prep(self, v: VCtx, key: str):
        import polars as pl

        a = v.as_of
        ok = self._ok(v)
        name, sk, ek, blocks = self.name, self.start_key, self.end_key, self.blocks
        exploded = v.exploded

        def explode(df: pl.DataFrame, column: str) -> pl.DataFrame:
            # All preparations of one evaluation see the same rows, so each list is exploded once.
            if column not in exploded:
                exploded[column] = (
                    df.select("__pid", pl.col(column).alias("__item")).explode("__item")
                    .filter(pl.col("__item").is_not_null())
                )
            return exploded[column]

        def prep(df: pl.DataFrame) -> pl.DataFrame:
            items = (
                explode(df, name)
                .select(
                    "__pid",
                    ok.alias("ok"),
                    pl.col("__item").struct.field(sk).alias("f"),
                    pl.min_horizontal(pl.col("__item").struct.field(ek).fill_null(lit(a)), lit(a)).alias("u"),
                )
                .filter(pl.col("f").is_not_null() & (pl.col("f") <= lit(a)) & (pl.col("u") >= pl.col("f")))
                .filter(pl.col("ok").is_null() | pl.col("ok"))
            )
            frames = [items.select("__pid", "f", "u", pl.col("ok").is_null().alias("maybe"), pl.lit(0).alias("kind"))]
            if blocks is not None:
                ab = (
                    explode(df, blocks)
                    .select(
                        "__pid",
                        pl.col("__item").struct.field("left_on").alias("f"),
                        pl.when(pl.col("__item").struct.field("returned_on").is_null()).then(lit(a))
                        .otherwise(pl.min_horizontal(
                            pl.col("__item").struct.field("returned_on") - pl.duration(days=1), lit(a)))
                        .alias("u"),
                    )
                    .filter((pl.col("f") <= lit(a)) & (pl.col("u") >= pl.col("f")))
                    .select("__pid", "f", "u", pl.lit(False).alias("maybe"), pl.lit(1).alias("kind"))
                )
                frames.append(ab)
            ev = pl.concat(frames, how="vertical_relaxed")
            optimistic = _sweep_frame(ev, a, "o")
            # The sweep without the unknown items only matters for persons who have such items (usually few).
            maybe_pids = items.filter(pl.col("ok").is_null()).select("__pid").unique()
            pessimistic = _sweep_frame(
                ev.filter(~pl.col("maybe")).join(maybe_pids, on="__pid", how="semi"), a, "p")
            has_maybe = maybe_pids.with_columns(pl.lit(True).alias("has_maybe"))
            res = (
                df.select("__pid")
                .join(optimistic, on="__pid", how="left", maintain_order="left")
                .join(pessimistic, on="__pid", how="left", maintain_order="left")
                .join(has_maybe, on="__pid", how="left", maintain_order="left")
            )
            o_start = pl.col("o_start").fill_null(lit(MAX_DATE))
            same = (
                o_start.eq_missing(pl.col("p_start").fill_null(lit(MAX_DATE)))
                & pl.col("o_gap").eq_missing(pl.col("p_gap"))
                & pl.col("o_prev").eq_missing(pl.col("p_prev"))
            )
            res = res.select(
                (~pl.col("has_maybe").fill_null(False) | same).alias(f"{key}_known"),
                o_start.alias(f"{key}_start"),
                pl.col("o_gap").alias(f"{key}_gap"),
                pl.col("o_prev").alias(f"{key}_prev"),
            )
            listed = pl.col(name).is_not_null()
            if blocks is not None:
                listed = listed & pl.col(blocks).is_not_null()
            return df.hstack(res.get_columns()).with_columns((listed & pl.col(f"{key}_known")).alias(f"{key}_known"))

        return prep


def _sweep_frame(ev: pl.DataFrame, as_of: date, prefix: str) -> pl.DataFrame:
    """The sweep of ``sweep`` over a long frame of intervals (kind 0 period, 1 block) of many persons."""
    import polars as pl

    deltas = pl.concat([
        ev.select("__pid", pl.col("f").alias("d"), pl.when(pl.col("kind") == 0).then(1).otherwise(0).alias("dc"),
                  pl.when(pl.col("kind") == 1).then(1).otherwise(0).alias("db")),
        ev.select("__pid", (pl.col("u") + pl.duration(days=1)).alias("d"),
                  pl.when(pl.col("kind") == 0).then(-1).otherwise(0).alias("dc"),
                  pl.when(pl.col("kind") == 1).then(-1).otherwise(0).alias("db")),
    ])
    # One sort on a single integer key (person, day) instead of a group-by and a two-column sort.
    order = (pl.col("__pid").cast(pl.Int64) * (1 << 32)) + (pl.col("d").cast(pl.Int32).cast(pl.Int64) + (1 << 31))
    same_day_next = (pl.col("__pid") == pl.col("__pid").shift(-1)) & (pl.col("d") == pl.col("d").shift(-1))
    t = (
        deltas.sort(order)
        # Every interval adds +1 and -1, so each person's deltas sum to 0: a running sum over the whole sorted
        # frame equals the running sum per person, without the (much slower) window per person. The state of
        # a day is the one after its last delta.
        .with_columns(pl.col("dc").cum_sum().alias("c"), pl.col("db").cum_sum().alias("b"))
        .filter(same_day_next.not_().fill_null(True))
        .with_columns(((pl.col("c") > 0) & (pl.col("b") == 0)).alias("cov"))
        .with_columns(
            pl.when(pl.col("__pid") == pl.col("__pid").shift(1)).then(pl.col("cov").shift(1)).otherwise(False)
            .alias("was")
        )
        .filter((pl.col("cov") != pl.col("was")) & (pl.col("d") <= lit(as_of)))
        # still sorted: the last three changes of coverage of a person are this row and the one or two before
        # it (if they belong to the same person); the person's last row carries them
        .with_columns(
            pl.when(pl.col("__pid") == pl.col("__pid").shift(1)).then(pl.col("d").shift(1)).alias("d1"),
            pl.when(pl.col("__pid") == pl.col("__pid").shift(2)).then(pl.col("d").shift(2)).alias("d2"),
        )
        .filter((pl.col("__pid") != pl.col("__pid").shift(-1)).fill_null(True))
    )
    return t.select(
        "__pid",
        pl.when(pl.col("cov")).then(pl.col("d")).otherwise(lit(MAX_DATE)).alias(f"{prefix}_start"),
        pl.when(pl.col("cov")).then(pl.col("d1")).otherwise(None).alias(f"{prefix}_gap"),
        pl.when(pl.col("cov")).then(pl.col("d2")).otherwise(None).alias(f"{prefix}_prev"),
    )


class Part(Expr):
    """One part of a stretch: ``known`` (bool), ``start``, ``gap`` or ``prev`` (dates)."""

    def __init__(self, stretch: Stretch, part: str) -> None:
        self.stretch, self.part = stretch, part

    def _ev(self, c: Ctx) -> Any:
        value = self.stretch.ev(c)
        if self.part == "known":
            return value is not None
        return None if value is None else getattr(value, self.part)

    def pl(self, v: VCtx) -> pl.Expr:
        import polars as pl

        s = self.stretch.pl(v)
        if self.part == "known":
            return s.struct.field("known").fill_null(False)
        return pl.when(s.struct.field("known").fill_null(False)).then(s.struct.field(self.part)).otherwise(None)
