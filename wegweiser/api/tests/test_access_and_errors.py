"""Log-in requirements, the error format, and sections hidden by data category."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from wegweiser.accounts import policy
from wegweiser.accounts.policy import DataCategory, Decision
from wegweiser.accounts.roles import Role
from wegweiser.api.views.persons import PersonViewSet
from wegweiser.audit.models import AuditEntry
from wegweiser.facts import access
from wegweiser.persons.models import ResidencePeriod

from .conftest import verified_api_client
from .payloads import make_fact

pytestmark = pytest.mark.django_db


def urls(person) -> list[str]:
    return [
        reverse("api:person-list"),
        reverse("api:person-detail", kwargs={"pk": person.pk}),
        reverse("api:person-residence-period-list", kwargs={"person_id": person.pk}),
        reverse("api:person-fact-passports-list", kwargs={"person_id": person.pk}),
        reverse("api:schema"),
        "/api/v1/gibt-es-nicht/",
    ]


def test_anonymous_gets_403_not_a_redirect(person):
    client = APIClient()
    for url in urls(person):
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"detail" in response.content  # JSON; the schema URL answers in its own format (YAML)
    response = client.post(reverse("api:person-list"), {"file_number": "X", "family_name": "Y"}, format="json")
    assert response.status_code == 403
    assert not AuditEntry.objects.exists()


def test_password_without_second_factor_gets_403(person, user_factory):
    user = user_factory(Role.TEAMLEITUNG, username="halb")
    client = APIClient()
    client.force_login(user)
    for url in urls(person):
        assert client.get(url).status_code == 403, url
    assert client.delete(reverse("api:person-detail", kwargs={"pk": person.pk})).status_code == 403
    assert type(person).objects.filter(pk=person.pk).exists()


def test_session_writes_need_the_csrf_token(api, person):
    user, _ = api(Role.SACHBEARBEITUNG)
    client = verified_api_client(user)
    client.handler.enforce_csrf_checks = True
    response = client.post(reverse("api:person-list"), {"file_number": "AZ-9", "family_name": "Y"}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_unknown_api_url_is_a_json_404_for_every_method(api):
    _, client = api(Role.SACHBEARBEITUNG)
    for method in ("get", "post", "patch", "delete"):
        response = getattr(client, method)("/api/v1/persons/abc/", format="json")
        assert response.status_code == 404
        assert response.json() == {"detail": "Nicht gefunden."}


def test_methods_outside_the_interface_are_405(api, person):
    _, client = api(Role.SACHBEARBEITUNG)
    url = reverse("api:person-detail", kwargs={"pk": person.pk})
    assert client.put(url, {}, format="json").status_code == 405
    assert client.options(url).status_code == 405


def test_malformed_json_is_400(api):
    _, client = api(Role.SACHBEARBEITUNG)
    response = client.post(reverse("api:person-list"), "{kaputt", content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()


def test_unexpected_error_is_a_json_500_without_traceback(api, person, monkeypatch):
    _, client = api(Role.SACHBEARBEITUNG)
    client.raise_request_exception = False

    def explode(self, request, pk):
        raise RuntimeError("geheimes Detail aus dem Stacktrace")

    monkeypatch.setattr(PersonViewSet, "retrieve", explode)
    with override_settings(DEBUG=False):
        response = client.get(reverse("api:person-detail", kwargs={"pk": person.pk}))
    assert response.status_code == 500
    assert set(response.json()) == {"detail"}
    assert "geheimes" not in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_sections_of_denied_categories_are_omitted(api, person, monkeypatch):
    """Consents will narrow what some roles see by data category; the case file then leaves sections out."""
    ResidencePeriod.objects.create(person=person, status="visum", valid_from="2020-01-01")
    make_fact("convictions", person)
    make_fact("passports", person)
    denied = {DataCategory.RESIDENCE, DataCategory.CRIMINAL}
    real_decide = policy.decide

    def decide(user, action, person=None, category=None):
        if category in denied:
            return Decision(False, "Kategorie nicht freigegeben")
        return real_decide(user, action, person, category)

    monkeypatch.setattr(policy, "decide", decide)
    monkeypatch.setattr(access, "decide", decide)
    _, client = api(Role.SACHBEARBEITUNG)
    body = client.get(reverse("api:person-detail", kwargs={"pk": person.pk})).json()
    assert "residence_periods" not in body and "entries" not in body and "stays_abroad" not in body
    assert "convictions" not in body["facts"] and "expulsion_interests" not in body["facts"]
    assert len(body["facts"]["passports"]) == 1
    assert "family_relations" in body and "documents" in body
    denied_list = client.get(reverse("api:person-fact-convictions-list", kwargs={"person_id": person.pk}))
    assert denied_list.status_code == 403
