"""The caseload dashboard: figures on a constructed caseload, scope per role, charts and tables, audit."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wegweiser.accounts.models import Team
from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.caseload.charts import column_chart, row_chart
from wegweiser.caseload.services.figures import goal_figures, person_figures
from wegweiser.caseload.services.labels import short_label
from wegweiser.caseload.services.period import Period
from wegweiser.caseload.services.scope import Scope
from wegweiser.caseload.services.transitions import pathway_key, transitions
from wegweiser.core.testing import make_user, verified_client
from wegweiser.goals.models import GoalStatus, StatusChange, Zielvereinbarung
from wegweiser.persons.models import Person, ResidencePeriod

pytestmark = pytest.mark.django_db

YEAR_2025 = Period(date(2025, 1, 1), date(2025, 12, 1))


@pytest.fixture
def team():
    return Team.objects.get_or_create(name="Team 1")[0]


@pytest.fixture
def lotsin(team):
    return make_user(Role.INTEGRATIONSLOTSE, username="lotsin", team=team)


_counter = iter(range(1, 10_000))


def _person(lotse=None, team=None, *periods: tuple) -> Person:
    person = Person.objects.create(file_number=f"AZ-C{next(_counter)}", family_name="Muster", lotse=lotse, team=team)
    for status, valid_from, legal_basis in periods:
        ResidencePeriod.objects.create(person=person, status=status, valid_from=valid_from, legal_basis=legal_basis)
    return person


def _goal(person, status=GoalStatus.AGREED, due=None, achieved_at=None) -> Zielvereinbarung:
    return Zielvereinbarung.objects.create(person=person, title="Ziel", indicator="Nachweis", status=status,
                                           due_date=due, achieved_at=achieved_at)


# --- transitions ------------------------------------------------------------------------------------------------


def test_transitions_by_month_and_pathway_once_per_person_and_month(lotsin, team):
    _person(lotsin, team,  # Duldung -> § 25b in March, corrected by a second permit period in the same month
            ("duldung", date(2022, 1, 1), "§ 60a Abs. 2 S. 1 AufenthG"),
            ("aufenthaltserlaubnis", date(2025, 3, 10), "§ 25b Abs. 1 AufenthG"),
            ("aufenthaltserlaubnis", date(2025, 3, 20), "§ 25b Abs. 1 AufenthG"))
    _person(lotsin, team,  # Gestattung, a Fiktionsbescheinigung in between, then § 25 Abs. 5 in May
            ("aufenthaltsgestattung", date(2021, 5, 1), "§ 55 Abs. 1 AsylG"),
            ("fiktionsbescheinigung", date(2025, 4, 1), ""),
            ("aufenthaltserlaubnis", date(2025, 5, 2), "§ 25 Abs. 5 AufenthG"))
    _person(lotsin, team,  # a Niederlassungserlaubnis straight from a Duldung, § 25b, also in March
            ("duldung", date(2020, 1, 1), ""), ("niederlassungserlaubnis", date(2025, 3, 1), "§ 25b AufenthG"))
    _person(lotsin, team,  # permit without a readable legal basis
            ("duldung", date(2020, 1, 1), ""), ("aufenthaltserlaubnis", date(2025, 5, 31), ""))
    _person(lotsin, team,  # another legal basis (no engine pathway)
            ("duldung", date(2020, 1, 1), ""), ("aufenthaltserlaubnis", date(2025, 7, 1), "§ 25 Abs. 2 AufenthG"))
    # Not transitions: from a visa, permit to permit, and before the period.
    _person(lotsin, team, ("visum", date(2024, 1, 1), ""), ("aufenthaltserlaubnis", date(2025, 2, 1), "§ 16a AufenthG"))
    _person(lotsin, team, ("aufenthaltserlaubnis", date(2022, 1, 1), "§ 25b AufenthG"),
            ("niederlassungserlaubnis", date(2025, 6, 1), "§ 26 Abs. 4 AufenthG"))
    _person(lotsin, team, ("duldung", date(2020, 1, 1), ""), ("aufenthaltserlaubnis", date(2024, 12, 31), "§ 104c AufenthG"))
    # Someone else's caseload.
    other = make_user(Role.INTEGRATIONSLOTSE, username="anderer", team=team)
    _person(other, team, ("duldung", date(2020, 1, 1), ""), ("aufenthaltserlaubnis", date(2025, 3, 5), "§ 25a AufenthG"))

    persons = Scope(office=False).persons(lotsin)
    with CaptureQueriesContext(connection) as queries:
        result = transitions(persons, YEAR_2025)
    assert len(queries) == 1  # one aggregate query, whatever the size of the caseload
    assert result.counts[date(2025, 3, 1)] == {"aufenthg_25b": 2}
    assert result.counts[date(2025, 5, 1)] == {"aufenthg_25_5": 1, "unknown": 1}
    assert result.counts[date(2025, 7, 1)] == {"aufenthg_25_2": 1}
    assert result.total == 5
    assert result.by_pathway() == [("aufenthg_25b", 2), ("aufenthg_25_2", 1), ("aufenthg_25_5", 1), ("unknown", 1)]
    assert transitions(Scope(office=True).persons(make_user(Role.TEAMLEITUNG, team=team)), YEAR_2025).total == 6


def test_pathway_keys_and_labels():
    assert pathway_key("§ 25b Abs. 1 AufenthG") == "aufenthg_25b"
    assert pathway_key("§ 19d Abs. 1a AufenthG") == "aufenthg_19d"
    assert pathway_key("§ 25 Abs. 5 AufenthG") == "aufenthg_25_5"
    assert pathway_key("§ 25 Abs. 2 AufenthG") == "aufenthg_25_2"
    assert pathway_key("irgendwas") == "unknown"
    assert short_label("aufenthg_25b") == "§ 25b AufenthG"
    assert short_label("aufenthg_16g_1_2") == "§ 16g Abs. 1 Nr. 2 AufenthG"
    assert short_label("unknown") == "Rechtsgrundlage nicht lesbar"


# --- goals --------------------------------------------------------------------------------------------------------


def test_goals_due_and_overdue_boundaries(lotsin, team):
    today = date(2025, 6, 15)
    person = _person(lotsin, team)
    _goal(person, due=today)  # due today: due, not overdue
    _goal(person, GoalStatus.IN_PROGRESS, due=today + timedelta(days=30))  # last day of the window
    _goal(person, due=today + timedelta(days=31))  # outside the window
    _goal(person, due=today - timedelta(days=1))  # overdue
    _goal(person, GoalStatus.ACHIEVED, due=today - timedelta(days=10),  # done: neither
          achieved_at=timezone.make_aware(datetime(2025, 6, 1, 10)))
    _goal(person, GoalStatus.CANCELLED, due=today - timedelta(days=10))
    missed = _goal(person, GoalStatus.MISSED, due=today - timedelta(days=3))
    change = StatusChange.objects.create(goal=missed, from_status=GoalStatus.AGREED, to_status=GoalStatus.MISSED)
    StatusChange.objects.filter(pk=change.pk).update(at=timezone.make_aware(datetime(2025, 6, 10, 9)))
    old = StatusChange.objects.create(goal=_goal(person, GoalStatus.MISSED), to_status=GoalStatus.MISSED)
    StatusChange.objects.filter(pk=old.pk).update(at=timezone.make_aware(datetime(2024, 6, 10, 9)))  # before
    _goal(person, GoalStatus.ACHIEVED, achieved_at=timezone.make_aware(datetime(2024, 12, 31, 23)))  # before period
    _goal(_person(None, team), due=today - timedelta(days=1))  # not in this caseload

    figures = goal_figures(Scope(office=False).persons(lotsin), YEAR_2025, today)
    assert (figures.running, figures.due_soon, figures.overdue) == (4, 2, 1)
    assert figures.achieved == 1
    assert figures.missed == 1
    assert dict(figures.achieved_by_month)[date(2025, 6, 1)] == 1
    assert sum(n for _, n in figures.achieved_by_month) == 1


# --- scope and view -----------------------------------------------------------------------------------------------


def test_lotse_sees_only_own_caseload(lotsin, team):
    other = make_user(Role.INTEGRATIONSLOTSE, username="anderer", team=team)
    for _ in range(3):
        _person(lotsin, team)
    _person(other, team)
    _person(None, team)
    response = verified_client(lotsin).get(reverse("caseload:dashboard"))
    assert response.status_code == 200
    assert response.context["persons"].total == 3
    assert response.context["by_lotse"] is None
    assert "lotse" not in response.context["form"].fields  # no filter that could widen the scope
    # A lotse parameter is ignored for the Lotsin.
    response = verified_client(lotsin).get(reverse("caseload:dashboard"), {"lotse": str(other.pk)})
    assert response.context["persons"].total == 3


def test_teamleitung_sees_office_and_filters(lotsin, team):
    other_team = Team.objects.create(name="Team 2")
    other = make_user(Role.INTEGRATIONSLOTSE, username="anderer", team=other_team)
    lead = make_user(Role.TEAMLEITUNG, username="leitung", team=team)
    _person(lotsin, team)
    _person(lotsin, other_team)
    _person(other, other_team)
    _person(None, team)
    client = verified_client(lead)
    url = reverse("caseload:dashboard")
    office = client.get(url).context
    assert (office["persons"].total, office["persons"].accompanied) == (4, 3)
    assert {(row.lotse.pk if row.lotse else None): row.persons for row in office["by_lotse"]} == {
        lotsin.pk: 2, other.pk: 1, None: 1}
    assert client.get(url, {"lotse": str(lotsin.pk)}).context["persons"].total == 2
    assert client.get(url, {"lotse": "ohne"}).context["persons"].total == 1
    assert client.get(url, {"team": str(other_team.pk)}).context["persons"].total == 2
    assert client.get(url, {"lotse": str(lotsin.pk), "team": str(team.pk)}).context["persons"].total == 1
    assert client.get(url, {"lotse": "999999"}).status_code == 400


def test_page_has_svg_charts_with_tables_and_one_audit_entry(lotsin, team):
    _person(lotsin, team, ("duldung", date(2020, 1, 1), ""),
            ("aufenthaltserlaubnis", timezone.localdate().replace(day=1), "§ 25b Abs. 1 AufenthG"))
    before = AuditEntry.objects.count()
    response = verified_client(lotsin).get(reverse("caseload:dashboard"))
    html = response.content.decode()
    assert html.count('role="img"') == 3
    assert html.count("<title id=") == 3 and html.count("<desc id=") == 3
    assert 'aria-labelledby="chart-transitions-months-title chart-transitions-months-desc"' in html
    assert html.count("<caption") == 3 and 'scope="row"' in html and 'scope="col"' in html
    assert "§ 25b AufenthG" in html and "Muster" not in html  # counts, never names
    assert 'href="/fallbegleitung/"' in html  # navigation entry
    entries = list(AuditEntry.objects.filter(pk__gt=before))
    assert len(entries) == 1
    entry = entries[0]
    assert entry.action == AuditAction.VIEW and entry.person_id is None
    assert entry.details["scope"] == "own" and entry.object_type == "caseload.dashboard"


def test_bad_period_is_refused_with_a_message(lotsin):
    response = verified_client(lotsin).get(reverse("caseload:dashboard"), {"first": "2025-06", "last": "2025-01"})
    assert response.status_code == 400
    assert "Das Ende des Zeitraums liegt vor seinem Anfang." in response.content.decode()
    assert not AuditEntry.objects.filter(object_type="caseload.dashboard").exists()


def test_selected_period_shapes_the_months(lotsin):
    today = timezone.localdate()
    first = today.replace(day=1) - timedelta(days=1)
    response = verified_client(lotsin).get(
        reverse("caseload:dashboard"), {"first": first.strftime("%Y-%m"), "last": today.strftime("%Y-%m")})
    assert response.status_code == 200
    assert len(response.context["transitions"]["rows"]) == 2


def test_sachbearbeitung_has_no_dashboard_and_no_menu_entry(role_client):
    _user, client = role_client(Role.SACHBEARBEITUNG)
    assert client.get(reverse("caseload:dashboard")).status_code == 403
    assert "Fallbegleitung" not in client.get(reverse("persons:search")).content.decode()


def test_person_figures_one_query(lotsin, team):
    _person(lotsin, team)
    with CaptureQueriesContext(connection) as queries:
        figures = person_figures(Scope(office=False).persons(lotsin))
    assert figures.total == 1 and len(queries) == 1


def test_charts_scale_and_label():
    chart = column_chart([("01/25", 0), ("02/25", 4), ("03/25", 2)])
    assert [b.height for b in chart.bars] == [0, 180, 90] and not chart.rotate_labels
    assert column_chart([(str(i), i) for i in range(24)]).rotate_labels
    rows = row_chart([("§ 25b AufenthG", 3)])
    assert rows.bars[0].label == "§ 25b AufenthG" and rows.bars[0].value_x > rows.bars[0].x + rows.bars[0].width
