"""The "Zielvereinbarungen" section of the person page."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.persons.sections import Section

from .presentation import goal_rows


def goals_section(person: Any, user: Any) -> Section | None:
    if not policy.may(user, Action.GOAL_VIEW, person):
        return None
    goals = person.goals.select_related("responsible_user")
    open_first = sorted(goals, key=lambda g: (not g.is_open, g.due_date or date.max, g.pk))
    return Section(
        key="ziele", title=_("Zielvereinbarungen"), template="goals/_person_section.html", order=20,
        context={"person": person, "rows": goal_rows(open_first),
                 "may_change": policy.may(user, Action.GOAL_CHANGE, person)},
    )
