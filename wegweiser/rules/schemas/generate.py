"""The published JSON Schemas, generated from code so that they cannot drift from what the engine does.

``situation-1`` comes from the field definitions in ``situation.py``; ``assessment-1`` is built here from the
engine's own constants (outcomes, gap kinds, condition results, legal natures), so adding an outcome or a gap
kind in code changes the schema and the drift test (``tests/test_schemas.py``) asks for a regeneration.
Regenerate with ``python -m wegweiser.rules.schemas``; ``--check`` only compares.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ASSESSMENT_ID = "https://wegweiser.example/schemas/assessment-1.schema.json"
_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _date(nullable: bool = False, description: str = "") -> dict[str, Any]:
    s: dict[str, Any] = {"type": ["string", "null"] if nullable else "string", "format": "date",
                         "pattern": _DATE_PATTERN}
    return {"description": description, **s} if description else s


def _obj(properties: dict[str, Any], required: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
        **extra,
    }


def assessment_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of ``assessment/1``, the output of ``engine.assess``."""
    from ..conditions import JUDGEMENT, MET, NA, NOT_MET, UNKNOWN
    from ..engine import FORMAT
    from ..pathway import GAP_KINDS, NATURES, OUTCOMES

    text = {"$ref": "#/$defs/text"}
    condition = _obj(
        {
            "id": {"type": "string", "pattern": r"^[a-z][a-z0-9_]*$", "description": "Kennung der Bedingung / condition id"},
            "citation": {"type": "string", "minLength": 1, "description": "Fundstelle / citation (Absatz, Satz, Nummer)"},
            "text": {**text, "description": "Wortlaut der Bedingung / what the condition asks"},
            "result": {"enum": [MET, NOT_MET, UNKNOWN, JUDGEMENT, NA], "description": "Ergebnis / result"},
            "reason": {**text, "description": "Begründung mit den verwendeten Angaben / reason with the facts used"},
            "met_from": _date(True, "bei Zeitbedingungen: erfüllt ab / for time conditions: met from"),
            "review": {
                "type": ["array", "null"], "items": {"type": "string", "minLength": 1}, "minItems": 1,
                "description": "Prüfhinweise (vorsichtige Lesart unklaren Rechts) / review marks (cautious reading)",
            },
            "alternatives": {
                "type": "array", "items": {"$ref": "#/$defs/condition"},
                "description": "bei Alternativen: jede Option einzeln / for alternatives: each option",
            },
        },
        required=["id", "citation", "text", "result", "reason", "met_from", "review"],
    )
    gap = _obj(
        {
            "condition": {"type": "string", "pattern": r"^[a-z][a-z0-9_]*$"},
            "kind": {"enum": list(GAP_KINDS), "description": "Art der Lücke / kind of gap"},
            "text": text,
            "date": _date(False, "nur bei kind=time: erfüllt ab / only for kind=time: met from"),
        },
        required=["condition", "kind", "text"],
        allOf=[{
            "if": {"properties": {"kind": {"const": "time"}}},
            "then": {"required": ["date"]},
            "else": {"not": {"required": ["date"]}},
        }],
    )
    pathway = _obj(
        {
            "id": {"type": "string", "pattern": r"^[a-z][a-z0-9_]*$", "description": "Kennung / pathway id"},
            "title": text,
            "citation": {"type": "string", "minLength": 1},
            "legal_nature": {"enum": list(NATURES), "description": "Anspruch, Soll, Regel oder Ermessen"},
            "law_version": _obj({
                "valid_from": _date(True, "Fassung gilt ab (null: vor allen erfassten Änderungen)"),
                "valid_until": _date(True, "Fassung gilt bis (null: keine erfasste Änderung danach)"),
            }, description="Zeitraum, in dem keine Rechengröße des Wegs sich ändert / law version in force"),
            "outcome": {"enum": list(OUTCOMES)},
            "earliest_date": _date(True, "frühestes Datum / earliest date (null if not_eligible or not_in_force)"),
            "conditions": {"type": "array", "items": {"$ref": "#/$defs/condition"}},
            "missing": {
                "type": "array", "items": {"$ref": "#/$defs/gap"},
                "description": "geordnet: exclusion, achievement, evidence, judgement, time (nach Datum)",
            },
            "review": {"type": "boolean", "description": "eine Bedingung trägt einen Prüfhinweis / a review mark"},
            "notes": {"type": "array", "items": text},
            "disclaimer": text,
        },
        allOf=[
            {"if": {"properties": {"outcome": {"enum": ["not_eligible", "not_in_force"]}}},
             "then": {"properties": {"earliest_date": {"type": "null"}}},
             "else": {"properties": {"earliest_date": {"type": "string"}}}},
            {"if": {"properties": {"outcome": {"const": "not_in_force"}}},
             "then": {"properties": {"conditions": {"maxItems": 0}, "missing": {"maxItems": 0}}}},
            {"if": {"properties": {"outcome": {"const": "eligible"}}},
             "then": {"properties": {"missing": {"maxItems": 0}}}},
        ],
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": ASSESSMENT_ID,
        "title": "Wegweiser assessment/1",
        "description": (
            "Ergebnis der Prüfung einer situation/1 für jeden Weg: Ergebnis, frühestes Datum, jede Bedingung mit "
            "Fundstelle und Begründung, geordnete Liste des Fehlenden. / The assessment of a situation/1 for each "
            "pathway: outcome, earliest date, every condition with citation and reason, ordered list of gaps."
        ),
        **_obj({
            "format": {"const": FORMAT},
            "engine_version": {"type": "string", "minLength": 1},
            "as_of": _date(False, "Stichtag / assessment date"),
            "person_id": {"type": ["string", "null"]},
            "disclaimer": text,
            "pathways": {"type": "array", "items": {"$ref": "#/$defs/pathway"}},
        }),
        "$defs": {
            "text": _obj({"de": {"type": "string", "minLength": 1}, "en": {"type": "string", "minLength": 1}},
                         description="Text auf Deutsch und Englisch / text in German and English"),
            "condition": condition,
            "gap": gap,
            "pathway": pathway,
        },
    }


def situation_schema() -> dict[str, Any]:
    from ..situation import json_schema

    return json_schema()


#: file name -> function producing its content
GENERATED = {
    "situation-1.schema.json": situation_schema,
    "assessment-1.schema.json": assessment_schema,
}


def render(schema: dict[str, Any]) -> str:
    """The committed text of a schema (stable formatting, so that diffs show real changes)."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def generated() -> dict[str, str]:
    return {name: render(make()) for name, make in GENERATED.items()}


def stale(directory: Path = HERE) -> list[str]:
    """Names of committed schema files that differ from the generated ones."""
    out = []
    for name, text in generated().items():
        path = directory / name
        if not path.exists() or path.read_text("utf-8") != text:
            out.append(name)
    return out


def write(directory: Path = HERE) -> list[str]:
    """Write every generated schema whose file differs; returns the names written."""
    changed = stale(directory)
    texts = generated()
    for name in changed:
        (directory / name).write_text(texts[name], "utf-8")
    return changed


def load(name: str) -> dict[str, Any]:
    """A committed schema, parsed."""
    return json.loads((HERE / name).read_text("utf-8"))
