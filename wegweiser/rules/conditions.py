"""Conditions: what a provision requires, each defined once and evaluated at both speeds.

A condition has a *test* that yields a result on the assessment date (met, not_met, unknown, judgement,
not_applicable) plus two dates: ``met_from`` (when it is or will be met; MIN_DATE for "no time element",
MAX_DATE for "never, assuming the current status continues") and ``met_until`` (when it stops being
possible, e.g. the day before the 27th birthday; ``until_hi`` is the latest such day when the birth date
is only partly known). A "time" shortfall is a not_met condition whose ``met_from`` lies in the future.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from .dates import MAX_DATE, MIN_DATE, add_months
from .expr import Ctx, Expr, Judged, VCtx, lit, wrap
from .timeline import Part, Stretch

if TYPE_CHECKING:
    import polars as pl

MET, NOT_MET, UNKNOWN, JUDGEMENT, NA = "met", "not_met", "unknown", "judgement", "not_applicable"
CODE = {MET: 0, NOT_MET: 1, UNKNOWN: 2, JUDGEMENT: 3, NA: 4}
STATUS = {v: k for k, v in CODE.items()}


@dataclass
class Value:
    """A test's answer for one person."""

    status: str
    met_from: date | None = None
    met_until: date = MAX_DATE
    until_hi: date = MAX_DATE
    detail: dict[str, Any] = field(default_factory=dict)


#: Polars form of a Value: status code (Int8), met_from, met_until, until_hi.
PlValue = tuple["pl.Expr", "pl.Expr", "pl.Expr", "pl.Expr"]


def mat_value(v: VCtx, value: PlValue) -> PlValue:
    """Materialise the four parts of a value (see ``VCtx.mat``)."""
    return tuple(v.mat(x) for x in value)  # type: ignore[return-value]


def _pl_value(code: Any, met_from: Any, until: Any = None, until_hi: Any = None) -> PlValue:
    import polars as pl

    def as_expr(x: Any) -> pl.Expr:
        return x if isinstance(x, pl.Expr) else lit(x)

    return (
        as_expr(code).cast(pl.Int8),
        as_expr(met_from).cast(pl.Date),
        as_expr(MAX_DATE if until is None else until).cast(pl.Date),
        as_expr(MAX_DATE if until_hi is None else until_hi).cast(pl.Date),
    )


class Test:
    """How a condition is decided."""

    time = False  # True: shows ``met_from`` and can produce a time gap

    def ev(self, c: Ctx) -> Value:
        raise NotImplementedError

    def pl(self, v: VCtx) -> PlValue:
        raise NotImplementedError


class Holds(Test):
    """A three-valued statement about the assessment date."""

    def __init__(self, expr: Any) -> None:
        self.expr = wrap(expr)

    def ev(self, c: Ctx) -> Value:
        b = self.expr.ev(c)
        if b is None:
            return Value(UNKNOWN)
        return Value(MET, MIN_DATE) if b else Value(NOT_MET, MAX_DATE)

    def pl(self, v: VCtx) -> PlValue:
        import polars as pl

        b = v.mat(self.expr.pl(v))
        code = pl.when(b).then(CODE[MET]).when(b.not_()).then(CODE[NOT_MET]).otherwise(CODE[UNKNOWN])
        met_from = pl.when(b).then(lit(MIN_DATE)).when(b.not_()).then(lit(MAX_DATE)).otherwise(None)
        return _pl_value(code, met_from)


class Cases(Test):
    """The first guard that is true decides; an unknown guard makes the result unknown."""

    def __init__(self, *cases: tuple[Any, str], otherwise: str = NOT_MET) -> None:
        self.cases = tuple((wrap(g), s) for g, s in cases)
        self.otherwise = otherwise

    @staticmethod
    def _value(status: str) -> Value:
        return Value(status, MIN_DATE if status == MET else MAX_DATE if status == NOT_MET else None)

    def ev(self, c: Ctx) -> Value:
        for guard, status in self.cases:
            g = guard.ev(c)
            if g is None:
                return Value(UNKNOWN)
            if g:
                return self._value(status)
        return self._value(self.otherwise)

    def pl(self, v: VCtx) -> PlValue:
        import polars as pl

        code: Any = None
        met_from: Any = None
        for guard, status in self.cases:
            g = v.mat(guard.pl(v))
            val = self._value(status)
            if code is None:
                code = pl.when(g.is_null()).then(CODE[UNKNOWN]).when(g).then(CODE[status])
                met_from = pl.when(g.is_null()).then(None).when(g).then(lit(val.met_from))
            else:
                code = code.when(g.is_null()).then(CODE[UNKNOWN]).when(g).then(CODE[status])
                met_from = met_from.when(g.is_null()).then(None).when(g).then(lit(val.met_from))
        last = self._value(self.otherwise)
        return _pl_value(code.otherwise(CODE[self.otherwise]), met_from.otherwise(lit(last.met_from)))


