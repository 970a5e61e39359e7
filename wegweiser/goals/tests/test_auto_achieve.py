"""Auto-achieve end to end: a fact recorded through the facts services meets the goal's condition."""

from __future__ import annotations

from datetime import date

import pytest

from wegweiser.audit.models import AuditEntry
from wegweiser.facts import services as fact_services
from wegweiser.facts.forms import form_for
from wegweiser.facts.registry import BY_SLUG
from wegweiser.facts.tests.samples import post_data
from wegweiser.goals.models import GoalStatus
from wegweiser.goals.services.agreements import create_goal
from wegweiser.goals.services.transitions import change_status
from wegweiser.notifications.models import Notification
from wegweiser.persons.models import ResidencePeriod
from wegweiser.persons.services import residence

pytestmark = pytest.mark.django_db


def _certificate(person, level: str, scope: str = "oral"):
    model = BY_SLUG["language-certificates"].model
    form = form_for(model)(post_data("language-certificates", level=level, scope=scope), instance=model(person=person))
    assert form.is_valid(), form.errors
    return form.save(commit=False)


@pytest.fixture
def a2_goal(person, case_worker):
    return create_goal(case_worker, person, {
        "title": "Deutsch A2 nachweisen", "indicator": "Zertifikat A2 (mündlich)",
        "pathway": "aufenthg_25b", "condition": "deutsch_a2_muendlich",
    })


def test_recording_the_certificate_achieves_the_goal_and_tells_the_lotse(
    a2_goal, person, case_worker, lotse, django_capture_on_commit_callbacks, mailoutbox,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        fact_services.create_fact(user=case_worker, person=person, fact=_certificate(person, "A2"))
    a2_goal.refresh_from_db()
    assert a2_goal.status == GoalStatus.ACHIEVED and a2_goal.achieved_at is not None
    change = a2_goal.status_changes.last()
    assert change.by is None and change.to_status == GoalStatus.ACHIEVED and "Automatisch" in change.reason
    entry = AuditEntry.objects.filter(object_type="goals.zielvereinbarung", object_id=str(a2_goal.pk),
                                      action="change").get()
    assert entry.actor_id is None and entry.details["auto"] is True
    assert AuditEntry.objects.filter(action="export", actor_id=None, person_id=person.pk).exists()
    notification = Notification.objects.get(recipient=lotse)
    assert "Deutsch A2 nachweisen" in notification.message
    assert notification.url == f"/ziele/{a2_goal.pk}/" and notification.person == person
    assert [m.to for m in mailoutbox] == [["lotsin@example.org"]]


def test_a_lower_certificate_changes_nothing(a2_goal, person, case_worker, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        fact_services.create_fact(user=case_worker, person=person, fact=_certificate(person, "A1"))
    a2_goal.refresh_from_db()
    assert a2_goal.status == GoalStatus.AGREED
    assert not Notification.objects.exists()


def test_without_lotse_the_creator_is_told(a2_goal, person, case_worker, django_capture_on_commit_callbacks) -> None:
    person.lotse = None
    person.save(update_fields=["lotse"])
    with django_capture_on_commit_callbacks(execute=True):
        fact_services.create_fact(user=case_worker, person=person, fact=_certificate(person, "B1", "complete"))
    assert Notification.objects.get().recipient == case_worker


def test_closed_and_free_goals_are_left_alone(a2_goal, person, case_worker, django_capture_on_commit_callbacks) -> None:
    change_status(case_worker, a2_goal, GoalStatus.CANCELLED)
    free = create_goal(case_worker, person, {"title": "Wohnung suchen", "indicator": "Mietvertrag"})
    with django_capture_on_commit_callbacks(execute=True):
        fact_services.create_fact(user=case_worker, person=person, fact=_certificate(person, "A2"))
    a2_goal.refresh_from_db()
    free.refresh_from_db()
    assert (a2_goal.status, free.status) == (GoalStatus.CANCELLED, GoalStatus.AGREED)


def test_a_rolled_back_fact_triggers_nothing(a2_goal, person, case_worker, django_capture_on_commit_callbacks) -> None:
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            fact_services.create_fact(user=case_worker, person=person, fact=_certificate(person, "A2"))
            raise RuntimeError("rollback")
    assert callbacks == []
    a2_goal.refresh_from_db()
    assert a2_goal.status == GoalStatus.AGREED


def test_a_residence_change_also_triggers_the_check(person, user_factory, django_capture_on_commit_callbacks) -> None:
    """Goal on access to § 25b (tolerated): met once the Duldung is recorded in the residence history."""
    from wegweiser.accounts.roles import Role

    ResidencePeriod.objects.filter(person=person).delete()
    worker = user_factory(Role.SACHBEARBEITUNG, username="sb2")
    goal = create_goal(worker, person, {"title": "Duldung erfassen", "indicator": "geduldet",
                                         "pathway": "aufenthg_25b", "condition": "zugang"})
    with django_capture_on_commit_callbacks(execute=True):
        residence.add_period(worker, person, {"status": "duldung", "duldung_kind": "60a", "valid_from": date(2016, 1, 1)})
    goal.refresh_from_db()
    assert goal.status == GoalStatus.ACHIEVED
