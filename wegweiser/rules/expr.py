"""The rule expression language: each node evaluates per person (plain Python) and compiles to polars.

Values follow three-valued (Kleene) logic: ``None`` is "unknown" and spreads unless the result is already
decided (``False & unknown`` is ``False``). Polars' null semantics are the same, which is why one definition
serves both speeds. Dates use the sentinels MIN_DATE ("always") and MAX_DATE ("never").

Nodes reading person-level facts are ``F``; inside a list aggregation, ``I`` reads a field of the list item.
Item expressions may use items, constants, parameters and the assessment date, but no person-level fields
(polars evaluates them inside ``list.eval``).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from datetime import date
from functools import reduce
from typing import TYPE_CHECKING, Any

from . import params as P
from .dates import MAX_DATE, MIN_DATE, add_days, add_months
from .situation import FLAT_FIELDS
from .spec import ListF

if TYPE_CHECKING:
    import polars as pl


class ParamNotInForce(LookupError):
    """A rule used a parameter that has no value on the assessment date: the rule should have been gated."""


# --- contexts -----------------------------------------------------------------------------------------


class Ctx:
    """Per-person evaluation: the flat record, the date, memoised node values and the facts used."""

    __slots__ = ("as_of", "item", "memo", "params", "rec", "used")

    def __init__(self, rec: dict[str, Any], as_of: date) -> None:
        self.rec = rec
        self.as_of = as_of
        self.memo: dict[int, tuple[Any, dict[str, Any]]] = {}
        self.used: dict[str, Any] = {}
        self.item: dict[str, Any] | None = None
        self.params: dict[str, P.Value] = {}

    def param(self, name: str) -> Any:
        v = P.get(name).at(self.as_of)
        if v is None:
            raise ParamNotInForce(f"{name} has no value on {self.as_of}")
        self.params[name] = v
        return v.value

    def note(self, key: str, value: Any) -> None:
        if key not in self.used:
            self.used[key] = value


class VCtx:
    """Vectorised compilation for one assessment date: parameters become literals; frame preparations
    (steps that need whole-frame operations, such as the residence sweep) are collected by key."""

    def __init__(self, as_of: date) -> None:
        self.as_of = as_of
        self.item_root: pl.Expr | None = None
        self.preps: dict[str, Callable[[pl.DataFrame], pl.DataFrame]] = {}
        self.params: dict[str, P.Value] = {}
        self.cache: dict[int, Any] = {}
        #: lists exploded to one row per item, shared by the frame preparations of this evaluation
        self.exploded: dict[str, pl.DataFrame] = {}
        #: serialised expression -> name of the column that already computes it
        self.shared: dict[bytes, str] = {}
        #: materialised intermediate columns: name -> (expression, stage)
        self.columns: dict[str, tuple[pl.Expr, int]] = {}

    def mat(self, expr: pl.Expr) -> pl.Expr:
        """Compute ``expr`` once as a hidden column and refer to it by name.

        Without this, an expression used several times is copied into every use and nested conditions grow
        exponentially. Columns are computed in stages: a column comes one stage after the latest column it
        reads. Inside list items (``list.eval``) nothing can be materialised; the expression is returned.
        """
        import polars as pl

        if self.item_root is not None or expr.meta.is_column() or expr.meta.is_literal(allow_aliasing=True):
            return expr
        # Pathways share many sub-expressions (ages, stays, the same list test): each is computed once.
        try:
            sig: bytes | None = expr.meta.serialize(format="binary")
        except Exception:  # an expression that cannot be serialised is simply not shared
            sig = None
        if sig is not None and sig in self.shared:
            return pl.col(self.shared[sig])
        name = f"__m{len(self.columns)}"
        stage = 1 + max((self.columns[n][1] for n in expr.meta.root_names() if n in self.columns), default=0)
        self.columns[name] = (expr, stage)
        if sig is not None:
            self.shared[sig] = name
        return pl.col(name)

    def stages(self) -> list[list[pl.Expr]]:
        out: dict[int, list[pl.Expr]] = {}
        for name, (expr, stage) in self.columns.items():
            out.setdefault(stage, []).append(expr.alias(name))
        return [out[k] for k in sorted(out)]

    def param(self, name: str) -> Any:
        v = P.get(name).at(self.as_of)
        if v is None:
            raise ParamNotInForce(f"{name} has no value on {self.as_of}")
        self.params[name] = v
        return v.value


# --- helpers ------------------------------------------------------------------------------------------


def lit(value: Any) -> pl.Expr:
    import polars as pl

    if isinstance(value, date):
        return pl.lit(value, dtype=pl.Date)
    if value is None:
        return pl.lit(None)
    return pl.lit(value)


def wrap(value: Any) -> Expr:
    return value if isinstance(value, Expr) else Lit(value)


def k_and(values: Iterable[bool | None]) -> bool | None:
    out: bool | None = True
    for v in values:
        if v is False:
            return False
        if v is None:
            out = None
    return out


def k_or(values: Iterable[bool | None]) -> bool | None:
    out: bool | None = False
    for v in values:
        if v is True:
            return True
        if v is None:
            out = None
    return out


# --- nodes --------------------------------------------------------------------------------------------


class Expr:
    """Base node. ``ev`` evaluates for one person, ``pl`` builds the polars expression."""

    memoise = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Nodes that are not memoised evaluate directly: one call less per node on the per-person path.
        if not cls.memoise and "_ev" in cls.__dict__:
            cls.ev = cls._ev  # type: ignore[method-assign]

    def ev(self, c: Ctx) -> Any:
        hit = c.memo.get(id(self))
        if hit is not None:
            value, used = hit
            for k, v in used.items():
                c.note(k, v)
            return value
        outer = c.used
        c.used = {}
        try:
            value = self._ev(c)
            used = c.used
        finally:
            c.used = outer
        c.memo[id(self)] = (value, used)
        for k, v in used.items():
            c.note(k, v)
        return value

    def _ev(self, c: Ctx) -> Any:
        raise NotImplementedError

    def pl(self, v: VCtx) -> pl.Expr:
        raise NotImplementedError

    # operators (no __eq__: nodes stay hashable and identity-compared)
    def __and__(self, other: Any) -> Expr:
        return And(self, wrap(other))

    def __rand__(self, other: Any) -> Expr:
        return And(wrap(other), self)

    def __or__(self, other: Any) -> Expr:
        return Or(self, wrap(other))

    def __ror__(self, other: Any) -> Expr:
        return Or(wrap(other), self)

    def __invert__(self) -> Expr:
        return Not(self)

    def __lt__(self, other: Any) -> Expr:
        return Cmp("<", self, wrap(other))

    def __le__(self, other: Any) -> Expr:
        return Cmp("<=", self, wrap(other))

    def __gt__(self, other: Any) -> Expr:
        return Cmp(">", self, wrap(other))

    def __ge__(self, other: Any) -> Expr:
        return Cmp(">=", self, wrap(other))

    def eq(self, other: Any) -> Expr:
        return Cmp("==", self, wrap(other))

    def ne(self, other: Any) -> Expr:
        return Cmp("!=", self, wrap(other))

    def isin(self, values: Iterable[Any]) -> Expr:
        return IsIn(self, tuple(values))

    def in_sections(self, sections: Iterable[str]) -> Expr:
        """A normalised legal basis within one of ``sections``: ``aufenthg_104c`` also covers
        ``aufenthg_104c_1`` (an Absatz or Nummer below it), but ``aufenthg_25_4`` does not cover ``aufenthg_25_4a``."""
        return InSections(self, tuple(sections))

    def known(self) -> Expr:
        return Known(self)

    def add_years(self, n: int | str) -> Expr:
        return AddMonths(self, n, 12)

    def add_months(self, n: int | str) -> Expr:
        return AddMonths(self, n, 1)

    def add_days(self, n: int) -> Expr:
        return AddDays(self, n)


class F(Expr):
    """A person-level fact of the flat record."""

    def __init__(self, name: str) -> None:
        if name not in FLAT_FIELDS or isinstance(FLAT_FIELDS[name], ListF):
            raise KeyError(f"{name!r} is not a person-level field of the situation")
        self.name = name

    def _ev(self, c: Ctx) -> Any:
        value = c.rec[self.name]
        c.note(self.name, value)
        return value

    def pl(self, v: VCtx) -> pl.Expr:
        import polars as pl

        if v.item_root is not None:
            raise TypeError(f"person-level field {self.name} used inside a list item expression")
        return pl.col(self.name)


class I(Expr):  # noqa: E742 - short on purpose: the item-field counterpart of F
    """A field of the current list item (inside ``Agg`` only)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def _ev(self, c: Ctx) -> Any:
        if c.item is None:
            raise TypeError(f"item field {self.name} used outside a list aggregation")
        return c.item[self.name]

    def pl(self, v: VCtx) -> pl.Expr:
        if v.item_root is None:
            raise TypeError(f"item field {self.name} used outside a list aggregation")
        return v.item_root.struct.field(self.name)


