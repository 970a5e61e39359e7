"""The "Beratung" section of the person page: protocols with type, date, status and follow-up."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.persons.sections import Section


def counselling_section(person: Any, user: Any) -> Section | None:
    if not policy.may(user, Action.COUNSELLING_VIEW, person):
        return None
    today = timezone.localdate()
    protocols = list(person.counselling_protocols.select_related("counselling_type"))
    # Only the newest protocol's follow-up counts: a later session answers the earlier one's.
    newest = protocols[0] if protocols else None
    due = newest if newest and newest.follow_up_on and newest.follow_up_on <= today else None
    return Section(
        key="beratung", title=_("Beratung"), template="counselling/_person_section.html", order=25,
        context={"person": person, "protocols": protocols, "today": today, "due": due,
                 "may_change": policy.may(user, Action.COUNSELLING_CHANGE, person)},
    )

