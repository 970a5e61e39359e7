"""Stored assessments: the situation, engine and law versions are kept; nothing can be changed later; print
and decision go their ways; another person's assessment is not found; creation and reading are audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.core.testing import make_user, verified_client
from wegweiser.persons.tests.factories import PersonFactory
from wegweiser.perspectives import services
from wegweiser.perspectives.models import AssessmentSnapshot, ImmutableSnapshot
from wegweiser.rules import __version__ as ENGINE_VERSION
from wegweiser.rules.pathways import PATHWAYS

pytestmark = pytest.mark.django_db


def test_snapshot_stores_assessment_situation_and_versions(tolerated) -> None:
    user = make_user(Role.INTEGRATIONSLOTSE)
    snapshot = services.create_snapshot(user, tolerated, date(2025, 10, 1), "decision", note=" Vorlage ",
                                        decision_reference="AZ-ANTRAG-7")
    snapshot.refresh_from_db()
    assert snapshot.engine_version == ENGINE_VERSION == snapshot.assessment["engine_version"]
    assert sorted(snapshot.law_versions) == sorted(PATHWAYS)  # PostgreSQL's jsonb does not keep key order
    assert snapshot.law_versions["aufenthg_25b"] == next(
        p["law_version"] for p in snapshot.assessment["pathways"] if p["id"] == "aufenthg_25b")
    assert snapshot.law_versions["aufenthg_25b"]["valid_from"] is not None
    assert snapshot.situation["format"] == "situation/1" and snapshot.situation["as_of"] == "2025-10-01"
    assert snapshot.assessment["as_of"] == "2025-10-01" and snapshot.created_by == user
    assert snapshot.note == "Vorlage" and snapshot.decision_reference == "AZ-ANTRAG-7"
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, object_id=str(snapshot.pk))
    assert entry.details["purpose"] == "decision" and entry.person_id == tolerated.pk


def test_snapshots_cannot_be_changed(tolerated) -> None:
    snapshot = services.create_snapshot(make_user(Role.SACHBEARBEITUNG), tolerated, date(2025, 10, 1), "print")
    snapshot.note = "nachträglich"
    with pytest.raises(ImmutableSnapshot):
        snapshot.save()
    snapshot.refresh_from_db()
    assert snapshot.note == ""


def test_unknown_purpose_is_refused(tolerated) -> None:
    with pytest.raises(ValueError):
        services.create_snapshot(make_user(Role.SACHBEARBEITUNG), tolerated, date(2025, 10, 1), "draft")
    assert not AssessmentSnapshot.objects.exists()


def test_print_opens_the_stored_assessment_for_printing(tolerated) -> None:
    user = make_user(Role.SACHBEARBEITUNG)
    client = verified_client(user)
    url = reverse("perspectives:snapshot_create", kwargs={"person_pk": tolerated.pk})
    response = client.post(url, {"purpose": "print", "as_of": "2025-10-01"})
    snapshot = AssessmentSnapshot.objects.get()
    detail = reverse("perspectives:snapshot_detail", kwargs={"person_pk": tolerated.pk, "pk": snapshot.pk})
    assert response.status_code == 302 and response["Location"] == f"{detail}?drucken=1"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and "data-autoprint" in html and "perspectives/print.js" in html
    assert ENGINE_VERSION in html and "01.10.2025" in html and "§ 25b Abs. 1 AufenthG" in html
    assert "@media print" in open_static("perspectives/perspectives.css")
    view = AuditEntry.objects.filter(action=AuditAction.VIEW, object_id=str(snapshot.pk)).get()
    assert view.details == {"page": "perspectives_snapshot"} and view.actor_id == user.pk


def open_static(path: str) -> str:
    from django.contrib.staticfiles import finders

    with open(finders.find(path), encoding="utf-8") as f:
        return f.read()


def test_decision_returns_to_the_panel_which_lists_it(tolerated) -> None:
    client = verified_client(make_user(Role.TEAMLEITUNG))
    url = reverse("perspectives:snapshot_create", kwargs={"person_pk": tolerated.pk})
    response = client.post(url, {"purpose": "decision", "as_of": "2025-10-01", "decision_reference": "ANTRAG-1"},
                           follow=True)
    assert response.redirect_chain[-1][0].endswith(f"/personen/{tolerated.pk}/#bleibeperspektiven")
    assert "wurde für die Entscheidung gespeichert" in response.content.decode()
    # the panel, which the page loads right after, lists it
    html = client.get(reverse("perspectives:panel", kwargs={"person_pk": tolerated.pk}),
                      HTTP_HX_REQUEST="true").content.decode()
    assert "ANTRAG-1" in html
    snapshot = AssessmentSnapshot.objects.get()
    assert reverse("perspectives:snapshot_detail", kwargs={"person_pk": tolerated.pk, "pk": snapshot.pk}) in html


def test_bad_snapshot_post_saves_nothing(tolerated) -> None:
    client = verified_client(make_user(Role.SACHBEARBEITUNG))
    url = reverse("perspectives:snapshot_create", kwargs={"person_pk": tolerated.pk})
    response = client.post(url, {"purpose": "entwurf", "as_of": "2025-10-01"}, follow=True)
    assert response.status_code == 200 and "konnte nicht gespeichert werden" in response.content.decode()
    assert not AssessmentSnapshot.objects.exists()


def test_another_persons_snapshot_is_not_found_through_this_person(tolerated) -> None:
    user = make_user(Role.SACHBEARBEITUNG)
    other = PersonFactory()
    snapshot = services.create_snapshot(user, other, date(2025, 10, 1), "decision")
    client = verified_client(user)
    url = reverse("perspectives:snapshot_detail", kwargs={"person_pk": tolerated.pk, "pk": snapshot.pk})
    assert client.get(url).status_code == 404