class Lit(Expr):
    def __init__(self, value: Any) -> None:
        self.value = value

    def _ev(self, c: Ctx) -> Any:
        return self.value

    def pl(self, v: VCtx) -> pl.Expr:
        return lit(self.value)


class Param(Expr):
    """A dated parameter, read in the version in force on the assessment date."""

    def __init__(self, name: str) -> None:
        P.get(name)  # fail early on typos
        self.name = name

    def _ev(self, c: Ctx) -> Any:
        return c.param(self.name)

    def pl(self, v: VCtx) -> pl.Expr:
        return lit(v.param(self.name))


class AsOf(Expr):
    def _ev(self, c: Ctx) -> Any:
        return c.as_of

    def pl(self, v: VCtx) -> pl.Expr:
        return lit(v.as_of)


_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq, "!=": operator.ne,
}


class Cmp(Expr):
    def __init__(self, op: str, a: Expr, b: Expr) -> None:
        self.op, self.a, self.b = op, a, b

    def _ev(self, c: Ctx) -> bool | None:
        x, y = self.a.ev(c), self.b.ev(c)
        if x is None or y is None:
            return None
        return _OPS[self.op](x, y)

    def pl(self, v: VCtx) -> pl.Expr:
        return _OPS[self.op](self.a.pl(v), self.b.pl(v))