class From(Test):
    """Met from a date on (e.g. the 14th birthday). ``start_lo`` is the earliest possible such date when a
    fact is only partly known; between the two the result is unknown."""

    time = True

    def __init__(self, start: Expr, start_lo: Expr | None = None) -> None:
        self.start, self.start_lo = start, start_lo

    def ev(self, c: Ctx) -> Value:
        a = c.as_of
        s = self.start.ev(c)
        lo = s if self.start_lo is None else self.start_lo.ev(c)
        if s is None or lo is None:
            return Value(UNKNOWN)
        if s <= a:
            return Value(MET, s)
        if lo <= a:
            return Value(UNKNOWN, s)
        return Value(NOT_MET, s)

    def pl(self, v: VCtx) -> PlValue:
        import polars as pl

        a = lit(v.as_of)
        s = v.mat(self.start.pl(v))
        lo = s if self.start_lo is None else v.mat(self.start_lo.pl(v))
        code = (
            pl.when(s.is_null() | lo.is_null()).then(CODE[UNKNOWN])
            .when(s <= a).then(CODE[MET])
            .when(lo <= a).then(CODE[UNKNOWN])
            .otherwise(CODE[NOT_MET])
        )
        met_from = pl.when(s.is_null() | lo.is_null()).then(None).otherwise(s)
        return _pl_value(code, met_from)


class Until(Test):
    """Met up to and including a date (e.g. the day before the 27th birthday); ``end_hi`` is the latest
    possible such date when a fact is only partly known."""

    time = True

    def __init__(self, end: Expr, end_hi: Expr | None = None) -> None:
        self.end, self.end_hi = end, end_hi

    def ev(self, c: Ctx) -> Value:
        a = c.as_of
        e = self.end.ev(c)
        hi = e if self.end_hi is None else self.end_hi.ev(c)
        if e is not None and a <= e:
            return Value(MET, MIN_DATE, e, MAX_DATE if hi is None else hi)
        if hi is not None and a > hi:
            return Value(NOT_MET, MAX_DATE)
        return Value(UNKNOWN)

    def pl(self, v: VCtx) -> PlValue:
        import polars as pl

        a = lit(v.as_of)
        e = v.mat(self.end.pl(v))
        hi = e if self.end_hi is None else v.mat(self.end_hi.pl(v))
        ok = e.is_not_null() & (a <= e)
        passed = hi.is_not_null() & (a > hi)
        code = pl.when(ok).then(CODE[MET]).when(passed).then(CODE[NOT_MET]).otherwise(CODE[UNKNOWN])
        met_from = pl.when(ok).then(lit(MIN_DATE)).when(passed).then(lit(MAX_DATE)).otherwise(None)
        until = pl.when(ok).then(e).otherwise(lit(MAX_DATE))
        until_hi = pl.when(ok).then(hi.fill_null(lit(MAX_DATE))).otherwise(lit(MAX_DATE))
        return _pl_value(code, met_from, until, until_hi)


class Switch(Test):
    """One of two tests, chosen by a three-valued guard (unknown guard: unknown)."""

    def __init__(self, guard: Expr, if_true: Test, if_false: Test) -> None:
        self.guard, self.if_true, self.if_false = guard, if_true, if_false
        self.time = if_true.time or if_false.time

    def ev(self, c: Ctx) -> Value:
        g = self.guard.ev(c)
        if g is None:
            return Value(UNKNOWN)
        return self.if_true.ev(c) if g else self.if_false.ev(c)

    def pl(self, v: VCtx) -> PlValue:
        import polars as pl

        g = v.mat(self.guard.pl(v))
        t, f = mat_value(v, self.if_true.pl(v)), mat_value(v, self.if_false.pl(v))
        out = []
        for i, (x, y) in enumerate(zip(t, f, strict=True)):
            unknown = lit(CODE[UNKNOWN]) if i == 0 else (None if i == 1 else lit(MAX_DATE))
            out.append(pl.when(g.is_null()).then(unknown).when(g).then(x).otherwise(y))
        return _pl_value(*out)


