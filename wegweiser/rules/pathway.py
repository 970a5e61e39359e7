"""Pathways: a provision with its conditions, the outcome logic and the assessment both speeds produce.

Outcome (issue 3 § 1): ``not_in_force`` when the provision does not apply on the date; ``not_eligible`` when
a condition other than time fails (or an exclusion applies); ``undetermined`` when nothing fails but facts
or judgements are missing; ``eligible_later`` when only time is missing (``earliest_date`` assumes the
current status continues); ``eligible`` otherwise. A deadline (e.g. the application before the 27th
birthday) that ends before the earliest date turns the outcome into ``not_eligible``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from . import params as P
from .conditions import CODE, JUDGEMENT, MET, NA, NOT_MET, UNKNOWN, Test, Value, combine_any, pl_combine_any
from .dates import MAX_DATE, MIN_DATE
from .expr import Ctx, Expr, Judged, VCtx, lit

if TYPE_CHECKING:
    import polars as pl

NATURES = ("anspruch", "soll", "regel", "kann")
OUTCOMES = ("eligible", "eligible_later", "not_eligible", "undetermined", "not_in_force")
GAP_KINDS = ("exclusion", "achievement", "evidence", "judgement", "time")


@dataclass
class Condition:
    """One condition of a provision, cited down to Absatz/Satz/Nummer.

    ``on_fail`` says what a failure is: an ``achievement`` the person can still bring (``todo``), or an
    ``exclusion`` that cannot be fixed. ``evidence`` says which proof is missing when the result is unknown.
    ``regel``: a rule that applies "in der Regel" — a recorded ``regel_exception`` judgement for exactly this
    condition replaces a failure. ``applies`` gates the condition (false: not applicable). ``in_force`` names
    a parameter; where it has no truthy value on the date, the condition is not part of the law then.
    """

    id: str
    citation: str
    de: str
    en: str
    test: Test
    todo: tuple[str, str] = ("", "")
    evidence: tuple[str, str] = ("", "")
    on_fail: str = "achievement"
    applies: Expr | None = None
    regel: bool = False
    review: str | None = None
    in_force: str | None = None
    judgement_hint: tuple[str, str] = ("", "")
    # set by Pathway.__post_init__
    full_id: str = ""
    regel_judged: Judged | None = None

    def bind(self, pathway_id: str) -> None:
        self.full_id = f"{pathway_id}.{self.id}"
        if self.regel:
            self.regel_judged = Judged("regel_exception", (self.full_id,), allow_general=False)

    @property
    def time(self) -> bool:
        return self.test.time

    def in_force_on(self, d: date) -> bool:
        return self.in_force is None or bool(P.value_at(self.in_force, d))

    # --- per person ---
    def evaluate(self, c: Ctx) -> Value:
        if self.applies is not None:
            ap = self.applies.ev(c)
            if ap is False:
                return Value(NA)
            if ap is None:
                return Value(UNKNOWN, detail={"applicability": True})
        value = self.test.ev(c)
        if value.status == NOT_MET and self.regel_judged is not None:
            j = self.regel_judged.ev(c)
            if j == "positive":
                return Value(MET, MIN_DATE, detail={**value.detail, "regel_exception": True})
        return value

    # --- vectorised ---
    def pl(self, v: VCtx) -> tuple[pl.Expr, ...]:
        import polars as pl

        from .conditions import mat_value

        code, met_from, until, until_hi = mat_value(v, self.test.pl(v))
        if self.regel_judged is not None:
            exc = (code == CODE[NOT_MET]) & (self.regel_judged.pl(v) == "positive").fill_null(False)
            code = pl.when(exc).then(lit(CODE[MET]).cast(pl.Int8)).otherwise(code)
            met_from = pl.when(exc).then(lit(MIN_DATE)).otherwise(met_from)
        if self.applies is not None:
            ap = v.mat(self.applies.pl(v))
            code = pl.when(ap.is_null()).then(lit(CODE[UNKNOWN]).cast(pl.Int8)).when(ap.not_()).then(
                lit(CODE[NA]).cast(pl.Int8)).otherwise(code)
            met_from = pl.when(ap.fill_null(False)).then(met_from).otherwise(None)
            until = pl.when(ap.fill_null(False)).then(until).otherwise(lit(MAX_DATE))
            until_hi = pl.when(ap.fill_null(False)).then(until_hi).otherwise(lit(MAX_DATE))
        return mat_value(v, (code, met_from, until, until_hi))


@dataclass
class AnyOf:
    """Alternatives (e.g. § 25b Abs. 1 S. 2 Nr. 1 or the Abs. 6 route): met when one of them is met."""

    id: str
    citation: str
    de: str
    en: str
    options: list[Condition]
    todo: tuple[str, str] = ("", "")
    evidence: tuple[str, str] = ("", "")
    on_fail: str = "achievement"
    review: str | None = None
    in_force: str | None = None
    full_id: str = ""
    regel: bool = False

    def bind(self, pathway_id: str) -> None:
        self.full_id = f"{pathway_id}.{self.id}"
        for o in self.options:
            o.bind(pathway_id)

    @property
    def time(self) -> bool:
        return any(o.time for o in self.options)

    def in_force_on(self, d: date) -> bool:
        return self.in_force is None or bool(P.value_at(self.in_force, d))

    def live_options(self, d: date) -> list[Condition]:
        return [o for o in self.options if o.in_force_on(d)]

    @staticmethod
    def combine(values: list[Value], as_of: date) -> tuple[Value, int | None]:
        return combine_any(values, as_of)

    def pl(self, v: VCtx) -> tuple[pl.Expr, ...]:
        from .conditions import mat_value

        return mat_value(v, pl_combine_any([o.pl(v) for o in self.live_options(v.as_of)], v.as_of))


Node = Condition | AnyOf


@dataclass
class Pathway:
    id: str
    title_de: str
    title_en: str
    citation: str
    nature: str
    in_force: str  # parameter: truthy while the provision applies (and is encoded)
    conditions: list[Node]
    notes: tuple[tuple[str, str], ...] = ()
    params: frozenset[str] = field(default_factory=frozenset)
    #: a parameter holding the legal nature where it changed over time (e.g. § 19d: "kann", later "soll")
    nature_param: str | None = None

    def __post_init__(self) -> None:
        if self.nature not in NATURES:
            raise ValueError(self.nature)
        if self.nature_param is not None:
            for v in P.get(self.nature_param).values:
                if v.value not in NATURES:
                    raise ValueError(f"{self.nature_param}: {v.value}")
        seen: set[str] = set()
        for c in self.conditions:
            c.bind(self.id)
            ids = [c.id] + ([o.id for o in c.options] if isinstance(c, AnyOf) else [])
            for i in ids:
                if i in seen:
                    raise ValueError(f"{self.id}: condition id {i} used twice")
                seen.add(i)
        self.params = frozenset(_param_names(self) | ({self.nature_param} if self.nature_param else set()))

    def in_force_on(self, d: date) -> bool:
        return bool(P.value_at(self.in_force, d))

    def nature_on(self, d: date) -> str:
        """The legal nature in force on ``d`` (``nature`` unless a dated parameter says otherwise)."""
        if self.nature_param is not None:
            value = P.value_at(self.nature_param, d)
            if value is not None:
                return str(value)
        return self.nature

    def live_conditions(self, d: date) -> list[Node]:
        return [c for c in self.conditions if c.in_force_on(d)]

    def law_version(self, d: date) -> tuple[date | None, date | None]:
        """The longest period around ``d`` in which none of the pathway's parameters changes."""
        return _law_version(self, d)

    def __hash__(self) -> int:
        return hash(self.id)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Pathway) and other.id == self.id

    def change_dates(self) -> list[date]:
        return sorted(set().union(*(P.get(n).change_dates() for n in self.params)))


