"""Daily reminders: reviews coming up, due dates passed; once per goal and event; in app and by e-mail."""

from __future__ import annotations

from datetime import date

import pytest
from freezegun import freeze_time

from wegweiser.goals.models import GoalStatus, ReminderSent, Zielvereinbarung
from wegweiser.goals.services.transitions import change_status
from wegweiser.goals.tasks import send_goal_reminders
from wegweiser.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _goal(person, creator, **fields) -> Zielvereinbarung:
    goal = Zielvereinbarung.objects.create(person=person, created_by=creator, title="Deutsch A2", indicator="A2",
                                           **fields)
    return goal


def test_review_within_the_lead_time_is_announced_once(person, case_worker, lotse, mailoutbox) -> None:
    goal = _goal(person, case_worker, next_review=date(2026, 3, 12))
    with freeze_time("2026-03-08"):
        assert send_goal_reminders() == {"sent": 0}  # four days ahead: not yet
    with freeze_time("2026-03-09"):
        assert send_goal_reminders() == {"sent": 1}
        assert send_goal_reminders() == {"sent": 0}  # the same event is not told twice
    with freeze_time("2026-03-12"):
        assert send_goal_reminders() == {"sent": 0}
    notification = Notification.objects.get()
    assert notification.recipient == lotse and "12.03.2026" in notification.message
    assert notification.url == f"/ziele/{goal.pk}/"
    assert [m.to for m in mailoutbox] == [["lotsin@example.org"]]
    assert "Haddad" not in mailoutbox[0].body  # the e-mail leaves the system: no personal data in it
    assert ReminderSent.objects.get().event == "review_due"


def test_a_new_review_date_is_a_new_event(person, case_worker) -> None:
    goal = _goal(person, case_worker, next_review=date(2026, 3, 10))
    with freeze_time("2026-03-10"):
        send_goal_reminders()
        goal.next_review = date(2026, 4, 1)
        goal.save()
    with freeze_time("2026-03-31"):
        assert send_goal_reminders() == {"sent": 1}
    assert Notification.objects.count() == 2


def test_overdue_goal_is_told_once(person, case_worker, lotse) -> None:
    _goal(person, case_worker, due_date=date(2026, 3, 1))
    with freeze_time("2026-03-01"):
        assert send_goal_reminders() == {"sent": 0}  # due today is not overdue
    with freeze_time("2026-03-02"):
        assert send_goal_reminders() == {"sent": 1}
    with freeze_time("2026-03-20"):
        assert send_goal_reminders() == {"sent": 0}
    assert "überschritten" in Notification.objects.get(recipient=lotse).message


def test_closed_goals_and_goals_without_dates_are_quiet(person, case_worker) -> None:
    achieved = _goal(person, case_worker, due_date=date(2026, 1, 1), next_review=date(2026, 1, 1))
    change_status(case_worker, achieved, GoalStatus.ACHIEVED)
    _goal(person, case_worker)
    with freeze_time("2026-03-02"):
        assert send_goal_reminders() == {"sent": 0}


def test_without_lotse_the_creator_is_told_without_mail_if_no_address(person, user_factory, mailoutbox) -> None:
    from wegweiser.accounts.roles import Role

    person.lotse = None
    person.save(update_fields=["lotse"])
    creator = user_factory(Role.SACHBEARBEITUNG, username="ohne-mail", email="")
    _goal(person, creator, due_date=date(2026, 3, 1))
    with freeze_time("2026-03-05"):
        assert send_goal_reminders() == {"sent": 1}
    assert Notification.objects.get().recipient == creator
    assert mailoutbox == []


def test_task_is_scheduled_daily(settings) -> None:
    schedule = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert schedule["wegweiser.goals.tasks.send_goal_reminders"] == 24 * 3600
