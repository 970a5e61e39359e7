"""Permission-matrix rows for every URL of the counselling app (see wegweiser/core/permission_matrix.py).

Protocols: COUNSELLING_VIEW / COUNSELLING_CHANGE for SB, IL and TL on any visible file (not team-bound).
The concept: every counselling role reads it; only Teamleitung (CONCEPT_MANAGE) drafts and publishes.
"""

from __future__ import annotations

from wegweiser.accounts.roles import Role
from wegweiser.core.permission_matrix import Row

SB, IL, TL = Role.SACHBEARBEITUNG, Role.INTEGRATIONSLOTSE, Role.TEAMLEITUNG
COUNSELLING = (SB, IL, TL)


def _draft(world, person=None) -> dict:
    from .samples import complete_draft

    world.protocol = complete_draft(world.user(TL), person or world.person)
    return {"pk": world.protocol.pk}


def _final(world) -> dict:
    from .samples import final

    world.protocol = final(world.user(TL), world.person)
    return {"pk": world.protocol.pk}


def _start_post(world) -> dict:
    from .samples import default_type

    return {"counselling_type": str(default_type().pk), "held_on": "2026-03-02"}


def _edit_post(world) -> dict:
    topics = [str(t.pk) for t in world.protocol.topics_covered.all()]
    return {"held_on": "2026-03-02", "interpreter_mode": "none", "topics_covered": topics,
            "next_steps": "Pass beantragen", "version": str(world.protocol.version)}


def _concept(world) -> dict:
    from .samples import default_concept

    return {"pk": default_concept().pk}


def _draft_concept(world) -> dict:
    from wegweiser.counselling.services.concept import new_draft

    from .samples import default_concept

    default_concept()
    world.concept = new_draft(world.user(TL))
    return {"pk": world.concept.pk}


def _draft_type(world) -> dict:
    _draft_concept(world)
    world.kind = world.concept.types.get(key="mitwirkungspflichten")
    return {"pk": world.kind.pk}


def _concept_post(world) -> dict:
    from wegweiser.counselling.services.concept import types_token

    data = {"title": "Beratungskonzept 2027", "valid_from": "", "edit_token": types_token(world.concept),
            "types-TOTAL_FORMS": "0",
            "types-INITIAL_FORMS": "0", "types-MIN_NUM_FORMS": "0", "types-MAX_NUM_FORMS": "1000"}
    return data


def _topics_post(world) -> dict:
    from wegweiser.counselling.services.concept import topics_token

    return {"edit_token": topics_token(world.kind), "topics-TOTAL_FORMS": "0", "topics-INITIAL_FORMS": "0", "topics-MIN_NUM_FORMS": "0",
            "topics-MAX_NUM_FORMS": "1000"}


ROWS: list[Row] = [
    Row("counselling:protocol_create", allowed=COUNSELLING, setup=lambda w: {"person_pk": w.person.pk}),
    Row("counselling:protocol_create", allowed=COUNSELLING, method="post",
        setup=lambda w: {"person_pk": w.other_team_person.pk}, data=_start_post),
    Row("counselling:protocol_detail", allowed=COUNSELLING, setup=_draft),
    Row("counselling:protocol_detail", allowed=COUNSELLING, setup=_final),
    Row("counselling:protocol_edit", allowed=COUNSELLING, setup=_draft),
    Row("counselling:protocol_edit", allowed=COUNSELLING, method="post", setup=_draft, data=_edit_post),
    Row("counselling:protocol_finalise", allowed=COUNSELLING, method="post", setup=_draft,
        data=lambda w: {"version": str(w.protocol.version)}),
    Row("counselling:addendum_create", allowed=COUNSELLING, setup=_final),
    Row("counselling:addendum_create", allowed=COUNSELLING, method="post", setup=_final,
        data=lambda w: {"text": "Die Person hat den Termin bestätigt."}),
    Row("counselling:concept_list", allowed=COUNSELLING),
    Row("counselling:concept_detail", allowed=COUNSELLING, setup=_concept),
    Row("counselling:concept_new_draft", allowed=(TL,), method="post"),
    Row("counselling:concept_edit", allowed=(TL,), setup=_draft_concept),
    Row("counselling:concept_edit", allowed=(TL,), method="post", setup=_draft_concept, data=_concept_post),
    Row("counselling:concept_type_edit", allowed=(TL,), setup=_draft_type),
    Row("counselling:concept_type_edit", allowed=(TL,), method="post", setup=_draft_type, data=_topics_post),
    Row("counselling:concept_publish", allowed=(TL,), method="post", setup=_draft_concept),
]
