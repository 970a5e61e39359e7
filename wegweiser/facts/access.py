"""Who may see and change which kind of fact; every answer comes from the policy module.

Criminal and health facts are asked for with their data category, so that the consent module can narrow
them later without touching the views.
"""

from __future__ import annotations

from typing import Any

from wegweiser.accounts.policy import Action, DataCategory, Decision, decide, require

from .registry import FactKind


def category_of(kind: FactKind) -> DataCategory:
    return DataCategory(kind.category)


def is_sensitive(kind: FactKind) -> bool:
    return category_of(kind) in (DataCategory.CRIMINAL, DataCategory.HEALTH)


def view_decision(user: Any, person: Any, kind: FactKind) -> Decision:
    return decide(user, Action.PERSON_VIEW, person, category=category_of(kind))


def change_decision(user: Any, person: Any, kind: FactKind) -> Decision:
    return decide(user, Action.FACT_CHANGE, person, category=category_of(kind))


def require_view(user: Any, person: Any, kind: FactKind) -> None:
    require(user, Action.PERSON_VIEW, person, category=category_of(kind))


def require_change(user: Any, person: Any, kind: FactKind) -> None:
    require(user, Action.FACT_CHANGE, person, category=category_of(kind))


def check_category(subject: str) -> DataCategory:
    """Data category of a "known: none" check: that of the list it is about."""
    from .models.checks import category_of_subject

    return DataCategory(category_of_subject(subject))


def may_view_check(user: Any, person: Any, subject: str) -> bool:
    return bool(decide(user, Action.PERSON_VIEW, person, category=check_category(subject)))


def may_change_check(user: Any, person: Any, subject: str) -> bool:
    return bool(decide(user, Action.FACT_CHANGE, person, category=check_category(subject)))
