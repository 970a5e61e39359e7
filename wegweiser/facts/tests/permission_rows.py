"""Permission-matrix rows for the fact pages (see wegweiser/core/permission_matrix.py)."""

from __future__ import annotations

from wegweiser.accounts.roles import CASE_ROLES, Role
from wegweiser.core.permission_matrix import Row

from .samples import EDITS, make_fact, post_data

CERT = "language-certificates"
CONVICTIONS = "convictions"


def _kind(world, slug: str) -> dict:
    return {"person_pk": world.person.pk, "kind": slug}


def _fact(world, slug: str, person=None) -> dict:
    person = person or world.person
    fact = make_fact(slug, person)
    return {"person_pk": person.pk, "kind": slug, "pk": fact.pk}


def _check(world, subject: str = "convictions", person=None) -> dict:
    """A recorded "known: none" check; URL kwargs for deleting it."""
    from wegweiser.facts.models import ListCheck

    person = person or world.person
    check = ListCheck.objects.create(person=person, subject=subject, checked_on="2024-03-01", source="verified")
    return {"person_pk": person.pk, "pk": check.pk}


def _check_data(world) -> dict:
    return {"subject": "convictions", "checked_on": "2024-03-01", "source": "verified", "note": "BZR-Auszug"}


def _edit_data(slug: str):
    field, value, _expected = EDITS[slug]
    return lambda world: post_data(slug, **{field: value, "version": "1"})


ROWS: list[Row] = [
    # Reading: every case role, for every file (today); others are refused.
    Row("facts:list", allowed=CASE_ROLES, setup=lambda w: (_fact(w, CERT), _kind(w, CERT))[1]),
    Row("facts:list", allowed=CASE_ROLES, setup=lambda w: (_fact(w, CONVICTIONS), _kind(w, CONVICTIONS))[1]),
    # Recording and changing: case roles on their own team's file ...
    Row("facts:create", allowed=CASE_ROLES, setup=lambda w: _kind(w, CERT)),
    Row("facts:create", allowed=CASE_ROLES, method="post", setup=lambda w: _kind(w, CERT), data=lambda w: post_data(CERT)),
    Row("facts:edit", allowed=CASE_ROLES, setup=lambda w: _fact(w, CERT)),
    Row("facts:edit", allowed=CASE_ROLES, method="post", setup=lambda w: _fact(w, CERT), data=_edit_data(CERT)),
    Row("facts:delete", allowed=CASE_ROLES, setup=lambda w: _fact(w, CERT)),
    Row("facts:delete", allowed=CASE_ROLES, method="post", setup=lambda w: _fact(w, CERT)),
    Row("facts:edit", allowed=CASE_ROLES, method="post", setup=lambda w: _fact(w, CONVICTIONS), data=_edit_data(CONVICTIONS)),
    # ... while another team's file may only be changed by Teamleitung.
    Row(
        "facts:create", allowed=[Role.TEAMLEITUNG], method="post",
        setup=lambda w: {"person_pk": w.other_team_person.pk, "kind": CERT}, data=lambda w: post_data(CERT),
    ),
    Row(
        "facts:edit", allowed=[Role.TEAMLEITUNG], method="post",
        setup=lambda w: _fact(w, CERT, w.other_team_person), data=_edit_data(CERT),
    ),
    Row("facts:delete", allowed=[Role.TEAMLEITUNG], method="post", setup=lambda w: _fact(w, CERT, w.other_team_person)),
    # "Keine Einträge – geprüft am …": read and recorded like the facts of the list they concern.
    Row("facts:checks", allowed=CASE_ROLES, setup=lambda w: {"person_pk": w.person.pk}),
    Row("facts:checks", allowed=CASE_ROLES, method="post", setup=lambda w: {"person_pk": w.person.pk}, data=_check_data),
    Row("facts:checks", allowed=[Role.TEAMLEITUNG], method="post",
        setup=lambda w: {"person_pk": w.other_team_person.pk}, data=_check_data),
    Row("facts:check_delete", allowed=CASE_ROLES, setup=_check),
    Row("facts:check_delete", allowed=CASE_ROLES, method="post", setup=_check),
    Row("facts:check_delete", allowed=[Role.TEAMLEITUNG], method="post",
        setup=lambda w: _check(w, person=w.other_team_person)),
]