@lru_cache(maxsize=4096)
def _law_version(p: Pathway, d: date) -> tuple[date | None, date | None]:
    changes = p.change_dates()
    start = max((x for x in changes if x <= d), default=None)
    nxt = min((x for x in changes if x > d), default=None)
    end = None if nxt is None else date.fromordinal(nxt.toordinal() - 1)
    return start, end


def _param_names(obj: Any, seen: set[int] | None = None) -> set[str]:
    """Every parameter a pathway refers to (walks its conditions and expressions)."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return set()
    seen.add(id(obj))
    out: set[str] = set()
    if isinstance(obj, str):
        return {obj} if obj in P.PARAMETERS else set()
    if isinstance(obj, list | tuple | frozenset | set):
        for x in obj:
            out |= _param_names(x, seen)
        return out
    if hasattr(obj, "__dict__"):
        for x in vars(obj).values():
            out |= _param_names(x, seen)
    return out


# --- outcome ------------------------------------------------------------------------------------------


def is_time_gap(value: Value, as_of: date) -> bool:
    return value.status == NOT_MET and value.met_from is not None and as_of < value.met_from < MAX_DATE


def apply_deadlines(values: list[Value], as_of: date) -> date:
    """Earliest date from the time gaps; conditions whose deadline ends before it fail (or become unknown
    when only a partly known fact puts the deadline in doubt). Returns the earliest date."""
    earliest = max([as_of] + [v.met_from for v in values if is_time_gap(v, as_of)])  # type: ignore[list-item]
    if earliest > as_of:
        for v in values:
            if v.status in (MET, UNKNOWN, JUDGEMENT) and v.met_until < earliest:
                v.detail["deadline"] = v.met_until
                if v.until_hi < earliest:
                    v.status, v.met_from = NOT_MET, MAX_DATE
                else:
                    v.status = UNKNOWN
    return earliest


def outcome_of(values: list[Value], as_of: date) -> tuple[str, date | None]:
    earliest = apply_deadlines(values, as_of)
    statuses = [v for v in values if v.status != NA]
    if any(v.status == NOT_MET and not is_time_gap(v, as_of) for v in statuses):
        return "not_eligible", None
    if any(v.status in (UNKNOWN, JUDGEMENT) for v in statuses):
        return "undetermined", earliest
    if any(is_time_gap(v, as_of) for v in statuses):
        return "eligible_later", earliest
    return "eligible", as_of
