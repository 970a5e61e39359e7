"""Permission-matrix rows for every URL of the goals app (see wegweiser/core/permission_matrix.py).

Zielvereinbarungen are not team-bound (GOAL_VIEW / GOAL_CHANGE for SB, IL and TL on any visible file); filing
the signed copy is also a document upload, which is team-bound for SB and IL.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from wegweiser.accounts.roles import Role
from wegweiser.core.permission_matrix import Row

SB, IL, TL = Role.SACHBEARBEITUNG, Role.INTEGRATIONSLOTSE, Role.TEAMLEITUNG
GOALS = (SB, IL, TL)


def _goal(world, person=None) -> dict:
    from wegweiser.goals.services.agreements import create_goal

    goal = create_goal(world.user(TL), person or world.person, {"title": "Deutsch A2", "indicator": "Zertifikat A2"})
    world.goal = goal
    return {"pk": goal.pk}


def _listed_goal(world) -> dict:
    """The list across persons takes no URL arguments; one goal makes it show a row."""
    _goal(world)
    return {}


def _goal_post(world) -> dict:
    return {
        "title": "Sprachkurs abschließen", "indicator": "Zertifikat Deutsch-Test für Zuwanderer, A2",
        "due_date": (timezone.localdate() + timedelta(days=90)).isoformat(), "next_review": "",
        "responsible_kind": "person", "responsible_name": "", "responsible_user": "", "support": "Kursplatz",
        "language": "ar", "pathway": "", "condition": "",
    }


def _edit_post(world) -> dict:
    return {**_goal_post(world), "version": str(world.goal.version)}


def _upload(world) -> dict:
    from wegweiser.documents.tests.samples import pdf_upload

    return {"file": pdf_upload()}


ROWS: list[Row] = [
    Row("goals:create", allowed=GOALS, setup=lambda w: {"person_pk": w.person.pk}),
    Row("goals:create", allowed=GOALS, setup=lambda w: {"person_pk": w.person.pk},
        query="pathway=aufenthg_25b&condition=deutsch_a2_muendlich"),
    Row("goals:create", allowed=GOALS, method="post", setup=lambda w: {"person_pk": w.person.pk}, data=_goal_post),
    Row("goals:create", allowed=GOALS, method="post", setup=lambda w: {"person_pk": w.other_team_person.pk},
        data=_goal_post),
    Row("goals:detail", allowed=GOALS, setup=_goal),
    Row("goals:detail", allowed=GOALS, setup=lambda w: _goal(w, w.other_team_person)),
    Row("goals:edit", allowed=GOALS, setup=_goal),
    Row("goals:edit", allowed=GOALS, method="post", setup=_goal, data=_edit_post),
    Row("goals:status", allowed=GOALS, method="post", setup=_goal,
        data=lambda w: {"to_status": "in_progress", "expected_status": "agreed", "reason": "Kurs begonnen"}),
    Row("goals:upload_signed", allowed=GOALS, setup=_goal),
    Row("goals:upload_signed", allowed=GOALS, method="post", setup=_goal, data=_upload),
    Row("goals:upload_signed", allowed=(TL,), method="post", setup=lambda w: _goal(w, w.other_team_person),
        data=_upload),
    Row("goals:list", allowed=GOALS, setup=_listed_goal),
    Row("goals:list", allowed=GOALS, setup=_listed_goal, query="status=laufend&faellig=ueberfaellig&lotse=ohne"),
]