class Since(Test):
    """Uninterrupted for ``n`` years (``unit`` 12) or months (``unit`` 1) up to the assessment date.

    If the stretch does not reach far enough but the gap before it lasted at most
    ``aufenthg.harmless_interruption_months``, the case worker's judgement ``harmless_interruption``
    decides whether the earlier stretch counts too (once). Without a judgement the result is ``judgement``
    where it would matter today; for a later date the engine assumes nothing and uses the stretch alone.
    """

    time = True

    def __init__(self, stretch: Stretch, n: int | str, unit: int, bridge: Judged | None) -> None:
        self.stretch, self.n, self.unit, self.bridge = stretch, n, unit, bridge
        self.start, self.gap, self.prev = Part(stretch, "start"), Part(stretch, "gap"), Part(stretch, "prev")
        self.known = Part(stretch, "known")

    def _months(self, v: Ctx | VCtx) -> int:
        return (v.param(self.n) if isinstance(self.n, str) else self.n) * self.unit

    def ev(self, c: Ctx) -> Value:
        a = c.as_of
        if not self.known.ev(c):
            return Value(UNKNOWN)
        start, gap, prev = self.start.ev(c), self.gap.ev(c), self.prev.ev(c)
        detail: dict[str, Any] = {"since": start}
        if start == MAX_DATE:
            return Value(NOT_MET, MAX_DATE, detail={"since": None})
        months = self._months(c)
        t0 = add_months(start, months)
        if t0 <= a:
            return Value(MET, t0, detail=detail)
        if self.bridge is not None and gap is not None and prev is not None:
            harmless_months = c.param("aufenthg.harmless_interruption_months")
            if start <= add_months(gap, harmless_months):
                t1 = add_months(prev, months)
                detail.update(gap=gap, gap_end=start, prev=prev, bridged=t1)
                j = self.bridge.ev(c)
                detail["judgement"] = j
                if j == "positive":
                    return Value(MET if t1 <= a else NOT_MET, t1, detail=detail)
                if j == "none" and t1 <= a:
                    return Value(JUDGEMENT, t1, detail=detail)
        return Value(NOT_MET, t0, detail=detail)

    def pl(self, v: VCtx) -> PlValue:
        import polars as pl

        from .expr import pl_add_months

        a = lit(v.as_of)
        known, start, gap, prev = (v.mat(x.pl(v)) for x in (self.known, self.start, self.gap, self.prev))
        months = self._months(v)
        t0 = v.mat(pl_add_months(start, months))
        code_unknown = pl.when(known.not_()).then(CODE[UNKNOWN])
        if self.bridge is not None:
            harmless = v.param("aufenthg.harmless_interruption_months")
            t1 = v.mat(pl_add_months(prev, months))
            bridgeable = v.mat(gap.is_not_null() & prev.is_not_null() & (start <= pl_add_months(gap, harmless)))
            j = self.bridge.pl(v)
            code = (
                code_unknown
                .when(start == lit(MAX_DATE)).then(CODE[NOT_MET])
                .when(t0 <= a).then(CODE[MET])
                .when(bridgeable & (j == "positive") & (t1 <= a)).then(CODE[MET])
                .when(bridgeable & (j == "positive")).then(CODE[NOT_MET])
                .when(bridgeable & (j == "none") & (t1 <= a)).then(CODE[JUDGEMENT])
                .otherwise(CODE[NOT_MET])
            )
            met_from = (
                pl.when(known.not_()).then(None)
                .when(start == lit(MAX_DATE)).then(lit(MAX_DATE))
                .when(t0 <= a).then(t0)
                .when(bridgeable & (j == "positive")).then(t1)
                .when(bridgeable & (j == "none") & (t1 <= a)).then(t1)
                .otherwise(t0)
            )
        else:
            code = code_unknown.when(t0 <= a).then(CODE[MET]).otherwise(CODE[NOT_MET])
            met_from = pl.when(known.not_()).then(None).otherwise(t0)
        return _pl_value(code, met_from)


