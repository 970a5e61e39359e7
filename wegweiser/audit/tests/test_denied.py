"""Refused requests are recorded as DENIED entries, and they survive the refused view's rollback."""

import pytest
from django.test import Client
from django.urls import reverse

from wegweiser.accounts.models import Team
from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.audit.services import verify_chain
from wegweiser.core.testing import make_user, verified_client
from wegweiser.persons.models import Person

pytestmark = pytest.mark.django_db


def _denied():
    return AuditEntry.objects.filter(action=AuditAction.DENIED)


def test_role_refusal_is_recorded_with_who_and_what():
    clerk = make_user(Role.SACHBEARBEITUNG, username="clerk")
    response = verified_client(clerk).get(reverse("audit:search"), {"user": "Müller"})
    assert response.status_code == 403
    entry = _denied().get()
    assert entry.actor_id == clerk.pk and entry.actor_role == Role.SACHBEARBEITUNG
    assert entry.object_type == "url" and entry.object_id == "audit:search" and entry.person_id is None
    assert entry.details == {
        "method": "GET", "path": reverse("audit:search"), "policy_action": "audit.view",
        "reason": "Ihre Rolle erlaubt diese Aktion nicht.",
    }
    assert "Müller" not in str(entry.details)  # the query string (search terms) is not stored
    assert verify_chain().ok


def test_refusal_on_a_person_names_the_person():
    own, other = Team.objects.create(name="Nord"), Team.objects.create(name="Süd")
    clerk = make_user(Role.SACHBEARBEITUNG, username="clerk", team=own)
    person = Person.objects.create(file_number="S-1", family_name="Süd", given_names="Sami", team=other)
    response = verified_client(clerk).post(reverse("persons:edit", kwargs={"pk": person.pk}), {})
    assert response.status_code == 403
    entry = _denied().get()
    assert entry.person_id == person.pk and entry.object_id == "persons:edit"
    assert entry.details["policy_action"] == "person.change" and entry.details["method"] == "POST"
    assert entry.details["reason"] == "Diese Akte gehört zu einem anderen Team."


def test_api_refusal_is_recorded_with_the_api_reason():
    officer = make_user(Role.DATENSCHUTZ, username="dsb")
    response = verified_client(officer).get(reverse("api:person-list"))
    assert response.status_code == 403
    entry = _denied().get()
    assert entry.actor_id == officer.pk and entry.object_id == "api:person-list"
    assert entry.details["reason"] == response.json()["detail"]


def test_allowed_requests_and_anonymous_refusals_are_not_recorded_as_denied():
    officer = make_user(Role.DATENSCHUTZ, username="dsb")
    assert verified_client(officer).get(reverse("audit:search")).status_code == 200
    assert Client().get(reverse("api:person-list")).status_code in (401, 403)
    assert not _denied().exists()
