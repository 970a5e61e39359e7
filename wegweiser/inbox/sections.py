"""The "Eingang" section of the person page: open partner submissions about this person, for inbox staff."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.persons.sections import Section

from .models import SubmissionStatus


def inbox_section(person: Any, user: Any) -> Section | None:
    if not policy.may(user, Action.INBOX_VIEW, person):
        return None
    open_submissions = list(person.submissions.filter(status=SubmissionStatus.OPEN)
                            .select_related("sender_contact__organisation").order_by("-created_at", "-pk"))
    return Section(key="eingang", title=_("Eingang von Partnern"), template="inbox/_person_section.html", order=45,
                   context={"person": person, "submissions": open_submissions})
