"""Facts over the API: every kind from the registry, provenance, optimistic locking, the kinds' rules."""

from __future__ import annotations

import pytest
from django.urls import reverse

from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.facts.registry import BY_SLUG, FACT_KINDS

from .payloads import FACT_CHANGES, fact_body, make_fact

pytestmark = pytest.mark.django_db

SLUGS = [kind.slug for kind in FACT_KINDS]


def list_url(person, slug: str) -> str:
    return reverse(f"api:person-fact-{slug}-list", kwargs={"person_id": person.pk})


def detail_url(fact, slug: str) -> str:
    return reverse(f"api:fact-{slug}-detail", kwargs={"pk": fact.pk})


@pytest.mark.parametrize("slug", SLUGS)
def test_every_kind_round_trips(api, person, slug):
    """Create, read, change and delete each kind through its generated endpoint."""
    user, client = api(Role.SACHBEARBEITUNG)
    created = client.post(list_url(person, slug), fact_body(slug), format="json")
    assert created.status_code == 201, created.json()
    fact = created.json()
    assert (fact["version"], fact["source"], fact["recorded_by"]["id"]) == (1, "document_shown", user.pk)
    model = BY_SLUG[slug].model
    stored = model.objects.get(pk=fact["id"])
    assert stored.person == person

    listed = client.get(list_url(person, slug))
    assert [f["id"] for f in listed.json()] == [fact["id"]]

    field, value = FACT_CHANGES[slug]
    changed = client.patch(detail_url(stored, slug), {field: value, "version": 1}, format="json")
    assert changed.status_code == 200, changed.json()
    assert changed.json()["version"] == 2
    assert changed.json()[field] == value

    assert client.delete(detail_url(stored, slug)).status_code == 204
    assert not model.objects.filter(pk=stored.pk).exists()
    actions = list(
        AuditEntry.objects.filter(person_id=person.pk, object_type=model._meta.label_lower).values_list(
            "action", flat=True
        )
    )
    assert actions == [AuditAction.CREATE, AuditAction.VIEW, AuditAction.CHANGE, AuditAction.DELETE]


def test_reads_are_audited_with_purpose_api(api, person):
    fact = make_fact("passports", person)
    user, client = api(Role.INTEGRATIONSLOTSE)
    assert client.get(detail_url(fact, "passports")).status_code == 200
    entry = AuditEntry.objects.get(actor_id=user.pk, action=AuditAction.VIEW)
    assert (entry.person_id, entry.object_id, entry.purpose) == (person.pk, str(fact.pk), "API")
    assert entry.details["kind"] == "passports"


def test_patch_needs_version_and_refuses_a_stale_one(api, person):
    fact = make_fact("employment", person)
    _, client = api(Role.SACHBEARBEITUNG)
    url = detail_url(fact, "employment")
    missing = client.patch(url, {"employer": "A"}, format="json")
    assert missing.status_code == 400
    assert "version" in missing.json()
    assert client.patch(url, {"employer": "A", "version": 1}, format="json").status_code == 200
    stale = client.patch(url, {"employer": "B", "version": 1}, format="json")
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    fact.refresh_from_db()
    assert (fact.employer, fact.version) == ("A", 2)


def test_patch_without_changes_keeps_the_version(api, person):
    fact = make_fact("housing", person)
    _, client = api(Role.SACHBEARBEITUNG)
    response = client.patch(detail_url(fact, "housing"), {"adequate": True, "version": 1}, format="json")
    assert response.status_code == 200
    assert response.json()["version"] == 1
    stale = client.patch(detail_url(fact, "housing"), {"adequate": True, "version": 7}, format="json")
    assert stale.status_code == 409


