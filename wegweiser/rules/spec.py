"""A tiny schema language for the situation format, defined once and turned into everything else.

From the one definition in ``situation.py`` come: the JSON Schema (draft 2020-12) that is published,
the strict normaliser that turns a JSON document into the flat record both evaluators read (with JSON
pointers in its error messages), the polars schema of the screening frame and the field table in the docs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .dates import parse_date, parse_partial_date

_DATE_RE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


class InvalidSituation(ValueError):
    """Bad input, with the JSON pointer of the offending field."""

    def __init__(self, pointer: str, message: str) -> None:
        super().__init__(f"{pointer or '/'}: {message}")
        self.pointer = pointer or ""
        self.message = message


def _ptr(path: str, key: str | int) -> str:
    return f"{path}/{str(key).replace('~', '~0').replace('/', '~1')}"


@dataclass(frozen=True)
class Field:
    """Base of all field kinds; ``de``/``en`` label the field in explanations and docs."""

    de: str = ""
    en: str = ""
    nullable: bool = True

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def _wrap(self, schema: dict[str, Any]) -> dict[str, Any]:
        if self.nullable:
            t = schema.get("type")
            if isinstance(t, str):
                schema = {**schema, "type": [t, "null"]}
                if "enum" in schema:
                    schema["enum"] = [*schema["enum"], None]
            else:
                schema = {"anyOf": [schema, {"type": "null"}]}
        if self.de:
            schema = {"description": f"{self.de} / {self.en}", **schema}
        return schema

    def check(self, value: Any, path: str) -> Any:
        if value is None:
            if not self.nullable:
                raise InvalidSituation(path, "darf nicht null sein / must not be null")
            return None
        return self.convert(value, path)

    def convert(self, value: Any, path: str) -> Any:
        raise NotImplementedError


@dataclass(frozen=True)
class DateF(Field):
    def json_schema(self) -> dict[str, Any]:
        return self._wrap({"type": "string", "format": "date", "pattern": _DATE_RE})

    def convert(self, value: Any, path: str) -> date:
        if not isinstance(value, str):
            raise InvalidSituation(path, "Datum als Text JJJJ-MM-TT erwartet / expected a date string YYYY-MM-DD")
        try:
            d = parse_date(value)
        except ValueError:
            raise InvalidSituation(path, f"kein gültiges Datum / not a valid date: {value!r}") from None
        if d.year < 1900 or d.year > 2200:
            raise InvalidSituation(path, f"Datum außerhalb 1900–2200 / date outside 1900–2200: {value!r}")
        return d


@dataclass(frozen=True)
class PartialDateF(Field):
    """A date whose month or day may be unknown (``00``), as the case file records birth dates."""

    def json_schema(self) -> dict[str, Any]:
        return self._wrap({"type": "string", "pattern": r"^[0-9]{4}-(0[0-9]|1[0-2])-([0-2][0-9]|3[01])$"})

    def convert(self, value: Any, path: str) -> tuple[date, date]:
        if not isinstance(value, str):
            raise InvalidSituation(path, "Datum als Text JJJJ-MM-TT erwartet / expected a date string YYYY-MM-DD")
        try:
            lo, hi = parse_partial_date(value)
        except ValueError:
            raise InvalidSituation(path, f"kein gültiges Datum / not a valid date: {value!r}") from None
        if lo.year < 1900 or hi.year > 2200:
            raise InvalidSituation(path, f"Datum außerhalb 1900–2200 / date outside 1900–2200: {value!r}")
        return lo, hi


@dataclass(frozen=True)
class StrF(Field):
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    max_length: int = 200

    def json_schema(self) -> dict[str, Any]:
        s: dict[str, Any] = {"type": "string", "maxLength": self.max_length}
        if self.enum:
            s["enum"] = list(self.enum)
        if self.pattern:
            s["pattern"] = self.pattern
        return self._wrap(s)

    def convert(self, value: Any, path: str) -> str:
        if not isinstance(value, str):
            raise InvalidSituation(path, "Text erwartet / expected a string")
        if self.enum is not None and value not in self.enum:
            allowed = ", ".join(self.enum)
            raise InvalidSituation(path, f"unbekannter Wert / unknown value {value!r} (erlaubt / allowed: {allowed})")
        if len(value) > self.max_length:
            raise InvalidSituation(path, f"höchstens {self.max_length} Zeichen / at most {self.max_length} characters")
        if self.pattern and not re.search(self.pattern, value):
            raise InvalidSituation(path, f"Format passt nicht / does not match {self.pattern}: {value!r}")
        return value


@dataclass(frozen=True)
class BoolF(Field):
    def json_schema(self) -> dict[str, Any]:
        return self._wrap({"type": "boolean"})

    def convert(self, value: Any, path: str) -> bool:
        if not isinstance(value, bool):
            raise InvalidSituation(path, "true, false oder null erwartet / expected true, false or null")
        return value


@dataclass(frozen=True)
class IntF(Field):
    minimum: int = 0
    maximum: int = 10_000

    def json_schema(self) -> dict[str, Any]:
        return self._wrap({"type": "integer", "minimum": self.minimum, "maximum": self.maximum})

    def convert(self, value: Any, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int | float) or (
            isinstance(value, float) and not value.is_integer()
        ):
            raise InvalidSituation(path, "ganze Zahl erwartet / expected an integer")
        value = int(value)
        if not self.minimum <= value <= self.maximum:
            raise InvalidSituation(path, f"Wert außerhalb {self.minimum}–{self.maximum} / out of range")
        return value


@dataclass(frozen=True)
class NumF(Field):
    minimum: float = 0
    maximum: float = 1e9

    def json_schema(self) -> dict[str, Any]:
        return self._wrap({"type": "number", "minimum": self.minimum, "maximum": self.maximum})

    def convert(self, value: Any, path: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidSituation(path, "Zahl erwartet / expected a number")
        if not self.minimum <= value <= self.maximum:
            raise InvalidSituation(path, f"Wert außerhalb {self.minimum}–{self.maximum} / out of range")
        return float(value)


@dataclass(frozen=True)
class ConstF(Field):
    value: str = ""

    def json_schema(self) -> dict[str, Any]:
        return {"const": self.value}

    def convert(self, value: Any, path: str) -> str:
        if value != self.value:
            raise InvalidSituation(path, f"{self.value!r} erwartet / expected {self.value!r}")
        return value


@dataclass(frozen=True)
class Order:
    """A plausibility rule inside one object: ``later`` must not lie before ``earlier``."""

    later: str
    earlier: str


@dataclass(frozen=True)
class ObjF(Field):
    fields: dict[str, Field] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    orders: tuple[Order, ...] = ()

    def json_schema(self) -> dict[str, Any]:
        s: dict[str, Any] = {
            "type": "object",
            "properties": {k: f.json_schema() for k, f in self.fields.items()},
            "required": list(self.required),
            "additionalProperties": False,
        }
        return self._wrap(s)

    def convert(self, value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise InvalidSituation(path, "Objekt erwartet / expected an object")
        for k in value:
            if k not in self.fields:
                raise InvalidSituation(_ptr(path, k), "unbekanntes Feld / unknown field")
        for k in self.required:
            if k not in value:
                raise InvalidSituation(_ptr(path, k), "Pflichtfeld fehlt / required field missing")
        out = {k: f.check(value.get(k), _ptr(path, k)) for k, f in self.fields.items()}
        for o in self.orders:
            a, b = out.get(o.later), out.get(o.earlier)
            if isinstance(a, date) and isinstance(b, date) and a < b:
                raise InvalidSituation(
                    _ptr(path, o.later), f"liegt vor {o.earlier} / lies before {o.earlier}"
                )
        return out


@dataclass(frozen=True)
class ListF(Field):
    item: ObjF = field(default_factory=ObjF)
    max_items: int = 200

    def json_schema(self) -> dict[str, Any]:
        return self._wrap({"type": "array", "items": self.item.json_schema(), "maxItems": self.max_items})

    def convert(self, value: Any, path: str) -> list[dict[str, Any]]:
        if not isinstance(value, list):
            raise InvalidSituation(path, "Liste erwartet / expected an array")
        if len(value) > self.max_items:
            raise InvalidSituation(path, f"höchstens {self.max_items} Einträge / at most {self.max_items} items")
        return [self.item.check(v, _ptr(path, i)) for i, v in enumerate(value)]


def flatten(spec: ObjF, value: dict[str, Any] | None, prefix: str = "") -> dict[str, Any]:
    """Nested objects become dotted keys; lists stay lists (their items flattened the same way);
    a partial date becomes two keys ``<name>_min`` and ``<name>_max``."""
    out: dict[str, Any] = {}
    for k, f in spec.fields.items():
        name = f"{prefix}{k}"
        v = None if value is None else value.get(k)
        if isinstance(f, ObjF):
            out.update(flatten(f, v, f"{name}."))
        elif isinstance(f, ListF):
            out[name] = None if v is None else [flatten(f.item, item) for item in v]
        elif isinstance(f, PartialDateF):
            out[f"{name}_min"], out[f"{name}_max"] = (None, None) if v is None else v
        else:
            out[name] = v
    return out


def flat_fields(spec: ObjF, prefix: str = "") -> dict[str, Field]:
    """The flat record's keys with the field kind behind each (partial dates appear as two date keys)."""
    out: dict[str, Field] = {}
    for k, f in spec.fields.items():
        name = f"{prefix}{k}"
        if isinstance(f, ObjF):
            out.update(flat_fields(f, f"{name}."))
        elif isinstance(f, PartialDateF):
            out[f"{name}_min"] = DateF(f.de + " (frühestens)", f.en + " (earliest)")
            out[f"{name}_max"] = DateF(f.de + " (spätestens)", f.en + " (latest)")
        else:
            out[name] = f
    return out
