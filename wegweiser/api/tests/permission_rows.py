"""Permission-matrix rows for every URL pattern of API v1.

API rows answer 403 (not a redirect) to anonymous and half-logged-in callers (``api=True``). PATCH is not
in the matrix because the matrix client sends no JSON body; the PATCH rules per role and team are tested
in ``test_persons.py``, ``test_residence.py`` and ``test_facts.py``.
"""

from __future__ import annotations

from datetime import date

from wegweiser.accounts.roles import Role
from wegweiser.core.permission_matrix import ALL_ROLES, NOT_FOUND, Row
from wegweiser.facts.registry import FACT_KINDS
from wegweiser.persons.models import ResidencePeriod

from .payloads import form_body, make_fact

SB, IL, TL = Role.SACHBEARBEITUNG, Role.INTEGRATIONSLOTSE, Role.TEAMLEITUNG
CASE = [SB, IL, TL]


def _person(world) -> dict:
    return {"pk": world.person.pk}


def _person_id(world) -> dict:
    return {"person_id": world.person.pk}


def _period(person_attr: str):
    def setup(world) -> dict:
        person = getattr(world, person_attr)
        period = ResidencePeriod.objects.create(
            person=person, status="aufenthaltserlaubnis", legal_basis="§ 25b AufenthG", valid_from=date(2021, 1, 1)
        )
        return {"pk": period.pk}

    return setup


def _fact(slug: str, person_attr: str = "person"):
    def setup(world) -> dict:
        return {"pk": make_fact(slug, getattr(world, person_attr)).pk}

    return setup


ROWS: list[Row] = [
    Row("api:person-list", CASE, api=True),
    Row("api:person-list", CASE, api=True, query="q=Musterfrau"),
    Row(
        "api:person-list", [SB, TL], method="post", api=True,
        data=lambda world: {"file_number": "AZ-API-1", "family_name": "Neumann", "given_names": "Lea"},
    ),
    Row("api:person-detail", CASE, api=True, setup=_person),
    Row("api:person-detail", [TL], method="delete", api=True, setup=_person),
    # Another team's file: Teamleitung may delete it, nobody else.
    Row("api:person-detail", [TL], method="delete", api=True, setup=lambda w: {"pk": w.other_team_person.pk}),
    Row("api:person-residence-period-list", CASE, api=True, setup=_person_id),
    Row(
        "api:person-residence-period-list", [SB, TL], method="post", api=True, setup=_person_id,
        data=lambda world: {"status": "aufenthaltsgestattung", "valid_from": "2019-03-01", "valid_until": "2020-02-29"},
    ),
    Row("api:residence-period-detail", CASE, api=True, setup=_period("person")),
    Row("api:residence-period-detail", [SB, TL], method="delete", api=True, setup=_period("person")),
    # Team-bound: a case worker of Team 1 cannot delete a period in Team 2's file; Teamleitung can.
    Row("api:residence-period-detail", [TL], method="delete", api=True, setup=_period("other_team_person")),
    Row("api:schema", ALL_ROLES, api=True),
    Row("api:not-found", [], api=True, otherwise=NOT_FOUND, setup=lambda world: {"path": "gibt-es-nicht/"}),
]

for _kind in FACT_KINDS:
    _slug = _kind.slug
    ROWS += [
        Row(f"api:person-fact-{_slug}-list", CASE, api=True, setup=_person_id),
        Row(
            f"api:person-fact-{_slug}-list", CASE, method="post", api=True, setup=_person_id,
            data=lambda world, slug=_slug: form_body(slug),
        ),
        Row(f"api:fact-{_slug}-detail", CASE, api=True, setup=_fact(_slug)),
        Row(f"api:fact-{_slug}-detail", CASE, method="delete", api=True, setup=_fact(_slug)),
        Row(f"api:fact-{_slug}-detail", [TL], method="delete", api=True, setup=_fact(_slug, "other_team_person")),
    ]
