"""The "Vermittlungen" section of the person page: referrals to the network and the "Angebote für Sie" sheet."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.persons.sections import Section
from wegweiser.printing.render import client_language


def referrals_section(person: Any, user: Any) -> Section | None:
    if not (policy.may(user, Action.PERSON_VIEW, person) and policy.may(user, Action.NETWORK_VIEW)):
        return None
    referrals = person.referrals.select_related("organisation", "contact", "created_by", "protocol")
    return Section(
        key="vermittlungen", title=_("Vermittlungen"), template="network/_person_section.html", order=40,
        context={
            "person": person, "referrals": list(referrals),
            "may_refer": policy.may(user, Action.REFERRAL_CREATE, person),
            "may_view_protocols": policy.may(user, Action.COUNSELLING_VIEW, person),
            "may_export": policy.may(user, Action.EXPORT, person),
            "languages": settings.CLIENT_LANGUAGES, "language": client_language(person.letter_language or None),
        },
    )
