"""The pages: create from a gap, detail with history, status change, edit with a stale version, upload."""

from __future__ import annotations

import pytest
from django.urls import reverse

from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditEntry
from wegweiser.core.testing import verified_client
from wegweiser.documents.tests.samples import pdf_upload
from wegweiser.goals.models import GoalStatus, Zielvereinbarung
from wegweiser.goals.services.agreements import create_goal, update_goal

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(case_worker):
    return verified_client(case_worker)


def _post(**overrides) -> dict:
    return {"title": "Deutsch A2", "indicator": "Zertifikat", "due_date": "", "next_review": "",
            "responsible_kind": "person", "responsible_name": "", "responsible_user": "", "support": "",
            "language": "ar", "pathway": "", "condition": "", **overrides}


def test_create_from_a_gap_prefills_title_and_indicator(client, person) -> None:
    url = reverse("goals:create", kwargs={"person_pk": person.pk})
    response = client.get(url, {"pathway": "aufenthg_25b", "condition": "deutsch_a2_muendlich"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["pathway"] == "aufenthg_25b" and form.initial["condition"] == "deutsch_a2_muendlich"
    assert form.initial["title"].startswith("Sprachzertifikate erfassen")
    assert "§ 25b" in form.initial["indicator"]
    assert "Aus einer Lücke der Regelprüfung" in response.content.decode()
    assert AuditEntry.objects.filter(action="export", person_id=person.pk).exists()


def test_unknown_gap_falls_back_to_a_free_form(client, person) -> None:
    url = reverse("goals:create", kwargs={"person_pk": person.pk})
    response = client.get(url, {"pathway": "aufenthg_25b", "condition": "gibt_es_nicht"}, follow=True)
    assert "title" not in response.context["form"].initial
    assert "kennt die Regelprüfung" in response.content.decode()


def test_create_saves_and_shows_the_detail(client, person) -> None:
    url = reverse("goals:create", kwargs={"person_pk": person.pk})
    response = client.post(url, _post(pathway="aufenthg_25b", condition="deutsch_a2_muendlich"), follow=True)
    goal = Zielvereinbarung.objects.get()
    assert response.redirect_chain[-1][0] == reverse("goals:detail", kwargs={"pk": goal.pk})
    assert (goal.pathway, goal.condition, goal.status) == ("aufenthg_25b", "deutsch_a2_muendlich", "agreed")
    body = response.content.decode()
    assert "Verlauf" in body and "vereinbart" in body and "automatisch als erreicht" in body


def test_bad_input_keeps_what_was_typed(client, person) -> None:
    url = reverse("goals:create", kwargs={"person_pk": person.pk})
    response = client.post(url, _post(indicator="", support="Kursplatz bei der VHS"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Bitte beschreiben Sie" in body and "Kursplatz bei der VHS" in body
    assert not Zielvereinbarung.objects.exists()


def test_unknown_person_is_not_found(client) -> None:
    assert client.get(reverse("goals:create", kwargs={"person_pk": 999999})).status_code == 404
    assert client.get(reverse("goals:detail", kwargs={"pk": 999999})).status_code == 404


def test_person_page_lists_goals_with_overdue_marker(client, person, case_worker) -> None:
    from datetime import date

    goal = create_goal(case_worker, person, {"title": "Wohnung finden", "indicator": "Mietvertrag"})
    Zielvereinbarung.objects.filter(pk=goal.pk).update(due_date=date(2020, 1, 1))
    body = client.get(reverse("persons:detail", kwargs={"pk": person.pk})).content.decode()
    assert 'id="ziele-heading"' in body and "Wohnung finden" in body and "überfällig" in body
    assert reverse("goals:create", kwargs={"person_pk": person.pk}) in body
    entry = AuditEntry.objects.filter(action="view", person_id=person.pk).latest("id")
    assert "ziele" in entry.details["sections"]


def test_roles_without_goal_rights_see_no_section(person, user_factory) -> None:
    from wegweiser.persons.sections import sections_for

    assert "ziele" in [s.key for s in sections_for(person, user_factory(Role.SACHBEARBEITUNG, username="x"))]
    assert "ziele" not in [s.key for s in sections_for(person, user_factory(Role.AUSWERTUNG, username="y"))]


def test_status_change_and_refused_change(client, person, case_worker) -> None:
    goal = create_goal(case_worker, person, {"title": "Deutsch A2", "indicator": "A2"})
    url = reverse("goals:status", kwargs={"pk": goal.pk})
    response = client.post(url, {"to_status": "cancelled", "expected_status": "agreed", "reason": "Umzug"})
    assert response.status_code == 302
    # A second tab still shows "agreed" and tries to start the work.
    response = client.post(url, {"to_status": "in_progress", "expected_status": "agreed", "reason": ""})
    assert response.status_code == 400
    assert "Der Status wurde inzwischen von jemand anderem geändert" in response.content.decode()
    # A transition the table forbids names what is possible.
    other = create_goal(case_worker, person, {"title": "Arbeit", "indicator": "Vertrag"})
    client.post(reverse("goals:status", kwargs={"pk": other.pk}), {"to_status": "missed", "expected_status": "agreed"})
    response = client.post(reverse("goals:status", kwargs={"pk": other.pk}),
                           {"to_status": "achieved", "expected_status": "missed"})
    assert response.status_code == 400
    assert "kann nicht von „nicht erreicht“ auf „erreicht“ geändert werden" in response.content.decode()
    goal.refresh_from_db()
    assert goal.status == GoalStatus.CANCELLED
    assert list(goal.status_changes.values_list("reason", flat=True)) == ["", "Umzug"]


def test_detail_links_the_pdf_in_the_persons_language(client, person, case_worker) -> None:
    goal = create_goal(case_worker, person, {"title": "Deutsch A2", "indicator": "A2"})
    body = client.get(reverse("goals:detail", kwargs={"pk": goal.pk})).content.decode()
    pdf = reverse("printing:goal_pdf", kwargs={"pk": goal.pk})
    assert f'href="{pdf}"' in body and f'href="{pdf}?lang=ar"' in body


def test_stale_edit_shows_stored_values_next_to_the_input(client, person, case_worker, lotse) -> None:
    goal = create_goal(case_worker, person, {"title": "Deutsch A2", "indicator": "A2"})
    url = reverse("goals:edit", kwargs={"pk": goal.pk})
    assert client.get(url).context["form"].initial["version"] == 1
    update_goal(lotse, goal, {"title": "Deutsch A2", "indicator": "A2", "support": "Kursplatz VHS"},
                expected_version=1)
    response = client.post(url, _post(title="Deutsch A2", indicator="A2", support="Kinderbetreuung", version="1"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "inzwischen von jemand anderem geändert" in body
    assert "Kursplatz VHS" in body and "Kinderbetreuung" in body
    assert response.context["form"].data["version"] == "2"
    goal.refresh_from_db()
    assert goal.support == "Kursplatz VHS"
    # Saving again overwrites knowingly.
    response = client.post(url, response.context["form"].data)
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.support == "Kinderbetreuung"


def test_upload_signed_copy(client, person, case_worker) -> None:
    goal = create_goal(case_worker, person, {"title": "Deutsch A2", "indicator": "A2"})
    url = reverse("goals:upload_signed", kwargs={"pk": goal.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"file": pdf_upload()}, follow=True)
    goal.refresh_from_db()
    assert goal.signed_document is not None
    assert reverse("documents:download", kwargs={"pk": goal.signed_document_id}) in response.content.decode()


def test_upload_without_file_says_so(client, person, case_worker) -> None:
    goal = create_goal(case_worker, person, {"title": "Deutsch A2", "indicator": "A2"})
    response = client.post(reverse("goals:upload_signed", kwargs={"pk": goal.pk}), {})
    assert "Bitte wählen Sie die Datei aus." in response.content.decode()
