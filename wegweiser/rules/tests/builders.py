"""Small builders for valid ``situation/1`` documents, and a helper that assesses at both speeds.

Tests state only the facts that matter to them; these functions spell out the rest in the schema's shape
(dates as ISO strings, lists as ``[]`` when known to be empty). Every builder returns plain JSON data, so a
document can be written to disk or validated against ``schemas/situation-1.schema.json`` as it is.
"""

from __future__ import annotations

import copy
import zlib
from datetime import date
from typing import Any

from wegweiser.rules.dates import add_days, add_months
from wegweiser.rules.engine import assess_record
from wegweiser.rules.pathway import Pathway
from wegweiser.rules.situation import normalise, validate_with_schema
from wegweiser.rules.vector import evaluate_frame, frame_from_records

Doc = dict[str, Any]
DateLike = str | date


# --- dates -------------------------------------------------------------------------------------------------

def iso(d: DateLike | None) -> str | None:
    """An ISO date string (None stays None)."""
    return None if d is None else d if isinstance(d, str) else d.isoformat()


def shift(d: DateLike, years: int = 0, months: int = 0, days: int = 0) -> str:
    """``d`` moved by whole years/months (counted as § 188 BGB does, see ``dates.add_months``), then days."""
    base = date.fromisoformat(d) if isinstance(d, str) else d
    return add_days(add_months(base, 12 * years + months), days).isoformat()


# --- the document ------------------------------------------------------------------------------------------

def situation(as_of: DateLike, birth_date: DateLike | None = None, **fields: Any) -> Doc:
    """A minimal valid document; ``fields`` are top-level keys of situation/1 (deep-copied)."""
    doc: Doc = {"format": "situation/1", "as_of": iso(as_of), "person": {"birth_date": iso(birth_date)}}
    doc.update(copy.deepcopy(fields))
    return doc


def person(birth_date: DateLike | None, id: str | None = None, nationalities: list[str] | None = None) -> Doc:
    """The ``person`` object; ``birth_date`` may be partial (``1990-00-00``)."""
    out: Doc = {"birth_date": iso(birth_date)}
    if id is not None:
        out["id"] = id
    if nationalities is not None:
        out["nationalities"] = [{"code": c} for c in nationalities]
    return out


def residence(status: str, valid_from: DateLike, valid_until: DateLike | None = None,
              kind: str | None = None, basis: str | None = None) -> Doc:
    """One residence period (``valid_until`` None: ongoing)."""
    out: Doc = {"status": status, "valid_from": iso(valid_from), "valid_until": iso(valid_until)}
    if kind is not None:
        out["duldung_kind"] = kind
    if basis is not None:
        out["legal_basis"] = basis
    return out


def duldung(valid_from: DateLike, valid_until: DateLike | None = None, kind: str | None = "60a") -> Doc:
    """A Duldung period (``kind`` 60a, 60b, 60c, 60d or None for unknown)."""
    return residence("duldung", valid_from, valid_until, kind=kind)


def permit(valid_from: DateLike, valid_until: DateLike | None = None, basis: str | None = None) -> Doc:
    """An Aufenthaltserlaubnis period, e.g. ``basis="aufenthg_104c"``."""
    return residence("aufenthaltserlaubnis", valid_from, valid_until, basis=basis)


def stay_abroad(left_on: DateLike, returned_on: DateLike | None = None) -> Doc:
    return {"left_on": iso(left_on), "returned_on": iso(returned_on)}


def employment(starts_on: DateLike, ends_on: DateLike | None = None, hours: float | None = 40,
               social_insurance: bool | None = True, kind: str = "employed", full_time: bool | None = None) -> Doc:
    out: Doc = {"kind": kind, "starts_on": iso(starts_on), "ends_on": iso(ends_on), "hours_per_week": hours,
                "social_insurance": social_insurance}
    if full_time is not None:
        out["full_time"] = full_time
    return out


def livelihood(period_from: DateLike, secured: str | None = "fully", by_employment: bool | None = True,
               benefits: str | None = "none", period_until: DateLike | None = None) -> Doc:
    return {"period_from": iso(period_from), "period_until": iso(period_until), "secured": secured,
            "by_employment": by_employment, "benefits": benefits}


def certificate(level: str, issued_on: DateLike, scope: str | None = "complete") -> Doc:
    """A language certificate (``scope`` "oral" or "complete")."""
    return {"level": level, "scope": scope, "issued_on": iso(issued_on)}


