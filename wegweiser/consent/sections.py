"""The "Einwilligungen" section of the person page: every consent with its status in words."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.persons.sections import Section

from .categories import labels_of


def consents_section(person: Any, user: Any) -> Section | None:
    if not policy.may(user, Action.CONSENT_VIEW, person):
        return None
    consents = person.consents.select_related("recipient_organisation", "recipient_contact__organisation")
    rows = [{"consent": c, "status": c.status, "categories": labels_of(c.categories)} for c in consents]
    return Section(
        key="einwilligungen", title=_("Einwilligungen"), template="consent/_person_section.html", order=30,
        context={"person": person, "rows": rows, "may_change": policy.may(user, Action.CONSENT_CHANGE, person)},
    )
