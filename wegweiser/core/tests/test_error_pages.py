"""Error pages speak the user's language, say that nothing was half-saved, and never show a stack trace."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import bad_request, server_error

from wegweiser.accounts.roles import Role


@pytest.mark.django_db
def test_unknown_person_gives_a_plain_404(role_client):
    _, client = role_client(Role.SACHBEARBEITUNG)
    response = client.get("/personen/999999/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


@pytest.mark.django_db
def test_denied_action_names_the_reason(role_client):
    _, client = role_client(Role.AUSWERTUNG)
    response = client.get(reverse("persons:create"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Kein Zugriff" in html and "Ihre Rolle erlaubt diese Aktion nicht." in html


def test_server_error_page_needs_no_request_context():
    request = RequestFactory().get("/")
    with translation.override("de"):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert "nichts halb gespeichert" in html and "Traceback" not in html


def test_bad_request_page():
    response = bad_request(RequestFactory().get("/"), Exception("tampered"))
    assert response.status_code == 400 and "Ungültige Anfrage" in response.content.decode()
    assert "tampered" not in response.content.decode()


@pytest.mark.django_db
def test_form_post_without_csrf_token_is_refused_plainly():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Sicherheitsprüfung des Formulars" in response.content.decode()
