"""Where the dashboard's figures lead: the worklists and the list of goals, filtered to the same persons.

The worklists and the goal list take the Lotse/Lotsin and team as filters; the figures of the period
("erreicht", "nicht erreicht") add the period as "status reached from … to …".
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils.http import urlencode

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action

from .services.period import Period
from .services.scope import UNASSIGNED, Scope

#: The filter value for "no Lotse/Lotsin" in the worklists and in the goal list.
WORKLIST_UNASSIGNED = "none"
GOALS_UNASSIGNED = "ohne"


def _url(name: str, params: dict[str, Any], **kwargs: Any) -> str:
    query = urlencode({key: value for key, value in params.items() if value not in (None, "")})
    url = reverse(name, kwargs=kwargs or None)
    return f"{url}?{query}" if query else url


def _lotse(lotse: Any, unassigned: str) -> str:
    if lotse is None:
        return ""
    return unassigned if lotse == UNASSIGNED else str(lotse.pk)


def figure_links(user: Any, period: Period, *, lotse: Any = None, team: Any = None) -> dict[str, str]:
    """URLs per figure for persons of ``lotse`` (a User, UNASSIGNED or None for all) and ``team``.

    A link is left out (empty) when the user may not open its target.
    """
    from wegweiser.screening.worklists import WORKLISTS

    team_pk = team.pk if team is not None else ""
    links: dict[str, str] = {}
    if policy.may(user, Action.WORKLIST_VIEW):
        links["worklists"] = _url("screening:worklist", {"lotse": _lotse(lotse, WORKLIST_UNASSIGNED),
                                                         "team": team_pk}, key=next(iter(WORKLISTS)))
    if policy.may(user, Action.GOAL_VIEW):
        base = {"lotse": _lotse(lotse, GOALS_UNASSIGNED), "team": team_pk}
        span = {"von": period.first.isoformat(), "bis": (period.end_exclusive - timedelta(days=1)).isoformat()}
        links.update({
            "running": _url("goals:list", {**base, "status": "laufend"}),
            "due_soon": _url("goals:list", {**base, "faellig": "bald"}),
            "overdue": _url("goals:list", {**base, "faellig": "ueberfaellig"}),
            "achieved": _url("goals:list", {**base, "status": "achieved", **span}),
            "missed": _url("goals:list", {**base, "status": "missed", **span}),
        })
    return links


def scope_links(user: Any, scope: Scope, period: Period) -> dict[str, str]:
    """The links of the dashboard's own figures: the user's caseload, or the office as filtered."""
    if not scope.office:
        return figure_links(user, period, lotse=user)
    return figure_links(user, period, lotse=scope.lotse, team=scope.team)