@pytest.mark.parametrize(
    ("slug", "body", "field"),
    [
        ("language-certificates", {"level": "Z9"}, "level"),
        ("language-certificates", {"issued_on": "2024-02-30"}, "issued_on"),  # impossible date
        ("passports", {"valid_from": "2022-01-01", "valid_until": "2021-01-01"}, "valid_until"),  # model rule
        ("passports", {"issuing_country": "ZZ"}, "issuing_country"),  # model rule
        ("convictions", {"daily_rates": 1000}, "daily_rates"),  # model rule (5..720)
        ("identity", {"source_date": "2999-01-01"}, "source_date"),  # not in the future
        ("identity", {"source": None}, "source"),
    ],
)
def test_bad_input_is_400_and_nothing_saved(api, person, slug, body, field):
    _, client = api(Role.SACHBEARBEITUNG)
    response = client.post(list_url(person, slug), fact_body(slug, **body), format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert not BY_SLUG[slug].model.objects.exists()


def test_bad_patch_is_400_and_nothing_saved(api, person):
    fact = make_fact("school", person)
    _, client = api(Role.SACHBEARBEITUNG)
    response = client.patch(
        detail_url(fact, "school"), {"attended_until": "2010-01-01", "version": 1}, format="json"
    )
    assert response.status_code == 400
    assert "attended_until" in response.json()
    fact.refresh_from_db()
    assert (fact.attended_until, fact.version) == (None, 1)


def test_unknown_kind_is_a_json_404(api, person):
    _, client = api(Role.SACHBEARBEITUNG)
    for response in (
        client.get(f"/api/v1/persons/{person.pk}/facts/horoscopes/"),
        client.post(f"/api/v1/persons/{person.pk}/facts/horoscopes/", {}, format="json"),
        client.get("/api/v1/facts/horoscopes/1/"),
    ):
        assert response.status_code == 404
        assert response.json() == {"detail": "Nicht gefunden."}


def test_fact_of_another_kind_is_not_found_under_this_kind(api, person):
    fact = make_fact("passports", person)
    _, client = api(Role.SACHBEARBEITUNG)
    assert not BY_SLUG["identity"].model.objects.exists()
    assert client.get(reverse("api:fact-identity-detail", kwargs={"pk": fact.pk})).status_code == 404
    assert client.get(detail_url(fact, "passports")).status_code == 200


def test_integration_guide_may_record_facts(api, person):
    _, client = api(Role.INTEGRATIONSLOTSE)
    response = client.post(list_url(person, "language-certificates"), fact_body("language-certificates"), format="json")
    assert response.status_code == 201


def test_other_teams_case_worker_cannot_change_facts(api, other_person):
    fact = make_fact("passports", other_person)
    _, client = api(Role.SACHBEARBEITUNG)
    assert client.get(detail_url(fact, "passports")).status_code == 200
    assert client.patch(detail_url(fact, "passports"), {"number": "X", "version": 1}, format="json").status_code == 403
    assert client.delete(detail_url(fact, "passports")).status_code == 403
    assert client.post(list_url(other_person, "passports"), fact_body("passports"), format="json").status_code == 403


@pytest.mark.parametrize("role", [Role.AUSWERTUNG, Role.DATENSCHUTZ, Role.UNTERSTUETZENDE, Role.KIM_FALLMANAGEMENT])
def test_roles_without_case_access_get_403(api, person, role):
    fact = make_fact("convictions", person)
    user, client = api(role, team=None)
    assert client.get(list_url(person, "convictions")).status_code == 403
    assert client.get(detail_url(fact, "convictions")).status_code == 403
    assert client.post(list_url(person, "convictions"), fact_body("convictions"), format="json").status_code == 403
    assert client.delete(detail_url(fact, "convictions")).status_code == 403
    mine = AuditEntry.objects.filter(actor_id=user.pk).exclude(action=AuditAction.LOGIN)
    assert set(mine.values_list("action", flat=True)) == {AuditAction.DENIED}  # the refusals, no reads


def test_read_only_fields_sent_back_are_ignored_unknown_ones_refused(api, person, user_factory):
    other = user_factory(Role.SACHBEARBEITUNG, username="someone-else")
    user, client = api(Role.SACHBEARBEITUNG)
    body = fact_body("housing", id=999, version=5, recorded_by={"id": other.pk})
    created = client.post(list_url(person, "housing"), body, format="json")
    assert created.status_code == 201
    assert (created.json()["version"], created.json()["recorded_by"]["id"]) == (1, user.pk)
    typo = client.post(list_url(person, "housing"), fact_body("housing", adequat=True), format="json")
    assert typo.status_code == 400
    assert typo.json() == {"adequat": ["Unbekanntes Feld."]}