class IsIn(Expr):
    def __init__(self, a: Expr, values: tuple[Any, ...]) -> None:
        self.a, self.values = a, values

    def _ev(self, c: Ctx) -> bool | None:
        x = self.a.ev(c)
        return None if x is None else x in self.values

    def pl(self, v: VCtx) -> pl.Expr:
        import polars as pl

        x = v.mat(self.a.pl(v))
        return pl.when(x.is_null()).then(None).otherwise(x.is_in(list(self.values)))


class InSections(Expr):
    def __init__(self, a: Expr, sections: tuple[str, ...]) -> None:
        self.a, self.sections = a, sections

    def _ev(self, c: Ctx) -> bool | None:
        x = self.a.ev(c)
        return None if x is None else any(x == s or x.startswith(s + "_") for s in self.sections)

    def pl(self, v: VCtx) -> pl.Expr:
        import polars as pl

        x = v.mat(self.a.pl(v))
        hit = x.is_in(list(self.sections))
        for s in self.sections:
            hit = hit | x.str.starts_with(s + "_")
        return pl.when(x.is_null()).then(None).otherwise(hit)


class And(Expr):
    def __init__(self, *xs: Expr) -> None:
        self.xs = tuple(wrap(x) for x in xs)

    def _ev(self, c: Ctx) -> bool | None:
        return k_and(x.ev(c) for x in self.xs)

    def pl(self, v: VCtx) -> pl.Expr:
        return reduce(operator.and_, (x.pl(v) for x in self.xs))


class Or(Expr):
    def __init__(self, *xs: Expr) -> None:
        self.xs = tuple(wrap(x) for x in xs)

    def _ev(self, c: Ctx) -> bool | None:
        return k_or(x.ev(c) for x in self.xs)

    def pl(self, v: VCtx) -> pl.Expr:
        return reduce(operator.or_, (x.pl(v) for x in self.xs))


class Not(Expr):
    def __init__(self, x: Expr) -> None:
        self.x = x

    def _ev(self, c: Ctx) -> bool | None:
        val = self.x.ev(c)
        return None if val is None else not val

    def pl(self, v: VCtx) -> pl.Expr:
        return self.x.pl(v).not_()


class Known(Expr):
    """True if the value is known; never unknown itself."""

    def __init__(self, x: Expr) -> None:
        self.x = x

    def _ev(self, c: Ctx) -> bool:
        return self.x.ev(c) is not None

    def pl(self, v: VCtx) -> pl.Expr:
        return self.x.pl(v).is_not_null()


class Coalesce(Expr):
    def __init__(self, *xs: Expr) -> None:
        self.xs = tuple(wrap(x) for x in xs)

    def _ev(self, c: Ctx) -> Any:
        for x in self.xs:
            val = x.ev(c)
            if val is not None:
                return val
        return None

    def pl(self, v: VCtx) -> pl.Expr:
        import polars as pl

        return pl.coalesce([x.pl(v) for x in self.xs])


