"""Permission-matrix rows for every URL of the printing app (see wegweiser/core/permission_matrix.py)."""

from __future__ import annotations

from datetime import date, timedelta

from wegweiser.accounts.roles import Role
from wegweiser.core.permission_matrix import Row

SB, IL, TL = Role.SACHBEARBEITUNG, Role.INTEGRATIONSLOTSE, Role.TEAMLEITUNG
CASE = (SB, IL, TL)  # GOAL_VIEW, and ASSESSMENT_VIEW with EXPORT


def _goal(world, person=None) -> dict:
    from wegweiser.goals.models import Zielvereinbarung

    goal = Zielvereinbarung.objects.create(person=person or world.person, title="Deutschkurs B1",
                                           indicator="Zertifikat B1", language="ar")
    return {"pk": goal.pk}


def _holder(world) -> dict:
    from wegweiser.persons.models import ResidencePeriod

    today = date.today()
    ResidencePeriod.objects.create(person=world.person, status="aufenthaltserlaubnis", legal_basis="§ 104c AufenthG",
                                   valid_from=today - timedelta(days=200), valid_until=today + timedelta(days=300))
    return {"person_pk": world.person.pk}


ROWS: list[Row] = [
    Row("printing:goal_pdf", allowed=CASE, setup=_goal),
    Row("printing:goal_pdf", allowed=CASE, setup=_goal, query="lang=fa"),
    # Zielvereinbarungen are not team-bound: a file of another team prints for every case role.
    Row("printing:goal_pdf", allowed=CASE, setup=lambda world: _goal(world, world.other_team_person)),
    Row("printing:sheet_104c", allowed=CASE, setup=_holder, query="lang=uk"),
]


def _protocol(world, *, final: bool = True, person=None) -> dict:
    from .protocols import make_protocol

    number = f"BP-MATRIX-{final:d}-{(person or world.person).pk}"
    protocol = make_protocol(person or world.person, final=final, number=number)
    return {"pk": protocol.pk}


def _handover_post(world) -> dict:
    return {"handover-language": "uk", "handover-how": "in_person"}


ROWS += [
    # the person's copy of a final counselling protocol: COUNSELLING_VIEW and EXPORT
    Row("printing:protocol_copy", allowed=CASE, setup=_protocol, query="lang=ar"),
    Row("printing:protocol_copy", allowed=CASE, setup=lambda world: _protocol(world, person=world.other_team_person)),
    # a draft has no copy: refused with 409 for every role that could print it, 403 for the others
    Row("printing:protocol_copy", allowed=(), setup=lambda world: _protocol(world, final=False),
        overrides={role: "status 409" for role in CASE}),
    # recording the handover: COUNSELLING_CHANGE
    Row("printing:protocol_handover", method="post", allowed=CASE, setup=_protocol, data=_handover_post),
]
