"""The list of goals across persons: filters as the dashboard counts them, visibility, audit, bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from wegweiser.accounts.models import Team
from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.core.testing import make_user
from wegweiser.goals.models import GoalStatus, StatusChange, Zielvereinbarung
from wegweiser.persons.models import Person

pytestmark = pytest.mark.django_db


def goal(person, title, status=GoalStatus.AGREED, due=None, changed_days_ago=None) -> Zielvereinbarung:
    g = Zielvereinbarung.objects.create(person=person, title=title, indicator="Nachweis", status=status, due_date=due)
    if changed_days_ago is not None:
        at = timezone.now() - timedelta(days=changed_days_ago)
        change = StatusChange.objects.create(goal=g, from_status=GoalStatus.AGREED, to_status=status)
        StatusChange.objects.filter(pk=change.pk).update(at=at)
        if status == GoalStatus.ACHIEVED:
            Zielvereinbarung.objects.filter(pk=g.pk).update(achieved_at=at)
    return g


@pytest.fixture
def world():
    team = Team.objects.get_or_create(name="Team 1")[0]
    lotsin = make_user(Role.INTEGRATIONSLOTSE, username="lotsin", team=team)
    today = timezone.localdate()
    mine = Person.objects.create(file_number="AZ-G1", family_name="Haddad", lotse=lotsin, team=team)
    nobody = Person.objects.create(file_number="AZ-G2", family_name="Nowak", team=team)
    goal(mine, "Sprachkurs A2", due=today + timedelta(days=10))
    goal(mine, "Arbeitsstelle", GoalStatus.IN_PROGRESS, due=today - timedelta(days=3))
    goal(mine, "Pass beschaffen", GoalStatus.ACHIEVED, changed_days_ago=5)
    goal(nobody, "Schulbesuch", GoalStatus.MISSED, changed_days_ago=400)
    goal(nobody, "Einbürgerungstest", GoalStatus.CANCELLED)
    return {"lotsin": lotsin, "team": team, "today": today}


def titles(response) -> set[str]:
    return {g.title for g in response.context["page"].object_list}


def test_filters(role_client, world):
    _user, client = role_client(Role.TEAMLEITUNG)
    url = reverse("goals:list")
    today = world["today"]
    assert len(titles(client.get(url))) == 5
    assert titles(client.get(url, {"status": "laufend"})) == {"Sprachkurs A2", "Arbeitsstelle"}
    assert titles(client.get(url, {"faellig": "bald"})) == {"Sprachkurs A2"}
    assert titles(client.get(url, {"faellig": "ueberfaellig"})) == {"Arbeitsstelle"}
    assert titles(client.get(url, {"lotse": world["lotsin"].pk})) == {"Sprachkurs A2", "Arbeitsstelle",
                                                                      "Pass beschaffen"}
    assert titles(client.get(url, {"lotse": "ohne"})) == {"Schulbesuch", "Einbürgerungstest"}
    recent = {"von": (today - timedelta(days=30)).isoformat(), "bis": today.isoformat()}
    assert titles(client.get(url, {"status": "achieved", **recent})) == {"Pass beschaffen"}
    assert titles(client.get(url, {"status": "missed", **recent})) == set()
    assert titles(client.get(url, {"status": "missed"})) == {"Schulbesuch"}


def test_view_is_audited_with_the_goals_shown(role_client, world):
    user, client = role_client(Role.SACHBEARBEITUNG, team=world["team"])
    page = client.get(reverse("goals:list"), {"faellig": "ueberfaellig"})
    assert page.status_code == 200 and "Arbeitsstelle" in page.text and "überfällig" in page.text
    entry = AuditEntry.objects.get(action=AuditAction.VIEW, object_type="goals.list")
    assert entry.actor_id == user.pk and entry.details["filters"] == {"due": "ueberfaellig"}
    assert entry.details["goals"] == [Zielvereinbarung.objects.get(title="Arbeitsstelle").pk]


def test_invalid_filter_is_explained_and_nothing_listed(role_client, world):
    _user, client = role_client(Role.TEAMLEITUNG)
    response = client.get(reverse("goals:list"), {"status": "irgendwas", "von": "2026-05-01", "bis": "2026-04-01"})
    assert response.status_code == 400
    assert "Bitte einen Eintrag aus der Liste wählen." in response.text
    assert "Das Ende des Zeitraums liegt vor seinem Anfang." in response.text
    assert "Sprachkurs A2" not in response.text
    assert not AuditEntry.objects.filter(object_type="goals.list").exists()


def test_only_visible_persons(role_client, world, monkeypatch):
    from wegweiser.accounts import policy

    _user, client = role_client(Role.TEAMLEITUNG)
    real = policy.visible_persons
    monkeypatch.setattr(policy, "visible_persons", lambda u, qs: real(u, qs).exclude(file_number="AZ-G2"))
    assert "Schulbesuch" not in titles(client.get(reverse("goals:list")))


def test_roles_without_goal_view_are_refused(role_client):
    _user, client = role_client(Role.AUSWERTUNG)
    assert client.get(reverse("goals:list")).status_code == 403
