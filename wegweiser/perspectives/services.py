"""Staying perspectives of one person: the engine's assessment of the case file, hypothetical changes
("what if"), and stored assessments.

Every assessment reads the file through ``export_situation`` (policy check and EXPORT audit per case file
read); this module adds the right to see assessments, the audit of what-if lookups and of stored assessments.
The engine itself (``wegweiser.rules``) is plain Python and knows nothing of Django.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db import transaction

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.persons.services.common import PURPOSE
from wegweiser.persons.services.situation import export_situation
from wegweiser.rules import assess

from .models import AssessmentSnapshot, SnapshotPurpose

# Kinds of hypothetical change a Lotse asks about ("what if she gets her B1 certificate in March?").
LANGUAGE_CERTIFICATE = "language_certificate"
EMPLOYMENT = "employment"
LIVELIHOOD = "livelihood"
PASSPORT = "passport"
IDENTITY = "identity"
QUALIFICATION = "qualification"
CHANGE_KINDS = (LANGUAGE_CERTIFICATE, EMPLOYMENT, LIVELIHOOD, PASSPORT, IDENTITY, QUALIFICATION)


@dataclass(frozen=True)
class Change:
    """One hypothetical change from ``on``; ``values`` holds the kind's own fields (level, hours, ...)."""

    kind: str
    on: date
    values: dict[str, Any] = field(default_factory=dict)


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _append(document: dict[str, Any], key: str, item: dict[str, Any]) -> None:
    """Add a row to a list; an unknown list (null) becomes one that holds the assumed row."""
    document[key] = [*(document.get(key) or []), item]


def _secure_livelihood(document: dict[str, Any], change: Change) -> None:
    """From ``on`` the livelihood is secured: earlier periods end the day before, later ones give way."""
    start = change.on.isoformat()
    day_before = (change.on - timedelta(days=1)).isoformat()
    periods = []
    for period in document.get("livelihood") or []:
        if period["period_from"] >= start:
            continue
        if period.get("period_until") is None or period["period_until"] >= start:
            period = {**period, "period_until": day_before}
        periods.append(period)
    periods.append({"period_from": start, "period_until": None, "secured": "fully",
                    "by_employment": change.values.get("by_employment"), "benefits": "none"})
    document["livelihood"] = periods


def apply_changes(document: dict[str, Any], changes: list[Change]) -> dict[str, Any]:
    """A copy of the ``situation/1`` document with the changes applied (the engine validates the result)."""
    doc = copy.deepcopy(document)
    for change in changes:
        v = change.values
        on = change.on.isoformat()
        if change.kind == LANGUAGE_CERTIFICATE:
            _append(doc, "language_certificates", {"level": v["level"], "scope": v["scope"], "issued_on": on})
        elif change.kind == EMPLOYMENT:
            hours = v.get("hours_per_week")
            _append(doc, "employment", {
                "kind": "employed", "starts_on": on, "ends_on": None,
                "hours_per_week": None if hours is None else float(hours),
                "social_insurance": v.get("social_insurance"), "full_time": None,
            })
        elif change.kind == LIVELIHOOD:
            _secure_livelihood(doc, change)
        elif change.kind == PASSPORT:
            _append(doc, "passports", {"kind": "national", "valid_from": on, "valid_until": _iso(v.get("valid_until"))})
        elif change.kind == IDENTITY:
            doc["identity"] = {"status": "clarified", "clarified_on": on}
        elif change.kind == QUALIFICATION:
            _append(doc, "qualifications", {"kind": v["kind"], "obtained_on": on,
                                            "obtained_in_germany": v.get("obtained_in_germany"), "recognised": None})
        else:
            raise ValueError(f"unknown change kind {change.kind!r}")
    return doc


def assess_situation(
    actor: Any, person: Any, as_of: date, *, what_if: list[Change] | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The situation document used and the engine's ``assessment/1`` for it (raises ``InvalidSituation``).

    With ``what_if`` (also an empty list: a look at another date) the lookup is audited as such; nothing
    of the assumed changes is stored."""
    policy.require(actor, Action.ASSESSMENT_VIEW, person)
    document = export_situation(actor, person, as_of)
    if what_if is not None:
        document = apply_changes(document, what_if)
        record(actor=actor, action=AuditAction.VIEW, purpose=PURPOSE, person=person, obj=person, details={
            "page": "perspectives_what_if", "what_if": True, "as_of": as_of.isoformat(),
            "changes": [change.kind for change in what_if],
        })
    return document, assess(document)


def assess_person(actor: Any, person: Any, as_of: date, *, what_if: list[Change] | None = None) -> dict[str, Any]:
    """The engine's ``assessment/1`` of the person's file on ``as_of`` (optionally with assumed changes)."""
    return assess_situation(actor, person, as_of, what_if=what_if)[1]


def _gap_key(gap: dict[str, Any]) -> tuple[str, str]:
    return gap["condition"], gap["kind"]


def compare(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """Per pathway: outcome and earliest date before and after, the gaps that disappeared and those added."""
    after_by_id = {p["id"]: p for p in after["pathways"]}
    rows = []
    for old in before["pathways"]:
        new = after_by_id.get(old["id"])
        if new is None:
            continue
        old_keys = {_gap_key(g) for g in old["missing"]}
        new_keys = {_gap_key(g) for g in new["missing"]}
        rows.append({
            "id": old["id"], "before": old, "after": new,
            "closed": [g for g in old["missing"] if _gap_key(g) not in new_keys],
            "opened": [g for g in new["missing"] if _gap_key(g) not in old_keys],
            "changed": (old["outcome"], old["earliest_date"]) != (new["outcome"], new["earliest_date"]),
        })
    return rows


def law_versions(assessment: dict[str, Any]) -> dict[str, dict[str, str | None]]:
    return {p["id"]: p["law_version"] for p in assessment["pathways"]}


def create_snapshot(
    actor: Any, person: Any, as_of: date, purpose: str, *, note: str = "", decision_reference: str = ""
) -> AssessmentSnapshot:
    """Assess the file now and store the result with the situation, engine and law versions (audited)."""
    policy.require(actor, Action.ASSESSMENT_SNAPSHOT, person)
    if purpose not in SnapshotPurpose.values:
        raise ValueError(f"unknown snapshot purpose {purpose!r}")
    document, assessment = assess_situation(actor, person, as_of)
    with transaction.atomic():
        snapshot = AssessmentSnapshot.objects.create(
            person=person, created_by=actor, purpose=purpose, as_of=as_of,
            engine_version=assessment["engine_version"], law_versions=law_versions(assessment),
            assessment=assessment, situation=document, note=note.strip(),
            decision_reference=decision_reference.strip(),
        )
        record(actor=actor, action=AuditAction.CREATE, purpose=PURPOSE, person=person, obj=snapshot, details={
            "purpose": purpose, "as_of": as_of.isoformat(), "engine_version": snapshot.engine_version,
        })
    return snapshot
