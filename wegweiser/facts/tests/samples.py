"""Minimal valid form data for every fact kind, and a change to make when editing it."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from wegweiser.facts.forms import form_for
from wegweiser.facts.models import Fact
from wegweiser.facts.registry import BY_SLUG

BASE = {"source": "verified", "source_date": "2024-03-01", "note": ""}

#: slug -> the kind's own fields (as posted by the browser).
MINIMAL: dict[str, dict[str, str]] = {
    "identity": {"status": "clarified", "clarified_on": "2023-05-01", "means": "Nationalpass"},
    "identity-steps": {"kind": "passport_application", "taken_on": "2023-01-10"},
    "passports": {"kind": "national", "issuing_country": "sy", "valid_from": "2022-01-01", "valid_until": "2032-01-01"},
    "language-certificates": {"level": "B1", "scope": "complete", "issued_on": "2024-02-01"},
    "civic-tests": {"kind": "lid", "passed": "true", "points": "20", "taken_on": "2024-01-15"},
    "integration-course": {"obliged": "true", "status": "enrolled"},
    "school": {"attended_from": "2019-08-01"},
    "qualifications": {"kind": "abitur"},
    "vocational-training": {"kind": "qualified", "occupation": "Pflegefachmann"},
    "employment": {"kind": "employed", "starts_on": "2023-04-01", "hours_per_week": "38.5"},
    "livelihood": {"period_from": "2023-01-01", "secured": "fully", "benefits": "none"},
    "housing": {"kind": "eigene Wohnung"},
    "pension": {"months": "36", "as_of": "2024-01-01"},
    "convictions": {"decided_on": "2020-06-01", "offence": "Diebstahl"},
    "expulsion-interests": {"provision": "§ 54 Abs. 2 Nr. 9 AufenthG"},
    "extremism": {"noted_on": "2021-01-01", "description": "Hinweis des Verfassungsschutzes"},
    "expulsion-orders": {"exists": "false"},
    "removal-obstruction": {"false_statements_or_deception": "false"},
    "commitments": {"kind": "fdgo", "declared_on": "2024-02-01"},
    "health-exemptions": {"scope": "language"},
    "judgements": {"kind": "integration_prognosis", "value": "positive", "reason": "Gute Integration."},
}

#: slug -> (field, posted value, value expected on the model afterwards).
EDITS: dict[str, tuple[str, str, Any]] = {
    "identity": ("means", "Geburtsurkunde", "Geburtsurkunde"),
    "identity-steps": ("outcome", "Termin erhalten", "Termin erhalten"),
    "passports": ("number", "N1234567", "N1234567"),
    "language-certificates": ("level", "B2", "B2"),
    "civic-tests": ("points", "25", 25),
    "integration-course": ("status", "completed", "completed"),
    "school": ("attended_until", "2023-07-15", datetime.date(2023, 7, 15)),
    "qualifications": ("recognised", "true", True),
    "vocational-training": ("provider", "Klinikum Nord", "Klinikum Nord"),
    "employment": ("hours_per_week", "20", Decimal("20.0")),
    "livelihood": ("secured", "partly", "partly"),
    "housing": ("adequate", "false", False),
    "pension": ("months", "48", 48),
    "convictions": ("daily_rates", "30", 30),
    "expulsion-interests": ("particularly_serious", "true", True),
    "extremism": ("confirmed", "false", False),
    "expulsion-orders": ("exists", "true", True),
    "removal-obstruction": ("non_cooperation", "true", True),
    "commitments": ("declared_on", "2024-02-02", datetime.date(2024, 2, 2)),
    "health-exemptions": ("description", "Attest liegt vor", "Attest liegt vor"),
    "judgements": ("value", "negative", "negative"),
}


def post_data(slug: str, **overrides: str) -> dict[str, str]:
    return {**MINIMAL[slug], **BASE, **overrides}


def make_fact(slug: str, person: Any, user: Any = None, **overrides: str) -> Fact:
    """Create a fact through its form (so test data passes the same validation as real input)."""
    model = BY_SLUG[slug].model
    form = form_for(model)(post_data(slug, **overrides), instance=model(person=person))
    assert form.is_valid(), form.errors
    fact = form.save(commit=False)
    fact.recorded_by = user
    fact.save()
    return fact
