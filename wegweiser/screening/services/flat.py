"""A faster twin of ``rules.situation.normalise`` for documents the bulk reader built itself.

``normalise`` walks the format definition field by field and builds a JSON pointer for every field it
visits, so that a bad document gets a precise message; for 100 000 case files that pointer bookkeeping is
most of the screening's reading time. This module compiles the same definition (``situation.SPEC``) once
into plain checks that give the same flat record, or reject. A rejected document is handed to the real
``normalise``, which names the problem — so the strict normaliser always has the last word, and the tests
prove that both give the same record.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from wegweiser.rules.dates import parse_partial_date
from wegweiser.rules.situation import SPEC
from wegweiser.rules.spec import BoolF, ConstF, DateF, Field, IntF, ListF, NumF, ObjF, PartialDateF, StrF


class Reject(Exception):
    """The fast check does not accept the document (``normalise`` then says why)."""


Leaf = Callable[[Any], Any]
Filler = Callable[[Any, dict[str, Any]], None]


def _leaf(f: Field) -> Leaf:  # noqa: C901 - one branch per field kind, as in spec.py
    nullable = f.nullable

    def none() -> None:
        if not nullable:
            raise Reject
        return None

    if isinstance(f, DateF):
        def check(v: Any) -> Any:
            if v is None:
                return none()
            if type(v) is not str or len(v) != 10 or v[4] != "-" or v[7] != "-":
                raise Reject
            d = date.fromisoformat(v)
            if not 1900 <= d.year <= 2200:
                raise Reject
            return d
    elif isinstance(f, StrF):
        enum = frozenset(f.enum) if f.enum is not None else None
        pattern = re.compile(f.pattern) if f.pattern else None
        longest = f.max_length

        def check(v: Any) -> Any:
            if v is None:
                return none()
            if type(v) is not str or (enum is not None and v not in enum) or len(v) > longest or (
                    pattern is not None and not pattern.search(v)):
                raise Reject
            return v
    elif isinstance(f, BoolF):
        def check(v: Any) -> Any:
            if v is None:
                return none()
            if type(v) is not bool:
                raise Reject
            return v
    elif isinstance(f, IntF):
        low, high = f.minimum, f.maximum

        def check(v: Any) -> Any:
            if v is None:
                return none()
            if type(v) is not int and not (type(v) is float and v.is_integer()):
                raise Reject
            v = int(v)
            if not low <= v <= high:
                raise Reject
            return v
    elif isinstance(f, NumF):
        low_n, high_n = f.minimum, f.maximum

        def check(v: Any) -> Any:
            if v is None:
                return none()
            if type(v) not in (int, float) or not low_n <= v <= high_n:
                raise Reject
            return float(v)
    elif isinstance(f, ConstF):
        const = f.value

        def check(v: Any) -> Any:
            if v is None:
                return none()
            if v != const:
                raise Reject
            return v
    else:
        raise TypeError(f)
    return check


def _partial(f: PartialDateF) -> Callable[[Any], tuple[date | None, date | None]]:
    nullable = f.nullable

    def check(v: Any) -> tuple[date | None, date | None]:
        if v is None:
            if not nullable:
                raise Reject
            return None, None
        if type(v) is not str:
            raise Reject
        lo, hi = parse_partial_date(v)
        if lo.year < 1900 or hi.year > 2200:
            raise Reject
        return lo, hi
    return check


def _keys(spec: ObjF, prefix: str) -> list[str]:
    """The flat keys an object fills (what ``flatten`` writes for it)."""
    out: list[str] = []
    for k, f in spec.fields.items():
        if isinstance(f, ObjF):
            out += _keys(f, f"{prefix}{k}.")
        elif isinstance(f, PartialDateF):
            out += [f"{prefix}{k}_min", f"{prefix}{k}_max"]
        else:
            out.append(f"{prefix}{k}")
    return out


def _list(f: ListF) -> Leaf:
    item = _obj(f.item, "")
    nullable, longest = f.nullable, f.max_items

    def check(v: Any) -> Any:
        if v is None:
            if not nullable:
                raise Reject
            return None
        if type(v) is not list or len(v) > longest:
            raise Reject
        out = []
        for x in v:
            d: dict[str, Any] = {}
            item(x, d)
            out.append(d)
        return out
    return check


def _obj(spec: ObjF, prefix: str) -> Filler:
    """Check an object (a dict, or None where allowed) and write its flat keys into ``out``."""
    plan: list[tuple[str, str, str, Any, Any]] = []  # (key, kind, flat name, checker, extra)
    for k, f in spec.fields.items():
        name = f"{prefix}{k}"
        if isinstance(f, ObjF):
            plan.append((k, "obj", name, _obj(f, f"{name}."), f.nullable))
        elif isinstance(f, ListF):
            plan.append((k, "leaf", name, _list(f), None))
        elif isinstance(f, PartialDateF):
            plan.append((k, "partial", name, _partial(f), (f"{name}_min", f"{name}_max")))
        else:
            plan.append((k, "leaf", name, _leaf(f), None))
    allowed = frozenset(spec.fields)
    required = spec.required
    orders = [(o.later, o.earlier) for o in spec.orders]
    empty = dict.fromkeys(_keys(spec, prefix))
    nullable = spec.nullable

    def fill(value: Any, out: dict[str, Any]) -> None:
        if value is None:
            if not nullable:
                raise Reject
            out.update(empty)
            return
        if type(value) is not dict or not allowed.issuperset(value):
            raise Reject
        for k in required:
            if k not in value:
                raise Reject
        get = value.get
        for k, kind, name, check, extra in plan:
            if kind == "leaf":
                out[name] = check(get(k))
            elif kind == "obj":
                check(get(k), out)
            else:
                out[extra[0]], out[extra[1]] = check(get(k))
        for later, earlier in orders:
            a, b = out.get(f"{prefix}{later}"), out.get(f"{prefix}{earlier}")
            if isinstance(a, date) and isinstance(b, date) and a < b:
                raise Reject
    return fill


_TOP = _obj(SPEC, "")


def flat_record(document: dict[str, Any]) -> dict[str, Any]:
    """The flat record ``normalise(document)`` gives; raises ``Reject`` where this check is not sure."""
    out: dict[str, Any] = {}
    try:
        _TOP(document, out)
    except (ValueError, TypeError) as exc:
        raise Reject from exc
    return out
