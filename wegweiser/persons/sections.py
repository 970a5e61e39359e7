"""Sections other apps add to the person page, so that the case file stays one page without this app
importing theirs.

An app registers a provider in its ``AppConfig.ready``::

    from wegweiser.persons.sections import Section, register

    @register
    def goals_section(person, user) -> Section | None:
        if not policy.may(user, Action.GOAL_VIEW, person):
            return None          # nothing shown, nothing read
        return Section(key="ziele", title=_("Zielvereinbarungen"), template="goals/_person_section.html",
                       context={...}, order=20)

A provider checks the policy itself and returns None when the user may not see the section. The person page
shows the sections after the personal data, ordered by ``order``, lists them in its table of contents and
names their keys in its one audit entry (``sections``), so every read stays audited.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise


@dataclass
class Section:
    key: str  # the HTML id of the section and its name in the audit entry
    title: str | Promise
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


Provider = Callable[[Any, Any], Section | None]
_PROVIDERS: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Add a provider (idempotent, so a repeated ``ready`` in tests does not show a section twice)."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def sections_for(person: Any, user: Any) -> list[Section]:
    sections = [s for s in (provider(person, user) for provider in _PROVIDERS) if s is not None]
    return sorted(sections, key=lambda s: (s.order, s.key))
