"""The engine's ``assessment/1`` as the pages show it: labels for its codes, texts in the user's language,
dates as dates, and the link that turns a gap into a Zielvereinbarung."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action

#: outcome -> (label, KERN badge tone); the label always carries the meaning, the colour only repeats it.
OUTCOMES: dict[str, tuple[Any, str]] = {
    "eligible": (_("Jetzt möglich"), "success"),
    "eligible_later": (_("Später möglich"), "info"),
    "undetermined": (_("Offen: Angaben oder Bewertung fehlen"), "warning"),
    "not_eligible": (_("Nicht möglich"), "danger"),
    "not_in_force": (_("Vorschrift gilt nicht"), "info"),
}
RESULTS: dict[str, Any] = {
    "met": _("erfüllt"),
    "not_met": _("nicht erfüllt"),
    "unknown": _("nicht feststellbar"),
    "judgement": _("Bewertung nötig"),
    "not_applicable": _("nicht anwendbar"),
}
GAP_KINDS: dict[str, Any] = {
    "exclusion": _("Ausschluss"),
    "achievement": _("noch zu erbringen"),
    "evidence": _("Angaben fehlen"),
    "judgement": _("Bewertung fehlt"),
    "time": _("Zeit"),
}
#: Gaps the person can close with a goal: something to bring or to prove.
GOAL_GAP_KINDS = ("achievement", "evidence")


def language() -> str:
    """The engine's text language for the active UI language (German unless the user chose English)."""
    return "en" if (get_language() or "de").lower().startswith("en") else "de"


def text(value: dict[str, str] | None, lang: str) -> str:
    if not value:
        return ""
    return value.get(lang) or value.get("de", "")


def as_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def goal_base_url(user: Any, person: Any) -> str:
    """The goals app's create page for this person, or "" if the user may not create goals or the goals
    app does not offer that page (the panel then simply shows no link)."""
    if not policy.may(user, Action.GOAL_CHANGE, person):
        return ""
    try:
        return reverse("goals:create", kwargs={"person_pk": person.pk})
    except NoReverseMatch:
        return ""


def _condition(cond: dict[str, Any], lang: str) -> dict[str, Any]:
    return {
        "id": cond["id"],
        "citation": cond["citation"],
        "text": text(cond["text"], lang),
        "result": cond["result"],
        "result_label": RESULTS.get(cond["result"], cond["result"]),
        "reason": text(cond["reason"], lang),
        "review": cond.get("review") or [],
        "alternatives": [_condition(alt, lang) for alt in cond.get("alternatives") or []],
    }


def gap(g: dict[str, Any], lang: str, pathway_id: str = "", goal_url: str = "") -> dict[str, Any]:
    link = ""
    if goal_url and g["kind"] in GOAL_GAP_KINDS:
        link = f"{goal_url}?{urlencode({'pathway': pathway_id, 'condition': g['condition']})}"
    return {
        "condition": g["condition"], "kind": g["kind"], "kind_label": GAP_KINDS.get(g["kind"], g["kind"]),
        "text": text(g["text"], lang), "date": as_date(g.get("date")), "goal_url": link,
    }


def pathway(p: dict[str, Any], lang: str, goal_url: str = "") -> dict[str, Any]:
    label, tone = OUTCOMES.get(p["outcome"], (p["outcome"], "info"))
    version = p.get("law_version") or {}
    return {
        "id": p["id"],
        "title": text(p["title"], lang),
        "citation": p["citation"],
        "outcome": p["outcome"],
        "outcome_label": label,
        "tone": tone,
        "earliest_date": as_date(p.get("earliest_date")),
        "law_from": as_date(version.get("valid_from")),
        "law_until": as_date(version.get("valid_until")),
        "conditions": [_condition(c, lang) for c in p["conditions"]],
        "gaps": [gap(g, lang, p["id"], goal_url) for g in p["missing"]],
        "notes": [text(n, lang) for n in p.get("notes") or []],
        "review": p.get("review", False),
    }


def assessment(a: dict[str, Any], goal_url: str = "") -> dict[str, Any]:
    """Everything a template needs of one assessment, in the active language."""
    lang = language()
    return {
        "as_of": as_date(a["as_of"]),
        "engine_version": a["engine_version"],
        "disclaimer": text(a["disclaimer"], lang),
        "pathways": [pathway(p, lang, goal_url) for p in a["pathways"]],
    }


def comparison(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of ``services.compare`` with both sides presented."""
    lang = language()
    return [{
        "id": row["id"],
        "before": pathway(row["before"], lang),
        "after": pathway(row["after"], lang),
        "closed": [gap(g, lang) for g in row["closed"]],
        "opened": [gap(g, lang) for g in row["opened"]],
        "changed": row["changed"],
    } for row in rows]
