"""The dashboard's figures link to the worklists and to the goal list, filtered so that the numbers agree."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from wegweiser.accounts.models import Team
from wegweiser.accounts.roles import Role
from wegweiser.core.testing import make_user, verified_client
from wegweiser.goals.models import GoalStatus
from wegweiser.goals.tests.test_goal_list import goal
from wegweiser.persons.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    team = Team.objects.get_or_create(name="Team 1")[0]
    lotsin = make_user(Role.INTEGRATIONSLOTSE, username="lotsin", team=team)
    other = make_user(Role.INTEGRATIONSLOTSE, username="lotse2", team=team)
    today = timezone.localdate()
    for lotse, n in ((lotsin, 2), (other, 1), (None, 1)):
        for i in range(n):
            person = Person.objects.create(file_number=f"AZ-L{lotse.pk if lotse else 0}-{i}", family_name="Muster",
                                           lotse=lotse, team=team)
            goal(person, "laufend bald", due=today + timedelta(days=5))
            goal(person, "überfällig", GoalStatus.IN_PROGRESS, due=today - timedelta(days=2))
            goal(person, "erreicht", GoalStatus.ACHIEVED, changed_days_ago=3)
            goal(person, "verfehlt", GoalStatus.MISSED, changed_days_ago=3)
    return {"lotsin": lotsin, "other": other, "team": team}


def links(page: str) -> dict[str, str]:
    """Visible link text (the count) -> URL, for the links that carry a hidden description."""
    found = re.findall(r'<a class="kern-link" href="([^"]+)">(\d+)<span class="visually-hidden"> – ([^<]+)</span>',
                       page)
    return [(unescape(url), int(n), hint) for url, n, hint in found]


def test_lotsin_figures_link_to_her_lists_and_the_numbers_agree(office):
    lotsin = office["lotsin"]
    client = verified_client(lotsin)
    page = client.get(reverse("caseload:dashboard")).text
    found = links(page)
    worklist = [url for url, _n, hint in found if hint == "Arbeitslisten dieser Personen"]
    assert worklist == [reverse("screening:worklist", kwargs={"key": "jetzt"}) + f"?lotse={lotsin.pk}"]
    assert client.get(worklist[0]).status_code == 200
    goals = [(url, n) for url, n, hint in found if hint == "Liste anzeigen"]
    assert len(goals) == 5
    for url, n in goals:
        assert url.startswith(reverse("goals:list")) and f"lotse={lotsin.pk}" in url
        response = client.get(url)
        assert response.status_code == 200
        assert response.context["page"].paginator.count == n, url
    assert sorted(n for _u, n in goals) == [2, 2, 2, 2, 4]


def test_teamleitung_rows_per_lotse_link_with_the_same_numbers(office):
    client = verified_client(make_user(Role.TEAMLEITUNG, username="tl", team=office["team"]))
    page = client.get(reverse("caseload:dashboard")).text
    found = links(page)
    assert any(url.endswith("?lotse=none") for url, _n, _h in found)  # persons without a Lotse, in the worklists
    ohne = [(url, n) for url, n, hint in found if "lotse=ohne" in url]
    assert len(ohne) == 3  # due, overdue, achieved in the row "ohne Zuordnung"
    goal_links = [(u, n) for u, n, _h in found if u.startswith(reverse("goals:list"))]
    assert len(goal_links) == 5 + 3 * 3  # the office's figures, and due/overdue/achieved per row
    for url, n in goal_links:
        assert client.get(url).context["page"].paginator.count == n, url


def test_team_filter_is_passed_on(office):
    client = verified_client(make_user(Role.TEAMLEITUNG, username="tl", team=office["team"]))
    page = client.get(reverse("caseload:dashboard"), {"team": office["team"].pk}).text
    assert all(f"team={office['team'].pk}" in url for url, _n, _h in links(page))
