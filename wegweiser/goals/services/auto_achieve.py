"""Auto-achieve: when newly recorded facts meet the condition a goal was made for, the goal is achieved.

Runs after a fact or the residence history of a person changed (see ``goals.receivers``). The system re-assesses
the person for the pathways of the open, linked goals only, and moves each goal whose condition the engine now
calls "met" to "achieved" (history row without a user, audited), then tells the Lotse (else the goal's creator).
"""

from __future__ import annotations

import logging
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.notifications.services import notify
from wegweiser.persons.models import Person
from wegweiser.rules import InvalidSituation, assess
from wegweiser.rules.pathways import PATHWAYS

from ..models import GoalStatus, Zielvereinbarung
from . import gaps, transitions

logger = logging.getLogger(__name__)

#: Statuses from which the system may mark a goal achieved (a missed goal is first agreed anew by a person).
WATCHED = (GoalStatus.AGREED, GoalStatus.IN_PROGRESS)


def recipient_for(goal: Zielvereinbarung) -> Any:
    """Who hears about the goal: the person's Lotse, else whoever made the agreement."""
    return goal.person.lotse or goal.created_by


def check_person(person_id: int) -> list[Zielvereinbarung]:
    """Mark the person's open linked goals achieved whose condition is met now; returns those goals."""
    goals = list(
        Zielvereinbarung.objects.select_related("person__lotse", "created_by")
        .filter(person_id=person_id, status__in=WATCHED).exclude(condition="").exclude(pathway="")
    )
    goals = [g for g in goals if g.pathway in PATHWAYS]
    if not goals:
        return []
    person = Person.objects.select_related("lotse").get(pk=person_id)
    today = timezone.localdate()
    document = gaps.system_situation(person, today, goal_ids=[g.pk for g in goals])
    pathways = [PATHWAYS[p] for p in dict.fromkeys(g.pathway for g in goals)]
    try:
        assessment = assess(document, today, pathways=pathways)
    except InvalidSituation:
        logger.exception("Auto-achieve: situation of person %s is not valid", person_id)
        return []
    achieved = []
    for goal in goals:
        if gaps.condition_result(assessment, goal.pathway, goal.condition) != "met":
            continue
        try:
            transitions.change_status(
                None, goal, GoalStatus.ACHIEVED, expected_status=goal.status,
                reason=_("Automatisch: Die Regelprüfung vom %(date)s wertet die Voraussetzung als erfüllt.")
                % {"date": today.strftime("%d.%m.%Y")},
                details={"auto": True, "pathway": goal.pathway, "condition": goal.condition},
            )
        except transitions.InvalidTransition:
            continue  # someone changed the status meanwhile; their decision stands
        achieved.append(goal)
        recipient = recipient_for(goal)
        if recipient is not None:
            notify(
                recipient,
                message=_("Die Zielvereinbarung „%(title)s“ (%(person)s) ist erreicht: die Voraussetzung ist jetzt "
                          "erfüllt.") % {"title": goal.title, "person": person.display_name},
                url=reverse("goals:detail", kwargs={"pk": goal.pk}), person=person, send_email=True,
            )
    return achieved