class If(Expr):
    """``then`` if the condition is true, ``otherwise`` if false, unknown if the condition is unknown."""

    def __init__(self, cond: Expr, then: Any, otherwise: Any) -> None:
        self.cond, self.then, self.otherwise = cond, wrap(then), wrap(otherwise)

    def _ev(self, c: Ctx) -> Any:
        cv = self.cond.ev(c)
        if cv is None:
            return None
        return self.then.ev(c) if cv else self.otherwise.ev(c)

    def pl(self, v: VCtx) -> pl.Expr:
        import polars as pl

        cond = v.mat(self.cond.pl(v))
        return pl.when(cond).then(self.then.pl(v)).when(cond.not_()).then(self.otherwise.pl(v)).otherwise(None)


def _count(n: int | str, v: Ctx | VCtx) -> int:
    return v.param(n) if isinstance(n, str) else n


class AddMonths(Expr):
    """Date plus months (or years: factor 12) counted as the law counts periods (see ``dates``)."""

    def __init__(self, d: Expr, n: int | str, factor: int) -> None:
        self.d, self.n, self.factor = d, n, factor
        if isinstance(n, str):
            P.get(n)

    def _ev(self, c: Ctx) -> date | None:
        d = self.d.ev(c)
        return None if d is None else add_months(d, _count(self.n, c) * self.factor)

    def pl(self, v: VCtx) -> pl.Expr:
        return pl_add_months(v.mat(self.d.pl(v)), _count(self.n, v) * self.factor, v.mat)


def pl_add_months(d: pl.Expr, months: int, mat: Callable[[pl.Expr], pl.Expr] = lambda e: e) -> pl.Expr:
    """Each sub-expression is referenced as few times as possible: inside ``list.eval`` nothing can be
    materialised, and nested date arithmetic (age limits of children) would otherwise be copied many times."""
    import polars as pl

    raw = mat(d.dt.offset_by(f"{months}mo"))  # calendar arithmetic is the costly part: once per date
    # a day missing in the target month (31.01. + 1 month) moves to the first of the next month (01.03.)
    res = (raw + pl.duration(days=(raw.dt.day() < d.dt.day()).cast(pl.Int64))).clip(lit(MIN_DATE), lit(MAX_DATE))
    if months > 0:  # the sentinel "always" stays; null stays null (a null predicate takes ``otherwise``)
        return pl.when(d > lit(MIN_DATE)).then(res).otherwise(d)
    if months < 0:
        return pl.when(d < lit(MAX_DATE)).then(res).otherwise(d)
    return res


class AddDays(Expr):
    def __init__(self, d: Expr, n: int) -> None:
        self.d, self.n = d, n

    def _ev(self, c: Ctx) -> date | None:
        d = self.d.ev(c)
        return None if d is None else add_days(d, self.n)

    def pl(self, v: VCtx) -> pl.Expr:
        return pl_add_days(v.mat(self.d.pl(v)), self.n)


def pl_add_days(d: pl.Expr, n: int) -> pl.Expr:
    import polars as pl

    # sentinels and null (a null predicate takes ``otherwise``) stay as they are; ``d`` appears three times only
    return pl.when((d > lit(MIN_DATE)) & (d < lit(MAX_DATE))).then(d + pl.duration(days=n)).otherwise(d)


class Latest(Expr):
    """The latest of several dates; "never" wins over unknown, otherwise unknown spreads."""

    def __init__(self, *xs: Expr) -> None:
        self.xs = tuple(wrap(x) for x in xs)

    def _ev(self, c: Ctx) -> date | None:
        vals = [x.ev(c) for x in self.xs]
        if MAX_DATE in vals:
            return MAX_DATE
        if None in vals:
            return None
        return max(vals)

    def pl(self, v: VCtx) -> pl.Expr:
        return pl_latest([v.mat(x.pl(v)) for x in self.xs])


class Earliest(Expr):
    """The earliest of several dates; "always" wins over unknown, otherwise unknown spreads."""

    def __init__(self, *xs: Expr) -> None:
        self.xs = tuple(wrap(x) for x in xs)

    def _ev(self, c: Ctx) -> date | None:
        vals = [x.ev(c) for x in self.xs]
        if MIN_DATE in vals:
            return MIN_DATE
        if None in vals:
            return None
        return min(vals)

    def pl(self, v: VCtx) -> pl.Expr:
        return pl_earliest([v.mat(x.pl(v)) for x in self.xs])


