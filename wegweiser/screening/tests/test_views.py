"""Worklist pages, exports, the Lotse assignment and the run page, end to end through the client."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.core.testing import make_user, verified_client
from wegweiser.persons.models import Person
from wegweiser.persons.tests.factories import NationalityFactory, PersonFactory
from wegweiser.screening.models import RunStatus, ScreeningResult, ScreeningRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def current_run():
    return ScreeningRun.objects.create(as_of=date.today(), status=RunStatus.COMPLETED, is_current=True,
                                       finished_at=None, total=3, processed=3)


@pytest.fixture
def eligible(current_run):
    people = [
        PersonFactory(family_name="Haddad", given_names="Amina", file_number="AZ-10"),
        PersonFactory(family_name="=HYPERLINK(\"http://x\")", given_names="+Evil", file_number="-AZ-11"),
    ]
    for person in people:
        ScreeningResult.objects.create(run=current_run, person=person, pathway="aufenthg_25b", outcome="eligible",
                                       earliest_date=current_run.as_of)
    NationalityFactory(person=people[0], code="SY")
    return people


def worklist_url(key: str = "jetzt") -> str:
    return reverse("screening:worklist", kwargs={"key": key})


class TestWorklistPage:
    def test_rows_link_to_the_person_and_the_view_is_audited(self, role_client, eligible):
        user, client = role_client(Role.SACHBEARBEITUNG)
        response = client.get(worklist_url())
        assert response.status_code == 200
        page = response.text
        assert reverse("persons:detail", kwargs={"pk": eligible[0].pk}) in page
        assert "§ 25b Abs. 1 AufenthG: erfüllt" in page
        assert 'name="personen"' not in page  # Sachbearbeitung may not assign
        entry = AuditEntry.objects.filter(action=AuditAction.VIEW, object_type="worklist").get()
        assert entry.actor_id == user.pk and entry.details["list"] == "jetzt"
        assert sorted(entry.details["persons"]) == sorted(p.pk for p in eligible)

    def test_lotse_sees_check_boxes_and_counts(self, role_client, eligible):
        _user, client = role_client(Role.INTEGRATIONSLOTSE)
        page = client.get(worklist_url()).text
        assert page.count('name="personen"') == 2
        assert "Arbeitslisten" in page  # navigation entry

    def test_unknown_list_is_404(self, role_client):
        _user, client = role_client(Role.TEAMLEITUNG)
        assert client.get(worklist_url("gibt-es-nicht")).status_code == 404

    def test_invalid_filter_is_explained_and_nothing_listed(self, role_client, eligible):
        _user, client = role_client(Role.TEAMLEITUNG)
        response = client.get(worklist_url() + "?age=uralt")
        assert response.status_code == 400
        assert "Bitte einen Eintrag aus der Liste wählen." in response.text
        assert not AuditEntry.objects.filter(object_type="worklist").exists()

    def test_filter_and_pathway_choice(self, role_client, eligible):
        _user, client = role_client(Role.TEAMLEITUNG)
        page = client.get(worklist_url() + "?nationality=SY").text
        assert "AZ-10" in page and "-AZ-11" not in page

    def test_page_without_run_explains_it(self, role_client):
        _user, client = role_client(Role.INTEGRATIONSLOTSE)
        page = client.get(worklist_url()).text
        assert "Es gibt noch keinen abgeschlossenen Prüflauf" in page

    def test_pagination(self, role_client, current_run):
        for n in range(55):
            person = PersonFactory(file_number=f"AZ-P-{n:03d}")
            ScreeningResult.objects.create(run=current_run, person=person, pathway="stag_10", outcome="eligible")
        _user, client = role_client(Role.TEAMLEITUNG)
        first = client.get(worklist_url() + "?sort=aktenzeichen").text
        second = client.get(worklist_url() + "?sort=aktenzeichen&seite=2").text
        assert "AZ-P-000" in first and "AZ-P-054" not in first
        assert "AZ-P-054" in second and "Seite 2 von 2" in second

    def test_external_roles_are_refused(self, role_client, eligible):
        _user, client = role_client(Role.KIM_FALLMANAGEMENT)
        assert client.get(worklist_url()).status_code == 403


class TestExports:
    def test_csv_for_excel_with_escaped_formulas_and_audit(self, role_client, eligible):
        user, client = role_client(Role.SACHBEARBEITUNG)
        response = client.get(reverse("screening:worklist_export_csv", kwargs={"key": "jetzt"}) + "?sort=aktenzeichen")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        body = response.content
        assert body.startswith("\ufeff".encode())
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
        assert rows[0][0] == "Aktenzeichen" and rows[0][-1] == "Erfüllt seit Stichtag"
        assert [r[0] for r in rows[1:]] == ["'-AZ-11", "AZ-10"]
        evil = rows[1]
        assert evil[1] == "'=HYPERLINK(\"http://x\")" and evil[2] == "'+Evil"
        assert "Syrien" in rows[2][4]
        entry = AuditEntry.objects.get(action=AuditAction.EXPORT, object_type="worklist")
        assert entry.actor_id == user.pk
        assert entry.details["list"] == "jetzt" and entry.details["count"] == 2 and entry.details["format"] == "csv"
        assert sorted(entry.details["persons"]) == sorted(p.pk for p in eligible)
        assert entry.details["filters"] == {}

    def test_xlsx_loads_and_holds_no_formula(self, role_client, eligible):
        _user, client = role_client(Role.TEAMLEITUNG)
        response = client.get(reverse("screening:worklist_export_xlsx", kwargs={"key": "jetzt"})
                              + "?sort=aktenzeichen&nationality=SY")
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content)).active
        values = list(sheet.iter_rows(values_only=True))
        assert values[0][0] == "Aktenzeichen"
        assert [row[0] for row in values[1:]] == ["AZ-10"]
        assert values[1][-1].date() == date.today()  # a real date cell, not text
        entry = AuditEntry.objects.get(action=AuditAction.EXPORT, object_type="worklist")
        assert entry.details["filters"] == {"nationality": "SY"} and entry.details["count"] == 1

    def test_xlsx_escapes_formulas(self, role_client, eligible):
        _user, client = role_client(Role.TEAMLEITUNG)
        response = client.get(reverse("screening:worklist_export_xlsx", kwargs={"key": "jetzt"}) + "?sort=aktenzeichen")
        sheet = load_workbook(io.BytesIO(response.content)).active
        cells = [sheet.cell(row=2, column=c) for c in (1, 2, 3)]
        assert [c.value for c in cells] == ["'-AZ-11", "'=HYPERLINK(\"http://x\")", "'+Evil"]
        assert all(c.data_type == "s" for c in cells)

    def test_export_of_an_invalid_filter_is_refused(self, role_client, eligible):
        _user, client = role_client(Role.TEAMLEITUNG)
        response = client.get(reverse("screening:worklist_export_csv", kwargs={"key": "jetzt"}) + "?team=999999")
        assert response.status_code == 400
        assert "nicht exportiert" in response.text
        assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


class TestAssign:
    def test_single_assignment_from_the_person_page(self, role_client):
        user, client = role_client(Role.TEAMLEITUNG)
        lotse = make_user(Role.INTEGRATIONSLOTSE, username="lotsin-a", first_name="Lea", last_name="Lotsin")
        person = PersonFactory()
        detail = reverse("persons:detail", kwargs={"pk": person.pk})
        page = client.get(detail).text
        assert "niemand zugewiesen" in page and reverse("screening:assign", kwargs={"person_pk": person.pk}) in page
        response = client.post(reverse("screening:assign", kwargs={"person_pk": person.pk}),
                               {"lotse": lotse.pk, "next": detail})
        assert response.status_code == 302 and response["Location"] == detail
        person.refresh_from_db()
        assert person.lotse == lotse
        entry = AuditEntry.objects.get(action=AuditAction.CHANGE, person_id=person.pk)
        assert entry.details == {"fields": ["lotse"], "lotse": lotse.pk, "previous_lotse": None}
        assert "Lea Lotsin" in client.get(detail).text
        # The Lotsin learns of it in the app, with a link to the file.
        from wegweiser.notifications.models import Notification

        told = Notification.objects.get(recipient=lotse)
        assert person.file_number in told.message and told.url == detail and told.person_id == person.pk

    def test_assigning_to_a_non_lotse_is_refused_clearly(self, role_client):
        _user, client = role_client(Role.TEAMLEITUNG)
        clerk = make_user(Role.SACHBEARBEITUNG, username="sb-x")
        person = PersonFactory()
        response = client.post(reverse("screening:assign", kwargs={"person_pk": person.pk}), {"lotse": clerk.pk})
        assert response.status_code == 400
        assert "Bitte eine Integrationslotsin oder einen Integrationslotsen aus der Liste wählen" in response.text
        person.refresh_from_db()
        assert person.lotse is None
        assert not AuditEntry.objects.filter(action=AuditAction.CHANGE).exists()

    def test_inactive_lotse_cannot_be_chosen(self, role_client):
        _user, client = role_client(Role.TEAMLEITUNG)
        gone = make_user(Role.INTEGRATIONSLOTSE, username="weg", is_active=False)
        person = PersonFactory()
        response = client.post(reverse("screening:assign", kwargs={"person_pk": person.pk}), {"lotse": gone.pk})
        assert response.status_code == 400

    def test_removing_the_assignment(self, role_client):
        lotse = make_user(Role.INTEGRATIONSLOTSE, username="lotse-b")
        _user, client = role_client(Role.TEAMLEITUNG)
        person = PersonFactory(lotse=lotse)
        client.post(reverse("screening:assign", kwargs={"person_pk": person.pk}), {"lotse": ""})
        person.refresh_from_db()
        assert person.lotse is None

    def test_next_must_be_local(self, role_client):
        lotse, client = role_client(Role.INTEGRATIONSLOTSE)
        person = PersonFactory()
        response = client.post(reverse("screening:assign", kwargs={"person_pk": person.pk}),
                               {"lotse": lotse.pk, "next": "https://evil.example/"})
        assert response["Location"] == reverse("persons:detail", kwargs={"pk": person.pk})

    def test_bulk_assignment_from_a_worklist(self, role_client, eligible):
        lotse, client = role_client(Role.INTEGRATIONSLOTSE)
        back = worklist_url() + "?sort=name"
        response = client.post(reverse("screening:assign_bulk"),
                               {"personen": [p.pk for p in eligible], "lotse": lotse.pk, "next": back})
        assert response.status_code == 302 and response["Location"] == back
        assert set(Person.objects.filter(lotse=lotse)) == set(eligible)
        assert AuditEntry.objects.filter(action=AuditAction.CHANGE).count() == 2
        from wegweiser.notifications.models import Notification

        assert not Notification.objects.exists()  # assigning oneself tells nobody
        page = client.get(back).text
        assert "2 Personen wurden" in page

    def test_bulk_without_selection_says_so(self, role_client, eligible):
        lotse, client = role_client(Role.TEAMLEITUNG)
        il = make_user(Role.INTEGRATIONSLOTSE, username="lotse-c")
        response = client.post(reverse("screening:assign_bulk"), {"lotse": il.pk, "next": worklist_url()}, follow=True)
        assert "Bitte mindestens eine Person in der Liste ankreuzen." in response.text
        assert not Person.objects.filter(lotse=il).exists()

    def test_bulk_with_an_unknown_person_changes_nothing(self, role_client, eligible):
        _user, client = role_client(Role.TEAMLEITUNG)
        il = make_user(Role.INTEGRATIONSLOTSE, username="lotse-d")
        response = client.post(reverse("screening:assign_bulk"),
                               {"personen": [eligible[0].pk, 999999], "lotse": il.pk}, follow=True)
        assert "gibt es nicht (mehr)" in response.text
        assert not Person.objects.filter(lotse=il).exists()

    def test_sachbearbeitung_may_not_assign(self, role_client):
        _user, client = role_client(Role.SACHBEARBEITUNG)
        person = PersonFactory()
        il = make_user(Role.INTEGRATIONSLOTSE, username="lotse-e")
        response = client.post(reverse("screening:assign", kwargs={"person_pk": person.pk}), {"lotse": il.pk})
        assert response.status_code == 403
        page = client.get(reverse("persons:detail", kwargs={"pk": person.pk})).text
        assert reverse("screening:assign", kwargs={"person_pk": person.pk}) not in page


class TestRuns:
    def test_progress_polls_while_running_and_stops_when_done(self, role_client):
        _user, client = role_client(Role.TEAMLEITUNG)
        run = ScreeningRun.objects.create(as_of=date.today(), status=RunStatus.RUNNING, total=200, processed=50)
        page = client.get(reverse("screening:runs")).text
        assert 'aria-live="polite"' in page and 'value="25"' in page
        assert "Fortschritt aktualisieren" in page  # works without JavaScript
        partial = client.get(reverse("screening:runs"), headers={"HX-Request": "true"})
        assert 'hx-trigger="every 2s"' in partial.text and "<html" not in partial.text
        assert 'hx-swap-oob="true"' in partial.text
        ScreeningRun.objects.filter(pk=run.pk).update(status=RunStatus.COMPLETED, processed=200, is_current=True)
        done = client.get(reverse("screening:runs"), headers={"HX-Request": "true"}).text
        assert "hx-trigger" not in done and "Zurzeit läuft kein Prüflauf." in done

    def test_sachbearbeitung_sees_runs_but_cannot_start(self, role_client):
        _user, client = role_client(Role.SACHBEARBEITUNG)
        page = client.get(reverse("screening:runs")).text
        assert reverse("screening:run_start") not in page
        assert client.post(reverse("screening:run_start")).status_code == 403

    def test_start_creates_a_run(self, role_client, django_capture_on_commit_callbacks):
        user, client = role_client(Role.INTEGRATIONSLOTSE)
        PersonFactory()
        with django_capture_on_commit_callbacks(execute=False):
            response = client.post(reverse("screening:run_start"), {"as_of": "2026-01-31"})
        assert response.status_code == 302
        run = ScreeningRun.objects.get()
        assert run.as_of == date(2026, 1, 31) and run.started_by == user

    def test_second_start_is_refused_with_a_message(self, role_client, django_capture_on_commit_callbacks):
        _user, client = role_client(Role.TEAMLEITUNG)
        ScreeningRun.objects.create(as_of=date.today(), status=RunStatus.RUNNING, active=True)
        with django_capture_on_commit_callbacks(execute=False):
            response = client.post(reverse("screening:run_start"), follow=True)
        assert "Es läuft bereits ein Prüflauf" in response.text
        assert ScreeningRun.objects.count() == 1

    def test_invalid_date_is_explained(self, role_client):
        _user, client = role_client(Role.TEAMLEITUNG)
        response = client.post(reverse("screening:run_start"), {"as_of": "31.02.2026x"})
        assert response.status_code == 400 and "Bitte prüfen Sie Ihre Eingaben." in response.text
        assert not ScreeningRun.objects.exists()

    def test_resume_only_failed_runs(self, role_client, django_capture_on_commit_callbacks):
        _user, client = role_client(Role.TEAMLEITUNG)
        failed = ScreeningRun.objects.create(as_of=date.today() - timedelta(days=1), status=RunStatus.FAILED,
                                             total=10, processed=4, error="boom")
        page = client.get(reverse("screening:runs")).text
        assert reverse("screening:run_resume", kwargs={"pk": failed.pk}) in page
        with django_capture_on_commit_callbacks(execute=False):
            client.post(reverse("screening:run_resume", kwargs={"pk": failed.pk}))
        failed.refresh_from_db()
        assert failed.status == RunStatus.QUEUED
        response = client.post(reverse("screening:run_resume", kwargs={"pk": failed.pk}), follow=True)
        assert "Nur ein abgebrochener Prüflauf kann fortgesetzt werden." in response.text

    def test_start_runs_the_screening_end_to_end(self, role_client, django_capture_on_commit_callbacks):
        """The task is eager in tests: after the commit the run is complete and feeds the lists."""
        _user, client = role_client(Role.TEAMLEITUNG)
        PersonFactory()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("screening:run_start"))
        run = ScreeningRun.objects.get()
        assert run.status == RunStatus.COMPLETED and run.is_current
        assert client.get(worklist_url()).status_code == 200


def test_navigation_entry_only_for_worklist_roles(db):
    for role, shown in ((Role.SACHBEARBEITUNG, True), (Role.AUSWERTUNG, False)):
        client = verified_client(make_user(role))
        page = client.get(reverse("core:home")).text
        assert (reverse("screening:worklists") in page) == shown, role
