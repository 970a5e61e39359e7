"""Valid JSON bodies for every fact kind, and a way to store one without going through HTTP."""

from __future__ import annotations

from typing import Any

from wegweiser.api.serializers.facts import FACT_SERIALIZERS
from wegweiser.facts.registry import BY_SLUG, FACT_KINDS

PROVENANCE = {"source": "document_shown", "source_date": "2024-03-01", "note": ""}

#: slug -> the kind's own fields, typed as a JSON client sends them.
FACT_BODIES: dict[str, dict[str, Any]] = {
    "identity": {"status": "clarified", "clarified_on": "2023-05-02", "means": "Nationalpass"},
    "identity-steps": {"kind": "embassy_appointment", "taken_on": "2023-02-10", "outcome": "Termin erhalten"},
    "passports": {"kind": "national", "number": "N0001", "issuing_country": "SY", "valid_from": "2022-01-01"},
    "language-certificates": {"level": "B1", "scope": "complete", "exam": "DTZ", "issued_on": "2024-02-01"},
    "civic-tests": {"kind": "lid", "passed": True, "points": 21, "taken_on": "2024-01-15"},
    "integration-course": {"obliged": True, "status": "enrolled", "status_date": None},
    "school": {"school": "Gesamtschule Nord", "attended_from": "2019-08-01", "regular": True},
    "qualifications": {"kind": "vocational", "title": "Elektriker", "obtained_in_germany": False},
    "vocational-training": {"kind": "qualified", "occupation": "Pflegefachfrau", "starts_on": "2023-09-01"},
    "employment": {"kind": "employed", "employer": "Bäckerei Kaya", "starts_on": "2023-04-01", "hours_per_week": "38.5"},
    "livelihood": {"period_from": "2023-01-01", "secured": "fully", "benefits": "none", "monthly_income_eur": "2150.00"},
    "housing": {"kind": "eigene Wohnung", "adequate": True},
    "pension": {"months": 36, "as_of": "2024-01-01"},
    "convictions": {"decided_on": "2020-06-01", "offence": "Diebstahl", "daily_rates": 30},
    "expulsion-interests": {"provision": "§ 54 Abs. 2 Nr. 9 AufenthG", "particularly_serious": False},
    "extremism": {"noted_on": "2021-01-01", "description": "Hinweis einer Behörde", "confirmed": None},
    "expulsion-orders": {"exists": False},
    "removal-obstruction": {"false_statements_or_deception": False, "non_cooperation": None},
    "commitments": {"kind": "fdgo", "declared_on": "2024-02-01"},
    "health-exemptions": {"scope": "language", "description": "Attest liegt vor"},
    "judgements": {"kind": "integration_prognosis", "value": "positive", "reason": "Gute Integration."},
}

#: slug -> (field, new JSON value) for a PATCH.
FACT_CHANGES: dict[str, tuple[str, Any]] = {
    "identity": ("means", "Geburtsurkunde"),
    "identity-steps": ("outcome", "Pass beantragt"),
    "passports": ("number", "N0002"),
    "language-certificates": ("level", "B2"),
    "civic-tests": ("points", 25),
    "integration-course": ("status", "completed"),
    "school": ("attended_until", "2023-07-15"),
    "qualifications": ("recognised", True),
    "vocational-training": ("provider", "Klinikum Süd"),
    "employment": ("hours_per_week", "20.0"),
    "livelihood": ("secured", "partly"),
    "housing": ("adequate", False),
    "pension": ("months", 48),
    "convictions": ("suspended", True),
    "expulsion-interests": ("particularly_serious", True),
    "extremism": ("confirmed", False),
    "expulsion-orders": ("exists", True),
    "removal-obstruction": ("non_cooperation", True),
    "commitments": ("declared_on", "2024-02-02"),
    "health-exemptions": ("scope", "civic_test"),
    "judgements": ("value", "negative"),
}

assert set(FACT_BODIES) == set(FACT_CHANGES) == {kind.slug for kind in FACT_KINDS}, "a fact kind lacks a body"


def fact_body(slug: str, **overrides: Any) -> dict[str, Any]:
    return {**FACT_BODIES[slug], **PROVENANCE, **overrides}


def form_body(slug: str) -> dict[str, str]:
    """The same body as form fields (the permission matrix posts forms)."""
    return {
        key: str(value).lower() if isinstance(value, bool) else str(value)
        for key, value in fact_body(slug).items()
        if value is not None
    }


def make_fact(slug: str, person: Any, user: Any = None):
    """Store a fact validated by the API's own serializer and the model's rules (no HTTP, no audit)."""
    serializer = FACT_SERIALIZERS[slug](data=fact_body(slug))
    assert serializer.is_valid(), serializer.errors
    fact = BY_SLUG[slug].model(person=person, recorded_by=user, **serializer.validated_data)
    fact.full_clean(exclude=["recorded_by"])
    fact.save()
    return fact