def pl_latest(xs: list[pl.Expr]) -> pl.Expr:
    import polars as pl

    any_max = reduce(operator.or_, ((x == lit(MAX_DATE)).fill_null(False) for x in xs))
    any_null = reduce(operator.or_, (x.is_null() for x in xs))
    return pl.when(any_max).then(lit(MAX_DATE)).when(any_null).then(None).otherwise(pl.max_horizontal(xs))


def pl_earliest(xs: list[pl.Expr]) -> pl.Expr:
    import polars as pl

    any_min = reduce(operator.or_, ((x == lit(MIN_DATE)).fill_null(False) for x in xs))
    any_null = reduce(operator.or_, (x.is_null() for x in xs))
    return pl.when(any_min).then(lit(MIN_DATE)).when(any_null).then(None).otherwise(pl.min_horizontal(xs))


class ListKnown(Expr):
    """True if the list is known (``[]`` counts as known: none)."""

    def __init__(self, name: str) -> None:
        _check_list(name)
        self.name = name

    def _ev(self, c: Ctx) -> bool:
        value = c.rec[self.name]
        c.note(self.name, value)
        return value is not None

    def pl(self, v: VCtx) -> pl.Expr:
        import polars as pl

        return pl.col(self.name).is_not_null()


def _check_list(name: str) -> None:
    if not isinstance(FLAT_FIELDS.get(name), ListF):
        raise KeyError(f"{name!r} is not a list of the situation")


class Agg(Expr):
    """An aggregation over a list of the situation, in three-valued logic.

    * ``any``/``all``: of ``pred``; unknown items make the result unknown unless it is decided anyway.
    * ``count``: items where ``pred`` holds; unknown if any item's ``pred`` is unknown.
    * ``sum``: of ``value`` over items where ``pred`` holds; unknown if a relevant value is unknown.
    * ``min``/``max``: of ``value`` over items where ``pred`` holds; unknown only if an undecided item could
      change the result; ``empty`` when no item qualifies.
    An unknown list (``null``) gives an unknown result.
    """

    memoise = True

    def __init__(self, name: str, mode: str, pred: Any = True, value: Expr | None = None, empty: Any = None) -> None:
        _check_list(name)
        if mode not in {"any", "all", "count", "sum", "min", "max"}:
            raise ValueError(mode)
        if mode in {"sum", "min", "max"} and value is None:
            raise ValueError(f"{mode} needs a value")
        self.name, self.mode, self.pred, self.value, self.empty = name, mode, wrap(pred), value, empty

    def _ev(self, c: Ctx) -> Any:
        items = c.rec[self.name]
        c.note(self.name, items)
        if items is None:
            return None
        outer = c.item
        try:
            return self._fold(c, items)
        finally:
            c.item = outer

    def _fold(self, c: Ctx, items: list[dict[str, Any]]) -> Any:
        mode = self.mode
        if mode == "any":
            out: Any = False
            for it in items:
                c.item = it
                p = self.pred.ev(c)
                if p is True:
                    return True
                if p is None:
                    out = None
            return out
        if mode == "all":
            out = True
            for it in items:
                c.item = it
                p = self.pred.ev(c)
                if p is False:
                    return False
                if p is None:
                    out = None
            return out
        if mode == "count":
            n = 0
            for it in items:
                c.item = it
                p = self.pred.ev(c)
                if p is None:
                    return None
                n += p
            return n
        if mode == "sum":
            total: Any = 0
            unknown = False
            for it in items:
                c.item = it
                p = self.pred.ev(c)
                if p is False:
                    continue
                val = self.value.ev(c)  # type: ignore[union-attr]
                if p is None or val is None:
                    unknown = True
                else:
                    total += val
            return None if unknown else total
        better = operator.lt if mode == "min" else operator.gt
        best: Any = None
        undecided: list[Any] = []
        for it in items:
            c.item = it
            p = self.pred.ev(c)
            if p is False:
                continue
            val = self.value.ev(c)  # type: ignore[union-attr]
            if val is None:
                return None
            if p is None:
                undecided.append(val)
            elif best is None or better(val, best):
                best = val
        for u in undecided:
            if best is None or better(u, best):
                return None
        return self.empty if best is None else best

    def pl(self, v: VCtx) -> pl.Expr:
        import polars as pl

        key = id(self)
        if key in v.cache:
            return v.cache[key]
        outer = v.item_root
        v.item_root = pl.element()
        try:
            p = self.pred.pl(v)
            val = self.value.pl(v) if self.value is not None else None
        finally:
            v.item_root = outer
        col = pl.col(self.name)
        mode = self.mode
        # The item predicate is referenced once per list.eval (true 2, unknown 1, false 0), not once per branch:
        # predicates can be large and list.eval cannot share sub-expressions.
        # Intermediate results used more than once are materialised (``v.mat``; a no-op inside another item).
        if mode == "any":
            code = v.mat(col.list.eval((p.cast(pl.Int8) * 2).fill_null(1)).list.max())
            out = pl.when(col.is_null()).then(None).when(code == 2).then(True).when(code == 1).then(None).otherwise(False)
        elif mode == "all":
            code = v.mat(col.list.eval((p.not_().cast(pl.Int8) * 2).fill_null(1)).list.max())
            out = pl.when(col.is_null()).then(None).when(code == 2).then(False).when(code == 1).then(None).otherwise(True)
        elif mode == "count":
            code = v.mat(col.list.eval(p.cast(pl.Int64).fill_null(1_000_000)).list.sum())
            out = pl.when(col.is_null() | (code >= 1_000_000)).then(None).otherwise(code.cast(pl.Int64))
        else:
            # predicate and value once per item, as a list of (p, v) pairs that the aggregations below read
            pairs = v.mat(col.list.eval(pl.struct(p.alias("p"), val.alias("v"))))  # type: ignore[union-attr]
            p, val = pl.element().struct.field("p"), pl.element().struct.field("v")
            col = pairs
        if mode == "sum":
            s = col.list.eval(pl.when(p).then(val)).list.sum()
            unknown = col.list.eval(p.is_null() | (p.fill_null(False) & val.is_null())).list.any()
            out = pl.when(col.is_null() | unknown).then(None).otherwise(s)
        elif mode in ("min", "max"):
            agg = (lambda e: e.list.min()) if mode == "min" else (lambda e: e.list.max())
            best = v.mat(agg(col.list.eval(pl.when(p).then(val))))
            und = v.mat(agg(col.list.eval(pl.when(p.is_null()).then(val))))
            missing = col.list.eval(p.fill_null(True) & val.is_null()).list.any()
            beats = (und < best) if mode == "min" else (und > best)
            out = (
                pl.when(col.is_null() | missing).then(None)
                .when(und.is_not_null() & (best.is_null() | beats)).then(None)
                .when(best.is_null()).then(lit(self.empty))
                .otherwise(best)
            )
        out = v.mat(out)
        v.cache[key] = out
        return out