class JudgementTest(Test):
    """Decided by the case worker's recorded judgement; the engine never decides it itself."""

    def __init__(self, judged: Judged, positive: str = MET, negative: str = NOT_MET, missing: str = JUDGEMENT) -> None:
        self.judged, self.positive, self.negative, self.missing = judged, positive, negative, missing

    def ev(self, c: Ctx) -> Value:
        j = self.judged.ev(c)
        status = self.missing if j == "none" else self.positive if j == "positive" else self.negative
        return Cases._value(status)

    def pl(self, v: VCtx) -> PlValue:
        import polars as pl

        j = self.judged.pl(v)
        vals = {s: Cases._value(s) for s in (self.positive, self.negative, self.missing)}
        code = (
            pl.when(j == "none").then(CODE[self.missing])
            .when(j == "positive").then(CODE[self.positive])
            .otherwise(CODE[self.negative])
        )
        met_from = (
            pl.when(j == "none").then(lit(vals[self.missing].met_from))
            .when(j == "positive").then(lit(vals[self.positive].met_from))
            .otherwise(lit(vals[self.negative].met_from))
        )
        return _pl_value(code, met_from)


# --- combining values -------------------------------------------------------------------------------------


def time_gap(v: Value, as_of: date) -> bool:
    return v.status == NOT_MET and v.met_from is not None and as_of < v.met_from < MAX_DATE


def combine_all(values: list[Value], as_of: date) -> Value:
    """All must hold: a real failure wins, then unknown, then judgement; otherwise the latest start and the
    earliest end (an empty window fails, or is unknown if only a partly known fact makes it empty)."""
    detail: dict[str, Any] = {}
    for v in values:
        detail.update(v.detail)
    if any(v.status == NOT_MET and not time_gap(v, as_of) for v in values):
        return Value(NOT_MET, MAX_DATE, detail=detail)
    for status in (UNKNOWN, JUDGEMENT):
        if any(v.status == status for v in values):
            return Value(status, detail=detail)
    start = max(v.met_from for v in values)  # type: ignore[type-var]
    until = min(v.met_until for v in values)
    until_hi = min(v.until_hi for v in values)
    if start > until:
        return Value(NOT_MET, MAX_DATE, detail=detail) if start > until_hi else Value(UNKNOWN, detail=detail)
    return Value(MET if start <= as_of else NOT_MET, start, until, until_hi, detail)


def pl_combine_all(vals: list[PlValue], as_of: date) -> PlValue:
    import polars as pl

    a = lit(as_of)
    fail = pl.any_horizontal([
        (c == CODE[NOT_MET]) & ~(f.is_not_null() & (f > a) & (f < lit(MAX_DATE))) for c, f, _u, _h in vals
    ])
    unknown = pl.any_horizontal([c == CODE[UNKNOWN] for c, *_ in vals])
    judgement = pl.any_horizontal([c == CODE[JUDGEMENT] for c, *_ in vals])
    start = pl.max_horizontal([f for _c, f, _u, _h in vals])
    until = pl.min_horizontal([u for _c, _f, u, _h in vals])
    until_hi = pl.min_horizontal([h for _c, _f, _u, h in vals])
    empty = start > until
    code = (
        pl.when(fail).then(CODE[NOT_MET])
        .when(unknown).then(CODE[UNKNOWN])
        .when(judgement).then(CODE[JUDGEMENT])
        .when(empty & (start > until_hi)).then(CODE[NOT_MET])
        .when(empty).then(CODE[UNKNOWN])
        .when(start <= a).then(CODE[MET])
        .otherwise(CODE[NOT_MET])
    )
    decided = ~fail & ~unknown & ~judgement & ~empty
    met_from = (
        pl.when(fail | (empty & (start > until_hi) & ~unknown & ~judgement)).then(lit(MAX_DATE))
        .when(decided).then(start)
        .otherwise(None)
    )
    return _pl_value(
        code, met_from,
        pl.when(decided).then(until).otherwise(lit(MAX_DATE)),
        pl.when(decided).then(until_hi).otherwise(lit(MAX_DATE)),
    )


