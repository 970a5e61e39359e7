"""Persons over the API: list, search, case file, create, change with optimistic locking, delete."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.documents.models import Document
from wegweiser.persons.models import (
    Entry,
    FamilyRelation,
    Nationality,
    Person,
    PersonLanguage,
    RelationKind,
    ResidencePeriod,
    StayAbroad,
)
from wegweiser.persons.services.person import create_person

from .payloads import make_fact

pytestmark = pytest.mark.django_db

LIST = reverse("api:person-list")


def detail(person: Person) -> str:
    return reverse("api:person-detail", kwargs={"pk": person.pk})


def last_audit(**filters) -> AuditEntry:
    entry = AuditEntry.objects.filter(**filters).order_by("-id").first()
    assert entry is not None, f"no audit entry with {filters}"
    return entry


# --- list and search --------------------------------------------------------------------------------------


def test_list_is_paginated_sorted_and_audited(api, person, other_person):
    user, client = api(Role.SACHBEARBEITUNG)
    response = client.get(LIST, {"limit": 1})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert body["next"] and body["previous"] is None
    assert [p["file_number"] for p in body["results"]] == ["AZ-100"]  # Haddad before Kovalenko
    assert body["results"][0]["team"] == {"id": person.team_id, "name": "Team 1"}
    assert body["results"][0]["match"] is None
    entry = last_audit(action=AuditAction.SEARCH, actor_id=user.pk)
    assert entry.purpose == "API"
    assert entry.details["ids"] == [person.pk]


def test_list_limit_is_capped(api, team):
    Person.objects.bulk_create(
        Person(file_number=f"AZ-B{i:03d}", family_name=f"Bulk{i:03d}", team=team) for i in range(205)
    )
    _, client = api(Role.TEAMLEITUNG)
    body = client.get(LIST, {"limit": 100000}).json()
    assert body["count"] == 205
    assert len(body["results"]) == 200
    assert "limit=200" in body["next"]


def test_search_uses_the_tolerant_search_and_is_audited_with_the_query(api, person, other_person):
    user, client = api(Role.INTEGRATIONSLOTSE)
    response = client.get(LIST, {"q": "Hadad Rami"})  # typo in the family name
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["id"] for r in results] == [person.pk]
    assert results[0]["match"]["kind"] in {"phonetic", "fuzzy"}
    assert results[0]["match"]["complete"] is True
    entry = last_audit(action=AuditAction.SEARCH, actor_id=user.pk)
    assert entry.details["query"] == "Hadad Rami"
    assert entry.details["ids"] == [person.pk]


def test_search_by_file_number(api, person):
    _, client = api(Role.SACHBEARBEITUNG)
    results = client.get(LIST, {"q": "az-100"}).json()["results"]
    assert results[0]["id"] == person.pk
    assert results[0]["match"]["kind"] == "file_number"


def test_search_text_too_long_is_a_field_error(api):
    _, client = api(Role.SACHBEARBEITUNG)
    response = client.get(LIST, {"q": "x" * 201})
    assert response.status_code == 400
    assert "q" in response.json()


@pytest.mark.parametrize(
    "role",
    [Role.AUSWERTUNG, Role.DATENSCHUTZ, Role.ADMINISTRATION, Role.KIM_FALLMANAGEMENT, Role.UNTERSTUETZENDE],
)
def test_roles_without_case_access_get_403_and_nothing_is_audited(api, person, role):
    user, client = api(role, team=None)
    for url in (LIST, f"{LIST}?q=Haddad", detail(person)):
        response = client.get(url)
        assert response.status_code == 403, url
        assert response.json()["detail"]
    assert not AuditEntry.objects.filter(actor_id=user.pk, action__in=[AuditAction.VIEW, AuditAction.SEARCH]).exists()


# --- the case file ----------------------------------------------------------------------------------------


@pytest.fixture
def full_person(person, other_person, user_factory):
    """A case file with something in every section."""
    person.birth_date = "1990-03-00"
    person.birth_country = "SY"
    person.email = "rami@example.org"
    person.save()
    Nationality.objects.create(person=person, code="SY")
    PersonLanguage.objects.create(person=person, code="ar", is_native=True)
    ResidencePeriod.objects.create(
        person=person, status="aufenthaltserlaubnis", legal_basis="§ 25b AufenthG", valid_from=date(2021, 1, 1),
    )
    Entry.objects.create(person=person, date=date(2015, 9, 1), is_first_entry=True)
    StayAbroad.objects.create(person=person, left_on=date(2019, 7, 1), returned_on=date(2019, 7, 20))
    child = Person.objects.create(file_number="AZ-101", family_name="Haddad", given_names="Lina", team=person.team)
    FamilyRelation.objects.create(person=person, relative=child, kind=RelationKind.PARENT, has_custody=True)
    FamilyRelation.objects.create(person=person, relative=other_person, kind=RelationKind.SPOUSE)
    recorder = user_factory(Role.SACHBEARBEITUNG, username="recorder")
    certificate = make_fact("language-certificates", person, recorder)
    Document.objects.create(
        person=person, kind="certificate", title="DTZ-Zeugnis", original_name="dtz.pdf",
        content_type="application/pdf", size=1234, sha256="a" * 64,
        fact_type=ContentType.objects.get_for_model(certificate), fact_id=certificate.pk,
    )
    person.child = child
    person.certificate = certificate
    return person


def test_case_file_has_every_section(api, full_person, other_person):
    user, client = api(Role.SACHBEARBEITUNG)
    response = client.get(detail(full_person))
    assert response.status_code == 200
    body = response.json()
    assert body["file_number"] == "AZ-100"
    assert body["version"] == 1
    assert body["birth_date"] == "1990-03-00"  # partial date: day unknown
    assert body["nationalities"] == ["SY"]
    assert body["languages"] == ["ar"]
    assert body["email"] == "rami@example.org"
    assert body["team"]["name"] == "Team 1"
    assert body["residence_periods"][0]["legal_basis"] == "§ 25b AufenthG"
    assert body["residence_periods"][0]["state"] == "current"
    assert body["entries"][0]["is_first_entry"] is True
    assert body["stays_abroad"][0]["returned_on"] == "2019-07-20"
    relations = {r["relation"]: r for r in body["family_relations"]}
    assert relations["child"]["relative"]["id"] == full_person.child.pk
    assert relations["child"]["has_custody"] is True
    assert relations["spouse"]["relative"]["file_number"] == other_person.file_number
    certificates = body["facts"]["language_certificates"]
    assert certificates[0]["level"] == "B1"
    assert certificates[0]["source"] == "document_shown"
    assert certificates[0]["source_date"] == "2024-03-01"
    assert certificates[0]["recorded_by"]["username"] == "recorder"
    assert set(body["facts"]) >= {"identity_steps", "convictions", "health_exemptions"}
    document = body["documents"][0]
    assert document["title"] == "DTZ-Zeugnis"
    assert document["fact"] == {"kind": "language-certificates", "id": full_person.certificate.pk}
    assert "storage_key" not in document and "content" not in document
    entry = last_audit(action=AuditAction.VIEW, actor_id=user.pk)
    assert (entry.person_id, entry.purpose, entry.object_type) == (full_person.pk, "API", "persons.person")


def test_relation_seen_from_the_child(api, full_person):
    _, client = api(Role.SACHBEARBEITUNG)
    body = client.get(detail(full_person.child)).json()
    assert body["family_relations"] == [
        {
            "id": body["family_relations"][0]["id"],
            "relation": "parent",
            "relative": {"id": full_person.pk, "file_number": "AZ-100", "display_name": "Haddad, Rami"},
            "has_custody": True,
            "since": None,
        }
    ]


def test_case_file_of_unknown_person_is_404(api):
    _, client = api(Role.SACHBEARBEITUNG)
    response = client.get(reverse("api:person-detail", kwargs={"pk": 999999}))
    assert response.status_code == 404
    assert response.json() == {"detail": "Nicht gefunden."}


# --- create -----------------------------------------------------------------------------------------------


def test_create_goes_through_the_service_and_is_audited(api, team):
    user, client = api(Role.SACHBEARBEITUNG)
    body = {
        "file_number": "AZ-300", "family_name": "Rahimi", "given_names": "Farid", "birth_date": "1988-00-00",
        "nationalities": ["af"], "languages": ["fa", "de"], "sex": "m",
    }
    response = client.post(LIST, body, format="json")
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["version"] == 1
    assert created["birth_date"] == "1988-00-00"
    assert created["nationalities"] == ["AF"]  # normalised by the service
    assert sorted(created["languages"]) == ["de", "fa"]
    assert created["team"]["id"] == team.pk  # the creator's team
    person = Person.objects.get(pk=created["id"])
    assert person.created_by == user
    assert "rahimi" in person.search_text
    entry = last_audit(action=AuditAction.CREATE, person_id=person.pk)
    assert entry.purpose == "API"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"birth_date": "1990-02-30"}, "birth_date"),  # impossible date
        ({"birth_date": "1990-00-14"}, "birth_date"),  # day without month
        ({"birth_date": "14.03.1990"}, "birth_date"),  # the API takes only YYYY-MM-DD
        ({"birth_date": "2999-01-01"}, "birth_date"),  # in the future (service rule)
        ({"nationalities": ["QQ"]}, "nationalities"),  # unknown country (service rule)
        ({"nationalities": ["XX", "SY"]}, "nationalities"),  # stateless plus another (service rule)
        ({"sex": "q"}, "sex"),
        ({"family_name": ""}, "family_name"),
        ({"file_number": "az-100"}, "file_number"),  # taken, case-insensitively (service rule)
        ({"team": 999999}, "team"),
    ],
)
def test_create_rejects_bad_input_with_german_field_errors(api, person, body, field):
    _, client = api(Role.SACHBEARBEITUNG)
    response = client.post(LIST, {"file_number": "AZ-301", "family_name": "Neu", **body}, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert field in errors, errors
    assert all(isinstance(m, str) and m for m in errors[field])
    assert not Person.objects.filter(file_number="AZ-301").exists()


def test_create_error_message_is_german(api):
    _, client = api(Role.SACHBEARBEITUNG)
    response = client.post(LIST, {"family_name": "Neu", "birth_date": "1990-02-30"}, format="json")
    errors = response.json()
    assert errors["birth_date"] == [
        "Dieses Datum ist nicht möglich (z. B. 31. Februar, Tag ohne Monat oder Jahr vor 1800)."
    ]
    assert errors["file_number"] == ["Dieses Feld ist zwingend erforderlich."]


def test_error_messages_follow_the_users_language(api):
    _, client = api(Role.SACHBEARBEITUNG)
    response = client.post(LIST, {"family_name": "Neu"}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["file_number"] == ["This field is required."]


def test_case_worker_cannot_create_for_another_team(api, other_team):
    _, client = api(Role.SACHBEARBEITUNG)
    response = client.post(
        LIST, {"file_number": "AZ-302", "family_name": "Neu", "team": other_team.pk}, format="json"
    )
    assert response.status_code == 400
    assert "team" in response.json()


@pytest.mark.parametrize("role", [Role.INTEGRATIONSLOTSE, Role.AUSWERTUNG, Role.KIM_FALLMANAGEMENT])
def test_create_needs_the_right(api, role):
    _, client = api(role)
    response = client.post(LIST, {"file_number": "AZ-303", "family_name": "Neu"}, format="json")
    assert response.status_code == 403
    assert not Person.objects.filter(file_number="AZ-303").exists()


# --- change -----------------------------------------------------------------------------------------------


def test_patch_changes_fields_and_bumps_the_version(api, person):
    user, client = api(Role.SACHBEARBEITUNG)
    response = client.patch(
        detail(person), {"given_names": "Rami Karim", "nationalities": ["SY"], "version": 1}, format="json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["given_names"] == "Rami Karim"
    assert body["nationalities"] == ["SY"]
    assert body["version"] == 2
    entry = last_audit(action=AuditAction.CHANGE, person_id=person.pk)
    assert entry.purpose == "API"
    assert set(entry.details["fields"]) == {"given_names", "nationalities"}


def test_patch_without_version_is_refused(api, person):
    _, client = api(Role.SACHBEARBEITUNG)
    response = client.patch(detail(person), {"given_names": "X"}, format="json")
    assert response.status_code == 400
    assert "version" in response.json()
    person.refresh_from_db()
    assert person.given_names == "Rami"


def test_patch_with_stale_version_is_409_and_saves_nothing(api, person):
    user, client = api(Role.SACHBEARBEITUNG)
    assert client.patch(detail(person), {"given_names": "Erste", "version": 1}, format="json").status_code == 200
    response = client.patch(detail(person), {"given_names": "Zweite", "version": 1}, format="json")
    assert response.status_code == 409
    assert response.json()["current_version"] == 2
    assert "geändert" in response.json()["detail"]
    person.refresh_from_db()
    assert (person.given_names, person.version) == ("Erste", 2)


def test_patch_with_bad_value_is_400_and_saves_nothing(api, person):
    _, client = api(Role.SACHBEARBEITUNG)
    response = client.patch(
        detail(person), {"given_names": "Neu", "birth_country": "ZZ", "version": 1}, format="json"
    )
    assert response.status_code == 400
    assert "birth_country" in response.json()
    person.refresh_from_db()
    assert (person.given_names, person.version) == ("Rami", 1)


def test_other_teams_case_worker_cannot_patch(api, other_person):
    _, client = api(Role.SACHBEARBEITUNG)
    response = client.patch(detail(other_person), {"given_names": "X", "version": 1}, format="json")
    assert response.status_code == 403
    assert "Team" in response.json()["detail"]


def test_team_lead_may_patch_another_teams_file(api, other_person):
    _, client = api(Role.TEAMLEITUNG)
    response = client.patch(detail(other_person), {"phone": "0201 123", "version": 1}, format="json")
    assert response.status_code == 200
    assert response.json()["phone"] == "0201 123"


@pytest.mark.parametrize("role", [Role.INTEGRATIONSLOTSE, Role.AUSWERTUNG, Role.UNTERSTUETZENDE])
def test_patch_needs_the_right(api, person, role):
    _, client = api(role)
    response = client.patch(detail(person), {"given_names": "X", "version": 1}, format="json")
    assert response.status_code == 403


def test_patch_of_unknown_person_is_404(api):
    _, client = api(Role.SACHBEARBEITUNG)
    url = reverse("api:person-detail", kwargs={"pk": 424242})
    assert client.patch(url, {"version": 1}, format="json").status_code == 404


# --- delete -----------------------------------------------------------------------------------------------


def test_team_lead_deletes_and_the_deletion_is_audited(api, person):
    user, client = api(Role.TEAMLEITUNG)
    pk = person.pk
    response = client.delete(detail(person))
    assert response.status_code == 204
    assert not Person.objects.filter(pk=pk).exists()
    entry = last_audit(action=AuditAction.DELETE, person_id=pk)
    assert (entry.actor_id, entry.purpose) == (user.pk, "API")


@pytest.mark.parametrize("role", [Role.SACHBEARBEITUNG, Role.INTEGRATIONSLOTSE, Role.DATENSCHUTZ])
def test_only_team_lead_deletes(api, person, role):
    _, client = api(role)
    assert client.delete(detail(person)).status_code == 403
    assert Person.objects.filter(pk=person.pk).exists()


def test_service_created_person_is_visible_over_the_api(api, team):
    """UI and API share the service: a file created in the UI reads the same over the API."""
    user, client = api(Role.SACHBEARBEITUNG)
    created = create_person(user, {"file_number": "AZ-400", "family_name": "Ghani"}, ["IQ"], [])
    body = client.get(detail(created)).json()
    assert body["nationalities"] == ["IQ"]
    assert body["created_by"]["id"] == user.pk


def test_patch_that_changes_nothing_keeps_the_version_and_audits_the_read(api, person):
    user, client = api(Role.SACHBEARBEITUNG)
    response = client.patch(detail(person), {"given_names": "Rami", "version": 1}, format="json")
    assert response.status_code == 200
    assert response.json()["version"] == 1
    assert not AuditEntry.objects.filter(action=AuditAction.CHANGE).exists()
    assert last_audit(action=AuditAction.VIEW, actor_id=user.pk).person_id == person.pk


def test_unknown_fields_are_refused_not_dropped(api, person):
    _, client = api(Role.SACHBEARBEITUNG)
    response = client.patch(detail(person), {"givenNames": "Karim", "version": 1}, format="json")
    assert response.status_code == 400
    assert response.json() == {"givenNames": ["Unbekanntes Feld."]}
    created = client.post(LIST, {"file_number": "AZ-500", "family_name": "Neu", "facts": {}}, format="json")
    assert created.status_code == 400
    assert "facts" in created.json()
    person.refresh_from_db()
    assert (person.given_names, person.version) == ("Rami", 1)
    assert not Person.objects.filter(file_number="AZ-500").exists()
