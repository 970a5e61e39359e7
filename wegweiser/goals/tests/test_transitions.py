"""The state machine: allowed moves, refused moves with a clear message, history and audit."""

from __future__ import annotations

import pytest

from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditEntry
from wegweiser.goals.models import GoalStatus, StatusChange
from wegweiser.goals.services.agreements import create_goal
from wegweiser.goals.services.transitions import ALLOWED, InvalidTransition, allowed_next, change_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal(person, case_worker):
    return create_goal(case_worker, person, {"title": "Deutsch A2", "indicator": "Zertifikat A2 liegt vor"})


def test_new_goal_is_agreed_with_a_first_history_row(goal, case_worker) -> None:
    assert goal.status == GoalStatus.AGREED
    first = goal.status_changes.get()
    assert (first.from_status, first.to_status, first.by) == ("", GoalStatus.AGREED, case_worker)
    assert AuditEntry.objects.filter(action="create", object_type="goals.zielvereinbarung",
                                     object_id=str(goal.pk), person_id=goal.person_id).exists()


def test_walk_through_the_states_records_each_step(goal, case_worker) -> None:
    change_status(case_worker, goal, GoalStatus.IN_PROGRESS, reason="Kurs begonnen")
    change_status(case_worker, goal, GoalStatus.MISSED, reason="Prüfung nicht bestanden")
    change_status(case_worker, goal, GoalStatus.IN_PROGRESS, reason="Neu vereinbart")
    change_status(case_worker, goal, GoalStatus.ACHIEVED, reason="Zertifikat")
    goal.refresh_from_db()
    assert goal.status == GoalStatus.ACHIEVED and goal.achieved_at is not None
    steps = list(goal.status_changes.values_list("from_status", "to_status", "reason"))
    assert steps[1:] == [
        ("agreed", "in_progress", "Kurs begonnen"), ("in_progress", "missed", "Prüfung nicht bestanden"),
        ("missed", "in_progress", "Neu vereinbart"), ("in_progress", "achieved", "Zertifikat"),
    ]
    changes = AuditEntry.objects.filter(action="change", object_id=str(goal.pk), object_type="goals.zielvereinbarung")
    assert [e.details["status"] for e in changes.order_by("id")] == [[a, b] for a, b, _ in steps[1:]]


@pytest.mark.parametrize("final", [GoalStatus.ACHIEVED, GoalStatus.CANCELLED])
def test_final_statuses_refuse_every_change(goal, case_worker, final) -> None:
    change_status(case_worker, goal, final)
    for target in GoalStatus.values:
        with pytest.raises(InvalidTransition) as exc:
            change_status(case_worker, goal, target)
        assert "abgeschlossen" in exc.value.messages[0]
    assert goal.status_changes.count() == 2


def test_refused_transition_names_the_allowed_ones(goal, case_worker) -> None:
    change_status(case_worker, goal, GoalStatus.MISSED)
    with pytest.raises(InvalidTransition) as exc:
        change_status(case_worker, goal, GoalStatus.ACHIEVED)
    message = exc.value.messages[0]
    assert "„nicht erreicht“" in message and "„erreicht“" in message and "in Arbeit" in message
    goal.refresh_from_db()
    assert goal.status == GoalStatus.MISSED


def test_stale_status_is_refused(goal, case_worker) -> None:
    """Two tabs: the second saw "agreed", but the goal is already cancelled."""
    change_status(case_worker, goal, GoalStatus.CANCELLED)
    goal.status = GoalStatus.AGREED  # the stale copy
    with pytest.raises(InvalidTransition):
        change_status(case_worker, goal, GoalStatus.IN_PROGRESS, expected_status=GoalStatus.AGREED)
    assert StatusChange.objects.filter(goal=goal, to_status=GoalStatus.IN_PROGRESS).count() == 0


def test_unknown_status_is_refused(goal, case_worker) -> None:
    with pytest.raises(InvalidTransition):
        change_status(case_worker, goal, "vergessen")


def test_roles_without_goal_rights_are_refused(goal, user_factory) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        change_status(user_factory(Role.AUSWERTUNG), goal, GoalStatus.IN_PROGRESS)


def test_table_is_complete_and_allowed_next_follows_it() -> None:
    assert set(ALLOWED) == set(GoalStatus.values)
    assert allowed_next(GoalStatus.AGREED) == ["in_progress", "achieved", "missed", "cancelled"]
    assert allowed_next(GoalStatus.MISSED) == ["in_progress", "cancelled"]
    assert allowed_next(GoalStatus.ACHIEVED) == []