def combine_any(values: list[Value], as_of: date) -> tuple[Value, int | None]:
    """One must hold: met (earliest start) wins, then unknown, then judgement, then the earliest time gap.
    Returns the combined value and the index of the deciding alternative."""
    live = [(i, x) for i, x in enumerate(values) if x.status != NA]
    if not live:
        return Value(NA), None
    met = [(i, x) for i, x in live if x.status == MET]
    if met:
        i, x = min(met, key=lambda t: t[1].met_from)  # type: ignore[arg-type, return-value]
        return Value(MET, x.met_from, x.met_until, x.until_hi, x.detail), i
    for status in (UNKNOWN, JUDGEMENT):
        hits = [(i, x) for i, x in live if x.status == status]
        if hits:
            return Value(status, detail=hits[0][1].detail), hits[0][0]
    timed = [(i, x) for i, x in live if time_gap(x, as_of)]
    if timed:
        i, x = min(timed, key=lambda t: t[1].met_from)  # type: ignore[arg-type, return-value]
        return Value(NOT_MET, x.met_from, x.met_until, x.until_hi, x.detail), i
    return Value(NOT_MET, MAX_DATE, detail=live[0][1].detail), live[0][0]


def pl_combine_any(vals: list[PlValue], as_of: date) -> PlValue:
    import polars as pl

    a = lit(as_of)
    has = {s: pl.any_horizontal([c == CODE[s] for c, *_ in vals]) for s in (MET, UNKNOWN, JUDGEMENT)}
    all_na = pl.all_horizontal([c == CODE[NA] for c, *_ in vals])
    met_masks = [c == CODE[MET] for c, *_ in vals]
    timed = [(c == CODE[NOT_MET]) & f.is_not_null() & (f > a) & (f < lit(MAX_DATE)) for c, f, _u, _h in vals]
    from_met = pl.min_horizontal([pl.when(m).then(f) for m, (_c, f, _u, _h) in zip(met_masks, vals, strict=True)])
    from_timed = pl.min_horizontal([pl.when(t).then(f) for t, (_c, f, _u, _h) in zip(timed, vals, strict=True)])
    any_timed = pl.any_horizontal(timed)

    def pick(chosen: pl.Expr, masks: list[pl.Expr], k: int) -> pl.Expr:
        out: Any = None
        for m, val in zip(masks, vals, strict=True):
            cond = m & (val[1] == chosen)
            out = pl.when(cond).then(val[k]) if out is None else out.when(cond).then(val[k])
        return out.otherwise(lit(MAX_DATE))

    undecided = has[UNKNOWN] | has[JUDGEMENT]
    code = (
        pl.when(all_na).then(CODE[NA])
        .when(has[MET]).then(CODE[MET])
        .when(has[UNKNOWN]).then(CODE[UNKNOWN])
        .when(has[JUDGEMENT]).then(CODE[JUDGEMENT])
        .otherwise(CODE[NOT_MET])
    )
    met_from = (
        pl.when(all_na).then(None)
        .when(has[MET]).then(from_met)
        .when(undecided).then(None)
        .when(any_timed).then(from_timed)
        .otherwise(lit(MAX_DATE))
    )
    until = (
        pl.when(has[MET]).then(pick(from_met, met_masks, 2))
        .when(~undecided & any_timed).then(pick(from_timed, timed, 2))
        .otherwise(lit(MAX_DATE))
    )
    until_hi = (
        pl.when(has[MET]).then(pick(from_met, met_masks, 3))
        .when(~undecided & any_timed).then(pick(from_timed, timed, 3))
        .otherwise(lit(MAX_DATE))
    )
    return _pl_value(code, met_from, until, until_hi)


class AllTest(Test):
    """Several tests that must all hold (e.g. the time AND a child who is still a minor then)."""

    def __init__(self, *tests: Test) -> None:
        self.tests = tests
        self.time = any(t.time for t in tests)

    def ev(self, c: Ctx) -> Value:
        return combine_all([t.ev(c) for t in self.tests], c.as_of)

    def pl(self, v: VCtx) -> PlValue:
        return pl_combine_all([mat_value(v, t.pl(v)) for t in self.tests], v.as_of)


class AnyTest(Test):
    """Alternatives inside one condition (e.g. school for three years OR a recognised qualification)."""

    def __init__(self, *tests: Test) -> None:
        self.tests = tests
        self.time = any(t.time for t in tests)

    def ev(self, c: Ctx) -> Value:
        return combine_any([t.ev(c) for t in self.tests], c.as_of)[0]

    def pl(self, v: VCtx) -> PlValue:
        return pl_combine_any([mat_value(v, t.pl(v)) for t in self.tests], v.as_of)
