"""The facts section of the person overview (the persons app includes ``facts/_person_facts.html``).

The caller audits the view of the overview; this module only reads what the policy lets the user see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from . import access, checks
from .display import Detail, describe, fact_title, source_badge
from .models import Fact
from .registry import FACT_KINDS, FactKind


@dataclass
class Entry:
    fact: Fact
    title: str
    details: list[Detail]
    badge: str
    edit_url: str = ""


@dataclass
class Section:
    kind: FactKind
    label: str
    sensitive: bool
    list_url: str
    create_url: str = ""
    entries: list[Entry] = field(default_factory=list)


def facts_context(person: Any, user: Any) -> dict:
    """Context for ``facts/_person_facts.html``: one section per fact kind the user may see."""
    sections: list[Section] = []
    hidden: list[str] = []
    for kind in FACT_KINDS:
        if not access.view_decision(user, person, kind):
            hidden.append(kind.label)
            continue
        may_change = bool(access.change_decision(user, person, kind))
        args = {"person_pk": person.pk, "kind": kind.slug}
        section = Section(
            kind=kind,
            label=kind.label,
            sensitive=access.is_sensitive(kind),
            list_url=reverse("facts:list", kwargs=args),
            create_url=reverse("facts:create", kwargs=args) if may_change else "",
        )
        for fact in kind.model.objects.filter(person=person).select_related("recorded_by"):
            section.entries.append(
                Entry(
                    fact=fact,
                    title=fact_title(fact),
                    details=describe(fact),
                    badge=source_badge(fact),
                    edit_url=reverse("facts:edit", kwargs={**args, "pk": fact.pk}) if may_change else "",
                )
            )
        sections.append(section)
    return {
        "facts_sections": [s for s in sections if s.entries],
        "facts_empty_sections": [s for s in sections if not s.entries],
        "facts_hidden_kinds": hidden,
        "facts_count": sum(len(s.entries) for s in sections),
        "facts_checks_url": reverse("facts:checks", kwargs={"person_pk": person.pk})
        if checks.visible_subjects(user, person) else "",
    }
