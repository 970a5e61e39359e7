"""Permission-matrix rows for every URL of the perspectives app (see wegweiser/core/permission_matrix.py).

Assessments are read by every case role (Sachbearbeitung, Integrationslotse, Teamleitung), also for files of
another team; a stored assessment of another person, addressed through world.person, is "not found".
"""

from __future__ import annotations

from wegweiser.accounts.roles import Role
from wegweiser.core.permission_matrix import NOT_FOUND, Row

SB, IL, TL = Role.SACHBEARBEITUNG, Role.INTEGRATIONSLOTSE, Role.TEAMLEITUNG
CASE = (SB, IL, TL)


def _nested(world) -> dict:
    return {"person_pk": world.person.pk}


def _snapshot_of(person):
    from wegweiser.perspectives.models import AssessmentSnapshot, SnapshotPurpose

    return AssessmentSnapshot.objects.create(
        person=person, purpose=SnapshotPurpose.DECISION, as_of="2025-01-01", engine_version="test",
        law_versions={}, assessment={"format": "assessment/1", "as_of": "2025-01-01", "engine_version": "test",
                                     "disclaimer": {"de": "", "en": ""}, "pathways": []},
        situation={},
    )


def _snapshot(world) -> dict:
    return {"person_pk": world.person.pk, "pk": _snapshot_of(world.person).pk}


def _foreign_snapshot(world) -> dict:
    from wegweiser.persons.models import Person

    other = Person.objects.create(file_number="AZ-FREMD", family_name="Fremd", team=world.team)
    return {"person_pk": world.person.pk, "pk": _snapshot_of(other).pk}


def _what_if_post(world) -> dict:
    return {"as_of": "2030-01-01", "certificate_level": "B1", "certificate_scope": "complete",
            "certificate_on": "2029-06-01"}


ROWS: list[Row] = [
    Row("perspectives:panel", allowed=CASE, setup=_nested),
    Row("perspectives:panel", allowed=CASE, setup=_nested, query="stichtag=2030-01-01"),
    Row("perspectives:panel", allowed=CASE, setup=lambda world: {"person_pk": world.other_team_person.pk}),
    Row("perspectives:what_if", allowed=CASE, setup=_nested),
    Row("perspectives:what_if", allowed=CASE, method="post", setup=_nested, data=_what_if_post),
    Row("perspectives:snapshot_create", allowed=CASE, method="post", setup=_nested,
        data=lambda world: {"purpose": "decision", "as_of": "2025-01-01", "note": "", "decision_reference": ""}),
    Row("perspectives:snapshot_create", allowed=CASE, method="post", setup=_nested,
        data=lambda world: {"purpose": "print", "as_of": "2025-01-01"}),
    Row("perspectives:snapshot_detail", allowed=CASE, setup=_snapshot),
    Row("perspectives:snapshot_detail", allowed=(), setup=_foreign_snapshot,
        overrides={SB: NOT_FOUND, IL: NOT_FOUND, TL: NOT_FOUND}),
    Row("perspectives:snapshot_pdf", allowed=CASE, setup=_snapshot),
    Row("perspectives:snapshot_pdf", allowed=(), setup=_foreign_snapshot,
        overrides={SB: NOT_FOUND, IL: NOT_FOUND, TL: NOT_FOUND}),
    Row("perspectives:snapshot_create", allowed=CASE, method="post", setup=_nested, query="format=pdf",
        data=lambda world: {"purpose": "print", "as_of": "2025-01-01"}),
]
