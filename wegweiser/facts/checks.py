"""“Keine Einträge – geprüft am …”: which check belongs to which fact kind, and the panel data for a page."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from . import access
from .models import CheckedList, ListCheck

#: Fact kind slug -> the list of the situation format a check on that kind's page is about.
SUBJECT_OF_KIND: dict[str, str] = {
    "convictions": CheckedList.CONVICTIONS,
    "expulsion-interests": CheckedList.EXPULSION_INTERESTS,
    "extremism": CheckedList.EXTREMISM_INDICATIONS,
    "employment": CheckedList.EMPLOYMENT,
    "vocational-training": CheckedList.VOCATIONAL_TRAINING,
    "language-certificates": CheckedList.LANGUAGE_CERTIFICATES,
    "civic-tests": CheckedList.CIVIC_TESTS,
    "qualifications": CheckedList.QUALIFICATIONS,
    "identity-steps": CheckedList.IDENTITY_STEPS,
    "health-exemptions": CheckedList.HEALTH_EXEMPTIONS,
}


def visible_subjects(user: Any, person: Any) -> list[str]:
    return [s for s in CheckedList.values if access.may_view_check(user, person, s)]


def changeable_subjects(user: Any, person: Any) -> list[str]:
    return [s for s in CheckedList.values if access.may_change_check(user, person, s)]


def rows(user: Any, person: Any, checks: list[ListCheck]) -> list[dict[str, Any]]:
    """Display rows with the delete link where the user may change the check."""
    return [
        {"check": c, "delete_url": reverse("facts:check_delete", kwargs={"person_pk": person.pk, "pk": c.pk})
         if access.may_change_check(user, person, c.subject) else ""}
        for c in checks
    ]
