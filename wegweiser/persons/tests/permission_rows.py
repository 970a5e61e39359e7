"""Permission-matrix rows for every URL of the persons app (see wegweiser/core/permission_matrix.py).

``world.person`` belongs to "Team 1", the team of every user of the matrix. Rows that need more (a period,
a relation, a second person) create it in their setup and keep it on the world for the POST data.
"""

from __future__ import annotations

from datetime import date

from wegweiser.accounts.roles import Role
from wegweiser.core.permission_matrix import NOT_FOUND, Row

SB, IL, TL = Role.SACHBEARBEITUNG, Role.INTEGRATIONSLOTSE, Role.TEAMLEITUNG
CASE = (SB, IL, TL)  # see case files
EDIT = (SB, TL)  # change them


def _person(world) -> dict:
    return {"pk": world.person.pk}


def _nested(world) -> dict:
    return {"person_pk": world.person.pk}


def _period(world) -> dict:
    from wegweiser.persons.models import ResidencePeriod

    period = ResidencePeriod.objects.create(
        person=world.person, status="aufenthaltserlaubnis", valid_from=date(2020, 1, 1), valid_until=date(2020, 12, 31)
    )
    return {"person_pk": world.person.pk, "pk": period.pk}


def _foreign_period(world) -> dict:
    """A period of another person, addressed through world.person: must be "not found", never changed."""
    from wegweiser.persons.models import Person, ResidencePeriod

    other = Person.objects.create(file_number="AZ-FREMD", family_name="Fremd", team=world.team)
    period = ResidencePeriod.objects.create(person=other, status="visum", valid_from=date(2020, 1, 1))
    return {"person_pk": world.person.pk, "pk": period.pk}


def _entry(world) -> dict:
    from wegweiser.persons.models import Entry

    entry = Entry.objects.create(person=world.person, date=date(2015, 9, 5), is_first_entry=True)
    return {"person_pk": world.person.pk, "pk": entry.pk}


def _stay(world) -> dict:
    from wegweiser.persons.models import StayAbroad

    stay = StayAbroad.objects.create(person=world.person, left_on=date(2019, 7, 1), returned_on=date(2019, 7, 20))
    return {"person_pk": world.person.pk, "pk": stay.pk}


def _with_relative(world) -> dict:
    from wegweiser.persons.models import Person

    world.relative = Person.objects.create(file_number="AZ-REL", family_name="Musterfrau", given_names="Max",
                                           team=world.team)
    return _nested(world)


def _relation(world) -> dict:
    from wegweiser.persons.models import FamilyRelation, RelationKind

    _with_relative(world)
    relation = FamilyRelation.objects.create(person=world.person, relative=world.relative, kind=RelationKind.SPOUSE)
    return {"person_pk": world.person.pk, "pk": relation.pk}


def _person_post(world) -> dict:
    return {"family_name": "Neu", "given_names": "Nora", "file_number": "AZ-NEU-1", "birth_date": "00.00.1990",
            "nationality_1": "UA", "team": str(world.team.pk)}


def _edit_post(world) -> dict:
    return {"family_name": "Musterfrau", "given_names": "Erika", "file_number": world.person.file_number,
            "phone": "030 1234", "team": str(world.team.pk), "version": "1"}


ROWS: list[Row] = [
    Row("persons:search", allowed=CASE),
    Row("persons:search", allowed=CASE, query="q=Musterfrau", setup=lambda world: (world.person, {})[1]),
    Row("persons:create", allowed=EDIT),
    Row("persons:create", allowed=EDIT, method="post", data=_person_post),
    Row("persons:detail", allowed=CASE, setup=_person),
    Row("persons:detail", allowed=CASE, setup=lambda world: {"pk": world.other_team_person.pk}),
    Row("persons:edit", allowed=EDIT, setup=_person),
    Row("persons:edit", allowed=EDIT, method="post", setup=_person, data=_edit_post),
    # A file of another team: only Teamleitung may change it.
    Row("persons:edit", allowed=(TL,), setup=lambda world: {"pk": world.other_team_person.pk}),
    Row("persons:delete", allowed=(TL,), setup=_person),
    Row("persons:delete", allowed=(TL,), method="post", setup=_person),
    Row("persons:residence_add", allowed=EDIT, setup=_nested),
    Row("persons:residence_add", allowed=EDIT, method="post", setup=_nested,
        data=lambda world: {"status": "duldung", "duldung_kind": "60a", "valid_from": "2021-01-01"}),
    Row("persons:residence_edit", allowed=EDIT, setup=_period),
    Row("persons:residence_edit", allowed=EDIT, method="post", setup=_period,
        data=lambda world: {"status": "aufenthaltserlaubnis", "valid_from": "2020-01-01", "valid_until": "2021-06-30"}),
    Row("persons:residence_edit", allowed=(), method="post", setup=_foreign_period,
        data=lambda world: {"status": "visum", "valid_from": "2020-01-01"}, overrides={SB: NOT_FOUND, TL: NOT_FOUND}),
    Row("persons:residence_delete", allowed=EDIT, setup=_period),
    Row("persons:residence_delete", allowed=EDIT, method="post", setup=_period),
    Row("persons:residence_delete", allowed=(), method="post", setup=_foreign_period,
        overrides={SB: NOT_FOUND, TL: NOT_FOUND}),
    Row("persons:entry_add", allowed=EDIT, setup=_nested),
    Row("persons:entry_add", allowed=EDIT, method="post", setup=_nested,
        data=lambda world: {"date": "2016-03-01", "is_first_entry": "on"}),
    Row("persons:entry_delete", allowed=EDIT, setup=_entry),
    Row("persons:entry_delete", allowed=EDIT, method="post", setup=_entry),
    Row("persons:stay_add", allowed=EDIT, setup=_nested),
    Row("persons:stay_add", allowed=EDIT, method="post", setup=_nested,
        data=lambda world: {"left_on": "2022-08-01", "returned_on": "2022-08-20", "destination": "Polen"}),
    Row("persons:stay_delete", allowed=EDIT, setup=_stay),
    Row("persons:stay_delete", allowed=EDIT, method="post", setup=_stay),
    Row("persons:family", allowed=CASE, setup=_nested),
    Row("persons:relation_add", allowed=EDIT, setup=_nested),
    Row("persons:relation_add", allowed=EDIT, method="post", setup=_with_relative,
        data=lambda world: {"other": str(world.relative.pk), "kind": "spouse"}),
    Row("persons:relation_delete", allowed=EDIT, setup=_relation),
    Row("persons:relation_delete", allowed=EDIT, method="post", setup=_relation),
    Row("persons:household", allowed=EDIT, setup=_nested),
    Row("persons:household", allowed=EDIT, method="post", setup=_nested,
        data=lambda world: {"operation": "create", "address": "Hauptstraße 1"}),
    Row("persons:note_add", allowed=CASE, setup=_nested),
    Row("persons:note_add", allowed=CASE, method="post", setup=_nested,
        data=lambda world: {"text": "Termin vereinbart."}),
]
