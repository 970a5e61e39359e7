"""The "Beratungskommission" section of the person page: the person's cases with their state."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.persons.sections import Section

from .presentation import case_rows


def commission_section(person: Any, user: Any) -> Section | None:
    if not policy.may(user, Action.COMMISSION_VIEW, person):
        return None
    cases = person.commission_cases.select_related("commission", "consent")
    return Section(
        key="beratungskommission", title=_("Beratungskommission"), template="commission/_person_section.html",
        order=35, context={"person": person, "rows": case_rows(cases),
                           "may_change": policy.may(user, Action.COMMISSION_CHANGE, person)},
    )
