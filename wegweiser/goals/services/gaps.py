"""Reading the rules engine's assessment for goals: the gap a new goal closes, and whether it is closed now.

The engine (``wegweiser.rules``) lists, per pathway, what is ``missing``: entries with the condition id, a kind
and a text in German and English. A goal made from a gap takes that text as its title and the condition's own
text as its measurable indicator.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wegweiser import rules
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.persons.services.situation import export_situation, relatives_read, situation_for
from wegweiser.rules.situation import FORMAT

from .common import SYSTEM_PURPOSE


def _text(value: dict[str, str] | str | None) -> str:
    """The engine's bilingual text in the user's language (German unless English is active)."""
    if isinstance(value, dict):
        lang = "en" if (get_language() or "de").startswith("en") else "de"
        return value.get(lang) or value.get("de") or ""
    return value or ""


def _pathway(assessment: dict[str, Any], pathway_id: str) -> dict[str, Any] | None:
    return next((p for p in assessment.get("pathways", []) if p.get("id") == pathway_id), None)


def _find_condition(conditions: list[dict[str, Any]], condition_id: str) -> dict[str, Any] | None:
    """A condition by id: top-level first, then among the alternatives of a condition."""
    for condition in conditions:
        if condition.get("id") == condition_id:
            return condition
    for condition in conditions:
        for alternative in condition.get("alternatives") or []:
            if alternative.get("id") == condition_id:
                return alternative
    return None


def condition_result(assessment: dict[str, Any], pathway_id: str, condition_id: str) -> str | None:
    """The engine's result ("met", "not_met", "unknown", ...) for one condition, None if not assessed."""
    pathway = _pathway(assessment, pathway_id)
    if pathway is None:
        return None
    condition = _find_condition(pathway.get("conditions") or [], condition_id)
    return condition.get("result") if condition else None


def gap_prefill(assessment: dict[str, Any], pathway_id: str, condition_id: str) -> dict[str, str] | None:
    """Title and indicator for a goal that closes one gap; None if the engine names no such condition."""
    pathway = _pathway(assessment, pathway_id)
    if pathway is None:
        return None
    condition = _find_condition(pathway.get("conditions") or [], condition_id)
    if condition is None:
        return None
    gaps = [m for m in pathway.get("missing") or [] if m.get("condition") == condition_id]
    title = _text(gaps[0]["text"]) if gaps else _text(condition.get("text"))
    indicator = _("Erfüllt: %(condition)s (%(citation)s)") % {
        "condition": _text(condition.get("text")), "citation": condition.get("citation", ""),
    }
    return {
        "title": title[:300], "indicator": indicator, "pathway": pathway_id, "condition": condition_id,
        "pathway_title": _text(pathway.get("title")), "citation": pathway.get("citation", ""),
        "result": condition.get("result", ""),
    }


def assess_for_user(user: Any, person: Any, as_of: date) -> dict[str, Any]:
    """The assessment of ``person`` as ``user`` may read it (policy-checked, audited export)."""
    return rules.assess(export_situation(user, person, as_of), as_of)


def system_situation(person: Any, as_of: date, *, goal_ids: list[int]) -> dict[str, Any]:
    """The situation the system reads to check open goals; audited as an export without a user."""
    relatives = relatives_read(person, as_of)
    document = situation_for(person, as_of)
    details = {"format": FORMAT, "as_of": as_of.isoformat(), "goals": goal_ids, "relatives": [r.pk for r in relatives]}
    record(actor=None, action=AuditAction.EXPORT, purpose=SYSTEM_PURPOSE, person=person, obj=person, details=details)
    for relative in relatives:
        record(actor=None, action=AuditAction.EXPORT, purpose=SYSTEM_PURPOSE, person=relative, obj=relative,
               details={"format": FORMAT, "as_of": as_of.isoformat(), "as_relative_of": person.pk})
    return document




def pathway_title(pathway_id: str) -> str:
    """The pathway's title and citation in the user's language (from the engine's catalogue)."""
    from wegweiser.rules.pathways import PATHWAYS

    pathway = PATHWAYS.get(pathway_id)
    if pathway is None:
        return ""
    return f"{_text({'de': pathway.title_de, 'en': pathway.title_en})} ({pathway.citation})"


def condition_text(goal: Any) -> str:
    """The linked condition's text and citation, empty for a freely written goal."""
    from wegweiser.rules.pathways import PATHWAYS

    pathway = PATHWAYS.get(goal.pathway)
    condition = next((c for c in pathway.conditions if c.id == goal.condition), None) if pathway else None
    if condition is None:
        return ""
    return f"{_text({'de': condition.de, 'en': condition.en})} ({condition.citation})"