class Judged(Expr):
    """The case worker's latest recorded judgement of ``kind`` for one of ``subjects`` (or a general one):
    "positive", "negative" or "none" (nothing recorded — a known fact, not an unknown one). Same day:
    "negative" wins (the engine never reads more into a record than it says)."""

    memoise = True

    def __init__(self, kind: str, subjects: tuple[str, ...], allow_general: bool = True) -> None:
        self.kind, self.subjects, self.allow_general = kind, subjects, allow_general

    def _ev(self, c: Ctx) -> str:
        items = c.rec["judgements"]
        if not items:
            return "none"
        best, best_key = None, -1
        for j in items:
            subject = j["subject"]
            if j["kind"] == self.kind and (subject in self.subjects or (subject is None and self.allow_general)):
                k = 2 * j["recorded_on"].toordinal() + (j["value"] == "negative")
                if k > best_key:
                    best, best_key = j, k
        if best is None:
            return "none"
        c.note(f"judgement:{best['id']}", best)
        return best["value"]

    def pl(self, v: VCtx) -> pl.Expr:
        import polars as pl

        key = id(self)
        if key in v.cache:
            return v.cache[key]
        e = pl.element()
        subject = e.struct.field("subject")
        general = subject.is_null() if self.allow_general else pl.lit(False)
        match = (e.struct.field("kind") == self.kind) & (general | subject.is_in(list(self.subjects)).fill_null(False))
        k = pl.col("judgements").list.eval(
            pl.when(match).then(
                (e.struct.field("recorded_on").cast(pl.Int64) + 1_000_000) * 2
                + (e.struct.field("value") == "negative").cast(pl.Int64)
            )
        ).list.max()
        k = v.mat(k)
        out = v.mat(pl.when(k.is_null()).then(pl.lit("none")).when(k % 2 == 1).then(pl.lit("negative")).otherwise(
            pl.lit("positive")))
        v.cache[key] = out
        return out
