"""The day itself: transitions and the append-only log, enforced by the model and the database."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from wegweiser.measures.models import (
    AppendOnly,
    CancelReason,
    EventKind,
    ExecutionEvent,
    MeasurePlan,
    PlanStatus,
    TransitionRefused,
)
from wegweiser.measures.services import execution, plans
from wegweiser.measures.services.execution import RESCUE_CHAIN, StartRefused

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def fam(planner):
    return f.family(planner.team)


@pytest.fixture
def running(planner, lead, fam):
    return f.started_plan(planner, lead, fam)


def event(user, plan, kind, **kw):
    return execution.record_event(user, plan, kind, **kw)


def test_draft_cannot_start(planner, fam):
    plan = f.draft_plan(planner, fam.all)
    with pytest.raises(TransitionRefused):
        event(planner, plan, EventKind.STARTED)
    assert not ExecutionEvent.objects.exists()


def test_emergency_interrupts_and_only_medical_staff_resume(planner, running, fam):
    plan = event(planner, running, EventKind.MEDICAL_EMERGENCY, person=fam.teen, text="kollabiert").plan
    assert plan.status == PlanStatus.INTERRUPTED
    with pytest.raises(TransitionRefused):  # cannot simply be completed or started again
        event(planner, plan, EventKind.COMPLETED)
    with pytest.raises(TransitionRefused):
        event(planner, plan, EventKind.STARTED)
    with pytest.raises(TransitionRefused):  # fitness needs name and qualification of medical staff
        event(planner, plan, EventKind.FITNESS_CONFIRMED, medical_staff_name="Dr. Kaya")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.INTERRUPTED
    plan = event(planner, plan, EventKind.FITNESS_CONFIRMED, medical_staff_name="Dr. Kaya",
                 medical_staff_qualification="Notärztin").plan
    assert plan.status == PlanStatus.IN_PROGRESS
    plan = event(planner, plan, EventKind.COMPLETED).plan
    assert plan.status == PlanStatus.COMPLETED
    assert [e.kind for e in plan.events.order_by("pk")] == [
        "started", "medical_emergency", "fitness_confirmed", "completed"]


def test_model_refuses_resuming_without_fitness_event(planner, running, fam):
    plan = event(planner, running, EventKind.MEDICAL_EMERGENCY, text="Atemnot leicht").plan
    plan.status = PlanStatus.IN_PROGRESS
    with pytest.raises(TransitionRefused):
        plan.save()
    with pytest.raises(TransitionRefused):
        MeasurePlan.objects.filter(pk=plan.pk).update(status=PlanStatus.IN_PROGRESS)


def test_database_refuses_resuming_without_fitness_event(planner, running):
    plan = event(planner, running, EventKind.MEDICAL_EMERGENCY, text="Atemnot leicht").plan
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE measures_measureplan SET status = 'in_progress' WHERE id = %s", [plan.pk])


def test_life_threatening_aborts_for_good_with_rescue_chain(planner, running):
    result = event(planner, running, EventKind.LIFE_THREATENING, text="Krampfanfall")
    assert result.plan.status == PlanStatus.ABORTED
    assert result.rescue_chain == RESCUE_CHAIN and "112" in str(result.rescue_chain[1])
    assert "Erste Hilfe" in str(result.rescue_chain[0])
    for kind, kw in ((EventKind.FITNESS_CONFIRMED, {"medical_staff_name": "Dr. K", "medical_staff_qualification": "Arzt"}),
                     (EventKind.STARTED, {}), (EventKind.COMPLETED, {}),
                     (EventKind.CANCELLED, {"cancel_reason": CancelReason.OTHER})):
        with pytest.raises(TransitionRefused):
            event(planner, result.plan, kind, **kw)
    plan = MeasurePlan.objects.get(pk=running.pk)
    plan.status = PlanStatus.IN_PROGRESS
    with pytest.raises(TransitionRefused):
        plan.save()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE measures_measureplan SET status = 'in_progress' WHERE id = %s", [plan.pk])
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ABORTED


def test_life_threatening_during_interruption_aborts(planner, running):
    plan = event(planner, running, EventKind.MEDICAL_EMERGENCY, text="Schwindel").plan
    assert event(planner, plan, EventKind.LIFE_THREATENING, text="Bewusstlosigkeit").plan.status == PlanStatus.ABORTED


def test_emergency_needs_description_and_an_affected_person(planner, running, user_factory):
    from django.core.exceptions import ValidationError

    from wegweiser.persons.models import Person

    with pytest.raises(ValidationError):
        event(planner, running, EventKind.MEDICAL_EMERGENCY, text="")
    stranger = Person.objects.create(file_number="X-1", family_name="Fremd", team=planner.team)
    with pytest.raises(ValidationError):
        event(planner, running, EventKind.MEDICAL_EMERGENCY, text="…", person=stranger)


def test_log_is_append_only(planner, running):
    entry = running.events.get()
    entry.text = "umgeschrieben"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        ExecutionEvent.objects.filter(pk=entry.pk).update(text="x")
    with pytest.raises(AppendOnly):
        ExecutionEvent.objects.filter(pk=entry.pk).delete()
    with pytest.raises(TransitionRefused):
        ExecutionEvent.objects.bulk_create([ExecutionEvent(plan=running, kind="completed", recorded_by=planner)])
    for sql in ("UPDATE measures_executionevent SET text = 'x' WHERE id = %s",
                "DELETE FROM measures_executionevent WHERE id = %s"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    entry.refresh_from_db()
    assert entry.text == ""


def test_fitness_event_needs_medical_staff_in_the_database(planner, running):
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO measures_executionevent (plan_id, kind, at, recorded_by_id, text, "
                       "medical_staff_name, medical_staff_qualification, cancel_reason) VALUES "
                       "(%s, 'fitness_confirmed', CURRENT_TIMESTAMP, %s, '', '', '', '')", [running.pk, planner.pk])


def test_plans_are_not_deleted(planner, fam):
    plan = f.draft_plan(planner, fam.all)
    with pytest.raises(TransitionRefused):
        plan.delete()
    with pytest.raises(TransitionRefused):
        MeasurePlan.objects.all().delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM measures_measureplan WHERE id = %s", [plan.pk])


def test_cancel_needs_reason_and_is_final(planner, lead, fam):
    plan = f.approved_plan(planner, lead, fam)
    with pytest.raises(TransitionRefused):
        event(planner, plan, EventKind.CANCELLED)
    plan = event(planner, plan, EventKind.CANCELLED, cancel_reason=CancelReason.VOLUNTARY_DEPARTURE).plan
    assert plan.status == PlanStatus.CANCELLED
    with pytest.raises(TransitionRefused):
        event(planner, plan, EventKind.STARTED)
    with pytest.raises(Exception):  # noqa: B017 - a final plan is changed neither by the service nor the model
        plans.update_plan(planner, plan, {"transport": "x"}, expected_version=plan.version)


def test_start_rechecks_safeguards(planner, lead, fam):
    from wegweiser.persons.models import FamilyRelation, RelationKind

    plan = f.approved_plan(planner, lead, fam)
    grandchild = f.person(planner.team, "AZ-M-9", "Baby", f.born_years_ago(1))
    FamilyRelation.objects.create(person=fam.teen, relative=grandchild, kind=RelationKind.PARENT, has_custody=True)
    with pytest.raises(StartRefused):
        event(planner, plan, EventKind.STARTED)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_auswertung_cannot_record(user_factory, running):
    from django.core.exceptions import PermissionDenied

    from wegweiser.accounts.roles import Role

    with pytest.raises(PermissionDenied):
        event(user_factory(Role.AUSWERTUNG, username="a"), running, EventKind.COMPLETED)
