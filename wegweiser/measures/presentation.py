"""What the pages show about plans: rule names, outcome labels, ages and relations of the persons affected.

The safeguard rules write their reasons in German and English (plain Python, no gettext); the pages pick the
one that fits the interface language and name every outcome in words, never by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from wegweiser.persons.models import Person

from .safeguards import HARD_RULES, REASON_RULES, RuleResult
from .safeguards.config import AGE_OF_MAJORITY
from .safeguards.rules import anniversary, possibly_younger
from .services.facts import person_facts

RULE_LABELS = {
    "staying_perspective": gettext_lazy("Bleibeperspektive geprüft"),
    "voluntary_departure_counselling": gettext_lazy("Beratung zur freiwilligen Ausreise"),
    "night_minor": gettext_lazy("Keine Nachtzeit bei Minderjährigen"),
    "family_unity": gettext_lazy("Keine Trennung der Familie"),
    "partner_unity": gettext_lazy("Keine Trennung von Lebenspartnern"),
    "institution": gettext_lazy("Nicht aus sozialen oder medizinischen Einrichtungen"),
    "place_check": gettext_lazy("Abholort prüfen"),
    "unfit_certificate": gettext_lazy("Keine Abschiebung bei bescheinigter Reiseunfähigkeit"),
    "certificate_review": gettext_lazy("Ärztliche Bescheinigungen aktuell und vollständig"),
    "force_proportionality": gettext_lazy("Zwangsmittel nur begründet"),
}
OUTCOME_LABELS = {
    "blocked": gettext_lazy("gesperrt"),
    "warning": gettext_lazy("Warnung"),
    "ok": gettext_lazy("erfüllt"),
}
OUTCOME_BADGES = {"blocked": "danger", "warning": "warning", "ok": "success"}


def rule_label(rule_id: str) -> str:
    return str(RULE_LABELS.get(rule_id, rule_id))


def rule_kind(rule_id: str, hard_warnings: frozenset[str] | set[str]) -> str:
    """How binding a rule is, in words (for the settings page and the safeguards table)."""
    if rule_id in HARD_RULES:
        return _("harte Regel (nicht abschwächbar)")
    if rule_id in REASON_RULES:
        return _("braucht eine schriftliche Begründung")
    if rule_id in hard_warnings:
        return _("Warnregel, vom Amt verbindlich gemacht")
    return _("Warnregel (Bestätigung mit Begründung)")


@dataclass
class ResultRow:
    """One safeguard's result as the page shows it."""

    rule_id: str
    label: str
    outcome: str
    outcome_label: str
    badge: str
    reason: str
    citation: str
    hard: bool
    acknowledged: dict[str, Any] | None
    needs_ack: bool
    #: The acknowledgement form, where the user may acknowledge this warning now.
    form: Any = None


def result_rows(results: list[RuleResult], acknowledgements: dict[str, Any], open_ids: set[str]) -> list[ResultRow]:
    english = (get_language() or "de").startswith("en")
    rows = []
    for r in results:
        outcome = str(r.outcome.value if hasattr(r.outcome, "value") else r.outcome)
        ack = (acknowledgements or {}).get(r.rule_id)
        rows.append(ResultRow(
            rule_id=r.rule_id, label=rule_label(r.rule_id), outcome=outcome, outcome_label=str(OUTCOME_LABELS[outcome]),
            badge=OUTCOME_BADGES[outcome], reason=(r.reason_en if english and r.reason_en else r.reason_de),
            citation=r.citation, hard=r.hard,
            acknowledged=ack if outcome == "warning" and r.rule_id not in open_ids else None,
            needs_ack=outcome == "warning" and r.rule_id in open_ids,
        ))
    return rows


def age_text(person: Person, on: date) -> str:
    """The age on ``on`` in years, a range for a partial birth date, or "unknown"."""
    facts = person_facts(person)
    if facts.birth_earliest is None or facts.birth_latest is None:
        return _("Alter unbekannt")

    def years(birth: date) -> int:
        n = on.year - birth.year
        return n if on >= anniversary(birth, n) else n - 1

    low, high = years(facts.birth_latest), years(facts.birth_earliest)
    if low == high:
        return _("%(years)s Jahre") % {"years": low}
    return _("%(low)s–%(high)s Jahre") % {"low": low, "high": high}


def is_possibly_minor(person: Person, on: date) -> bool:
    return possibly_younger(person_facts(person), AGE_OF_MAJORITY, on)


@dataclass
class Candidate:
    """A person of the family or household: whom a plan may affect, with relation and age."""

    person: Person
    relation: str
    age: str
    minor: bool


def candidates(person: Person, user: Any, on: date, *, extra: list[Person] | None = None) -> list[Candidate]:
    """The person's household and relatives (``facts.family_candidates``), each with the relation to
    ``person`` (as the family view names it) and the age; only persons the user may see."""
    from wegweiser.accounts import policy
    from wegweiser.persons.services.family import family_of

    from .services.facts import family_candidates

    family = family_of(person, user)
    roles = {m.person.pk: str(m.role) for m in [*family.household_members, *family.relatives]}
    ids = {p.pk for p in family_candidates(person)} | {p.pk for p in extra or []}
    visible = policy.visible_persons(user, Person.objects.filter(pk__in=ids)).order_by("family_name", "given_names", "pk")
    rows = []
    for p in visible:
        relation = _("diese Person") if p.pk == person.pk else roles.get(p.pk, _("weitere Person"))
        rows.append(Candidate(person=p, relation=relation, age=age_text(p, on), minor=is_possibly_minor(p, on)))
    rows.sort(key=lambda c: (c.person.pk != person.pk, c.person.family_name, c.person.given_names))
    return rows
