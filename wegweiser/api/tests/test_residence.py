"""Residence periods over the API: the service's overlap and Duldung rules apply unchanged."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.persons.models import ResidencePeriod

pytestmark = pytest.mark.django_db


def periods_url(person) -> str:
    return reverse("api:person-residence-period-list", kwargs={"person_id": person.pk})


def period_url(period) -> str:
    return reverse("api:residence-period-detail", kwargs={"pk": period.pk})


@pytest.fixture
def period(person) -> ResidencePeriod:
    return ResidencePeriod.objects.create(
        person=person, status="duldung", duldung_kind="60a", valid_from=date(2018, 1, 1),
        valid_until=date(2019, 12, 31),
    )


def test_list_is_sorted_and_audited(api, person, period):
    later = ResidencePeriod.objects.create(person=person, status="aufenthaltserlaubnis", valid_from=date(2020, 1, 1))
    user, client = api(Role.INTEGRATIONSLOTSE)
    response = client.get(periods_url(person))
    assert response.status_code == 200
    assert [p["id"] for p in response.json()] == [period.pk, later.pk]
    assert [p["state"] for p in response.json()] == ["expired", "current"]
    entry = AuditEntry.objects.get(actor_id=user.pk, action=AuditAction.VIEW)
    assert (entry.person_id, entry.purpose, entry.object_type) == (person.pk, "API", "persons.residenceperiod")


def test_create_and_audit(api, person, period):
    user, client = api(Role.SACHBEARBEITUNG)
    body = {"status": "aufenthaltserlaubnis", "legal_basis": "§ 25a AufenthG", "valid_from": "2020-01-01"}
    response = client.post(periods_url(person), body, format="json")
    assert response.status_code == 201, response.json()
    created = response.json()
    assert (created["person"], created["status"], created["valid_until"]) == (person.pk, "aufenthaltserlaubnis", None)
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, object_id=str(created["id"]))
    assert (entry.actor_id, entry.person_id, entry.purpose) == (user.pk, person.pk, "API")


def test_overlapping_period_is_400_with_a_message_and_not_saved(api, person, period):
    _, client = api(Role.SACHBEARBEITUNG)
    body = {"status": "aufenthaltserlaubnis", "valid_from": "2019-06-01"}
    response = client.post(periods_url(person), body, format="json")
    assert response.status_code == 400
    assert "überschneidet sich" in response.json()["non_field_errors"][0]
    assert person.residence_periods.count() == 1


def test_fiktion_may_start_on_the_last_day_of_the_title(api, person):
    ResidencePeriod.objects.create(
        person=person, status="aufenthaltserlaubnis", valid_from=date(2020, 1, 1), valid_until=date(2021, 12, 31)
    )
    _, client = api(Role.SACHBEARBEITUNG)
    body = {"status": "fiktionsbescheinigung", "valid_from": "2021-12-31"}
    assert client.post(periods_url(person), body, format="json").status_code == 201


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": "duldung", "valid_from": "2020-01-01"}, "duldung_kind"),  # service rule
        ({"status": "visum", "valid_from": "2020-02-30"}, "valid_from"),  # impossible date
        ({"status": "visum", "valid_from": "2020-05-01", "valid_until": "2020-04-01"}, "valid_until"),
        ({"status": "gibt-es-nicht", "valid_from": "2020-01-01"}, "status"),
        ({"valid_from": "2020-01-01"}, "status"),
    ],
)
def test_bad_input_is_400(api, person, body, field):
    _, client = api(Role.SACHBEARBEITUNG)
    response = client.post(periods_url(person), body, format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert not person.residence_periods.exists()


def test_retrieve_is_audited(api, period):
    user, client = api(Role.TEAMLEITUNG)
    response = client.get(period_url(period))
    assert response.status_code == 200
    assert response.json()["duldung_kind"] == "60a"
    entry = AuditEntry.objects.get(actor_id=user.pk, action=AuditAction.VIEW)
    assert (entry.object_type, entry.object_id, entry.purpose) == ("persons.residenceperiod", str(period.pk), "API")


def test_patch_goes_through_the_rules(api, person, period):
    ResidencePeriod.objects.create(person=person, status="aufenthaltserlaubnis", valid_from=date(2020, 1, 1))
    user, client = api(Role.SACHBEARBEITUNG)
    ok = client.patch(period_url(period), {"document_number": "D-123"}, format="json")
    assert ok.status_code == 200
    assert ok.json()["document_number"] == "D-123"
    assert AuditEntry.objects.get(action=AuditAction.CHANGE, object_id=str(period.pk)).purpose == "API"
    overlap = client.patch(period_url(period), {"valid_until": "2020-06-30"}, format="json")
    assert overlap.status_code == 400
    assert "non_field_errors" in overlap.json()
    period.refresh_from_db()
    assert period.valid_until == date(2019, 12, 31)


def test_delete(api, period):
    user, client = api(Role.SACHBEARBEITUNG)
    assert client.delete(period_url(period)).status_code == 204
    assert not ResidencePeriod.objects.filter(pk=period.pk).exists()
    entry = AuditEntry.objects.get(action=AuditAction.DELETE, object_id=str(period.pk))
    assert (entry.actor_id, entry.purpose) == (user.pk, "API")


def test_other_teams_case_worker_cannot_change(api, other_person):
    period = ResidencePeriod.objects.create(person=other_person, status="visum", valid_from=date(2020, 1, 1))
    _, client = api(Role.SACHBEARBEITUNG)
    assert client.get(period_url(period)).status_code == 200  # reading is not team-bound
    assert client.patch(period_url(period), {"note": "x"}, format="json").status_code == 403
    assert client.delete(period_url(period)).status_code == 403
    body = {"status": "visum", "valid_from": "2021-01-01"}
    assert client.post(periods_url(other_person), body, format="json").status_code == 403
    assert other_person.residence_periods.count() == 1


@pytest.mark.parametrize("role", [Role.INTEGRATIONSLOTSE, Role.AUSWERTUNG, Role.KIM_FALLMANAGEMENT])
def test_changing_needs_the_right(api, person, period, role):
    _, client = api(role)
    body = {"status": "visum", "valid_from": "2021-01-01"}
    assert client.post(periods_url(person), body, format="json").status_code == 403
    assert client.patch(period_url(period), {"note": "x"}, format="json").status_code == 403
    assert client.delete(period_url(period)).status_code == 403


def test_unknown_period_and_person_are_404(api):
    _, client = api(Role.SACHBEARBEITUNG)
    assert client.get(reverse("api:residence-period-detail", kwargs={"pk": 987654})).status_code == 404
    assert client.get(reverse("api:person-residence-period-list", kwargs={"person_id": 987654})).status_code == 404


def test_patch_that_changes_nothing_audits_the_read(api, period):
    user, client = api(Role.SACHBEARBEITUNG)
    response = client.patch(period_url(period), {"duldung_kind": "60a"}, format="json")
    assert response.status_code == 200
    assert not AuditEntry.objects.filter(action=AuditAction.CHANGE).exists()
    entry = AuditEntry.objects.get(actor_id=user.pk, action=AuditAction.VIEW)
    assert entry.object_id == str(period.pk)