def civic_test(taken_on: DateLike, passed: bool | None = True, kind: str = "lid") -> Doc:
    return {"kind": kind, "passed": passed, "taken_on": iso(taken_on)}


def school(attended_from: DateLike, attended_until: DateLike | None = None, regular: bool | None = True) -> Doc:
    return {"attended_from": iso(attended_from), "attended_until": iso(attended_until), "regular": regular}


def qualification(kind: str, obtained_on: DateLike | None, in_germany: bool | None = True,
                  recognised: bool | None = True) -> Doc:
    return {"kind": kind, "obtained_on": iso(obtained_on), "obtained_in_germany": in_germany,
            "recognised": recognised}


def passport(valid_until: DateLike | None, kind: str = "national", valid_from: DateLike | None = None) -> Doc:
    return {"kind": kind, "valid_from": iso(valid_from), "valid_until": iso(valid_until)}


def child(birth_date: DateLike | None, lives_together: bool | None = True, unmarried: bool | None = True,
          school_attendance_proven: bool | None = True, id: str | None = None) -> Doc:
    out: Doc = {"birth_date": iso(birth_date), "unmarried": unmarried, "lives_together": lives_together,
                "school_attendance_proven": school_attendance_proven}
    if id is not None:
        out["id"] = id
    return out


def household(children: list[Doc] | None = None, has_spouse: bool | None = False, **more: Any) -> Doc:
    """``household`` with children (``None``: unknown) and e.g. ``single_parent``, ``spouse``."""
    return {"has_spouse": has_spouse, "children": children, **more}


def conviction(decided_on: DateLike, intentional: bool | None = True, daily_rates: int | None = None,
               prison_months: int | None = None, suspended: bool | None = None, juvenile_law: bool | None = False,
               immigration_only: bool | None = False, erased_on: DateLike | None = None) -> Doc:
    return {"decided_on": iso(decided_on), "intentional": intentional, "daily_rates": daily_rates,
            "prison_months": prison_months, "suspended": suspended, "juvenile_law": juvenile_law,
            "immigration_only_offence": immigration_only, "erased_on": iso(erased_on)}


def expulsion_interest(absatz: int | None, nummer: str | None, since: DateLike | None = None,
                       until: DateLike | None = None) -> Doc:
    return {"absatz": absatz, "nummer": nummer, "since": iso(since), "until": iso(until)}


def exemption(scope: str, ground: str | None = "illness_or_disability", certificate_date: DateLike | None = None) -> Doc:
    return {"scope": scope, "ground": ground, "certificate_date": iso(certificate_date)}


def judgement(kind: str, subject: str | None, value: str = "positive", recorded_on: DateLike = "2015-01-01",
              id: str | None = None) -> Doc:
    """A case worker's judgement; ``subject`` is a pathway id, ``pathway.condition`` or None (general)."""
    key = f"{kind}|{subject}|{value}|{iso(recorded_on)}"
    return {"id": id or f"J-{zlib.crc32(key.encode()):08x}", "kind": kind, "subject": subject,
            "value": value, "recorded_on": iso(recorded_on)}


# --- assessing at both speeds -------------------------------------------------------------------------------

def assess_both(doc: Doc, pathway: Pathway, schema: bool = True) -> dict[str, Any]:
    """The scalar assessment of one pathway, after checking that the vectorised evaluation agrees on the
    outcome and the earliest date (and, with ``schema``, that the document passes the published schema)."""
    if schema:
        validate_with_schema(doc)
    rec = normalise(doc)
    scalar = assess_record(rec, [pathway])["pathways"][0]
    wide = evaluate_frame(frame_from_records([rec]), rec["as_of"], [pathway])
    outcome = wide.get_column(f"{pathway.id}.outcome")[0]
    earliest = wide.get_column(f"{pathway.id}.earliest_date")[0]
    assert (outcome, iso(earliest)) == (scalar["outcome"], scalar["earliest_date"]), (
        f"{pathway.id}: vectorised {outcome}/{earliest} != scalar {scalar['outcome']}/{scalar['earliest_date']}")
    return scalar


def result(assessment: dict[str, Any], condition: str) -> str:
    """The result of one condition (or alternative) of a scalar assessment."""
    for c in assessment["conditions"]:
        if c["id"] == condition:
            return c["result"]
        for o in c.get("alternatives", []):
            if o["id"] == condition:
                return o["result"]
    raise KeyError(condition)
