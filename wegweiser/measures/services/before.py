""""Before any measure" (issue 5 § 1): counselling on voluntary departure, supporters with a valid consent, and
the staying-perspective check, per affected person. Returns data for the page; ``store_check`` keeps the
perspective part on the plan, where the ``staying_perspective`` rule reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from wegweiser.accounts.policy import Action
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.persons.services.common import today

from ..safeguards.rules import PERSPECTIVE_MONTHS, add_months
from .common import PURPOSE, require_all
from .facts import VOLUNTARY_DEPARTURE_TYPE

#: Outcomes of the staying-perspective engine that mean a chance (eligible_later only within 6 months).
CHANCE_OUTCOMES = ("eligible", "eligible_later", "undetermined")


@dataclass
class PersonCheck:
    person: Any
    #: Final protocols of the type "freiwillige_ausreise", newest first (with topics covered / not discussed).
    counselling: list[Any] = field(default_factory=list)
    #: Consents valid today: the supporters the office asks about again (seed 004).
    supporters: list[Any] = field(default_factory=list)
    #: Pathways with a chance: dicts with pathway_id, title, outcome, earliest_date (date or None), needs_reason.
    chances: list[dict[str, Any]] = field(default_factory=list)
    #: Set when the engine could not assess the file (then it counts like "undetermined").
    perspective_error: str = ""

    @property
    def counselled(self) -> bool:
        return bool(self.counselling)

    @property
    def needs_reason(self) -> bool:
        return bool(self.perspective_error) or any(c["needs_reason"] for c in self.chances)


def _chances(assessment: dict[str, Any], on: date) -> list[dict[str, Any]]:
    horizon = add_months(on, PERSPECTIVE_MONTHS)
    rows = []
    for p in assessment.get("pathways", []):
        if p["outcome"] not in CHANCE_OUTCOMES:
            continue
        earliest = date.fromisoformat(p["earliest_date"]) if p.get("earliest_date") else None
        needs = p["outcome"] != "eligible_later" or earliest is None or earliest <= horizon
        title = p.get("title") or {}
        rows.append({"pathway_id": p["id"], "title": title.get("de") or p["id"] if isinstance(title, dict) else str(title),
                     "citation": p.get("citation", ""), "outcome": p["outcome"], "earliest_date": earliest,
                     "needs_reason": needs})
    return rows


def check_persons(user: Any, persons: list[Any], *, on: date | None = None) -> list[PersonCheck]:
    """Run the checks for each person (MEASURE_VIEW; the engine also asks ASSESSMENT_VIEW and audits its read)."""
    from wegweiser.consent.models import Consent
    from wegweiser.counselling.models import Protocol
    from wegweiser.counselling.models.protocol import ProtocolStatus
    from wegweiser.perspectives.services import assess_person
    from wegweiser.rules import InvalidSituation

    on = on or today()
    require_all(user, Action.MEASURE_VIEW, persons)
    checks = []
    for person in persons:
        check = PersonCheck(person=person)
        check.counselling = list(
            Protocol.objects.filter(person=person, status=ProtocolStatus.FINAL,
                                    counselling_type__key=VOLUNTARY_DEPARTURE_TYPE)
            .select_related("counselling_type").prefetch_related("topics_covered").order_by("-held_on", "-pk"))
        check.supporters = [c for c in Consent.objects.filter(person=person, revoked_at__isnull=True,
                                                               valid_from__lte=on, valid_until__gte=on)
                            .select_related("recipient_contact", "recipient_organisation")]
        try:
            check.chances = _chances(assess_person(user, person, on), on)
        except InvalidSituation as exc:
            check.perspective_error = f"{exc.pointer or '/'}: {exc.message}"
        record(actor=user, action=AuditAction.VIEW, purpose=PURPOSE, person=person, obj=person, details={
            "page": "measure_before_check", "counselled": check.counselled, "supporters": len(check.supporters),
            "chances": [c["pathway_id"] for c in check.chances if c["needs_reason"]],
        })
        checks.append(check)
    return checks


def as_stored(checks: list[PersonCheck], on: date) -> dict[str, Any]:
    """The part of the checks kept on the plan (``MeasurePlan.before_check``)."""
    return {
        "checked_on": on.isoformat(),
        "person_ids": sorted(c.person.pk for c in checks),
        "chances": [{"person_id": c.person.pk, "pathway_id": ch["pathway_id"], "title": ch["title"],
                     "outcome": ch["outcome"], "earliest_date": ch["earliest_date"].isoformat()
                     if ch["earliest_date"] else None} for c in checks for ch in c.chances],
        "unassessable": [c.person.pk for c in checks if c.perspective_error],
        "counselled": sorted(c.person.pk for c in checks if c.counselled),
        "supporters": {str(c.person.pk): len(c.supporters) for c in checks},
    }
