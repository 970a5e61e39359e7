"""Departures: recording a voluntary departure (validation, audit, policy per role), what it does to open plans,
withdrawal and correction, removals recorded by a completed plan, and the pages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.core.partial_dates import PartialDate
from wegweiser.core.testing import verified_client

from ..models import (
    CancelReason,
    Departure,
    DepartureEvidence,
    DepartureKind,
    EventKind,
    ExecutionEvent,
    PlanStatus,
)
from ..services import departures, execution
from . import factories as f

pytestmark = pytest.mark.django_db


def _today() -> date:
    return timezone.localdate()


def _values(**extra) -> dict:
    return {"departed_on": _today() - timedelta(days=3), "kind": DepartureKind.VOLUNTARY,
            "evidence": DepartureEvidence.BORDER_CERTIFICATE, **extra}


@pytest.fixture
def fam(planner):
    return f.family(planner.team)


def _audit(action: str, departure: Departure) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action, object_type="measures.departure",
                                          object_id=str(departure.pk)))


# --- recording ---------------------------------------------------------------------------------------------


def test_record_an_assisted_departure_is_stored_and_audited(planner, fam):
    result = departures.record_departure(planner, fam.father, _values(
        kind=DepartureKind.ASSISTED, programme="  REAG/GARP  ", evidence=DepartureEvidence.PROGRAMME_CONFIRMATION,
        evidence_note="Bestätigung vom 12.11."))
    d = result.departure
    assert (d.person, d.kind, d.programme, d.recorded_by) == (fam.father, "assisted", "REAG/GARP", planner)
    assert d.evidence_note == "Bestätigung vom 12.11." and d.plan is None and not d.is_withdrawn
    [entry] = _audit(AuditAction.CREATE, d)
    assert entry.person_id == fam.father.pk and entry.details["kind"] == "assisted"
    assert result.cancelled_plans == [] and result.open_plans == []


@pytest.mark.parametrize(("values", "field", "message"), [
    ({"departed_on": None}, "departed_on", "Bitte den Tag der Ausreise angeben."),
    ({"departed_on": "gestern"}, "departed_on", "gültiges Datum"),
    ({"kind": ""}, "kind", "Bitte die Art der Ausreise wählen."),
    ({"kind": DepartureKind.REMOVAL}, "kind", "Ablaufprotokoll des Maßnahmeplans"),
    ({"kind": DepartureKind.ASSISTED}, "programme", "Bitte das Rückkehrprogramm angeben"),
    ({"programme": "StarthilfePlus"}, "programme", "nur bei der geförderten Ausreise"),
    ({"evidence": ""}, "evidence", "wie die Ausreise nachgewiesen ist"),
    ({"evidence": DepartureEvidence.EXECUTION_LOG}, "evidence", "nur eine durchgeführte Maßnahme"),
    ({"evidence": DepartureEvidence.OTHER}, "evidence_note", "Bitte den Nachweis beschreiben."),
])
def test_bad_input_is_refused_with_a_german_message_and_nothing_is_saved(planner, fam, values, field, message):
    with pytest.raises(ValidationError) as exc:
        departures.record_departure(planner, fam.father, _values(**values))
    assert field in exc.value.message_dict
    assert any(message in m for m in exc.value.message_dict[field])
    assert not Departure.objects.exists()
    assert not AuditEntry.objects.filter(object_type="measures.departure").exists()


def test_date_in_the_future_is_refused_today_is_fine(planner, fam):
    with pytest.raises(ValidationError) as exc:
        departures.record_departure(planner, fam.father, _values(departed_on=_today() + timedelta(days=1)))
    assert "liegt in der Zukunft" in exc.value.message_dict["departed_on"][0]
    assert departures.record_departure(planner, fam.father, _values(departed_on=_today())).departure.pk


def test_date_before_birth_is_refused_the_birthday_itself_is_fine(planner, fam):
    born = fam.child.birth_date.earliest()
    with pytest.raises(ValidationError) as exc:
        departures.record_departure(planner, fam.child, _values(departed_on=born - timedelta(days=1)))
    assert "vor der Geburt der Person" in exc.value.message_dict["departed_on"][0]
    assert departures.record_departure(planner, fam.child, _values(departed_on=born)).departure.pk


def test_partial_birth_date_refuses_only_what_is_certainly_before_birth(planner, fam):
    year = _today().year - 1
    fam.teen.birth_date = PartialDate(year)  # born some time last year
    fam.teen.save()
    with pytest.raises(ValidationError):
        departures.record_departure(planner, fam.teen, _values(departed_on=date(year - 1, 12, 31)))
    assert departures.record_departure(planner, fam.teen, _values(departed_on=date(year, 1, 1))).departure.pk


def test_same_day_twice_is_refused_a_plan_must_affect_the_person(planner, fam):
    other = f.family(planner.team, prefix="OT")
    plan = f.draft_plan(planner, other.all)
    with pytest.raises(ValidationError) as exc:
        departures.record_departure(planner, fam.father, _values(plan=plan))
    assert "nicht betroffen" in exc.value.message_dict["plan"][0]
    departures.record_departure(planner, fam.father, _values())
    with pytest.raises(ValidationError) as exc:
        departures.record_departure(planner, fam.father, _values())
    assert "bereits eine Ausreise" in exc.value.message_dict["departed_on"][0]
    assert Departure.objects.count() == 1


@pytest.mark.parametrize("role", list(Role))
def test_policy_per_role(user_factory, planner, fam, role):
    user = user_factory(role, username=f"u-{role.value}", team=fam.father.team)
    allowed = role in (Role.SACHBEARBEITUNG, Role.TEAMLEITUNG)
    if allowed:
        assert departures.record_departure(user, fam.father, _values()).departure.recorded_by == user
    else:
        with pytest.raises(PermissionDenied):
            departures.record_departure(user, fam.father, _values())
        assert not Departure.objects.exists()


def test_sachbearbeitung_of_another_team_may_not_record(user_factory, fam):
    from wegweiser.accounts.models import Team

    elsewhere = user_factory(Role.SACHBEARBEITUNG, username="sb-2", team=Team.objects.create(name="Team 9"))
    with pytest.raises(PermissionDenied):
        departures.record_departure(elsewhere, fam.father, _values())


# --- open plans ----------------------------------------------------------------------------------------------


def test_a_plan_of_one_person_is_cancelled_through_the_log(planner, fam):
    plan = f.draft_plan(planner, [fam.father])
    result = departures.record_departure(planner, fam.father, _values())
    assert [p.pk for p in result.cancelled_plans] == [plan.pk] and result.open_plans == []
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CANCELLED
    event = ExecutionEvent.objects.get(plan=plan)
    assert event.kind == EventKind.CANCELLED and event.cancel_reason == CancelReason.VOLUNTARY_DEPARTURE
    assert f"Eintrag {result.departure.pk}" in event.text
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_type="measures.executionevent",
                                     person_id=fam.father.pk).exists()


def test_a_family_plan_stays_open_until_everyone_has_left(planner, lead, fam, default_concept):
    plan = f.approved_plan(planner, lead, fam)
    for member in fam.all[:-1]:
        result = departures.record_departure(planner, member, _values())
        assert result.cancelled_plans == [] and [p.pk for p in result.open_plans] == [plan.pk]
        plan.refresh_from_db()
        assert plan.status == PlanStatus.APPROVED
    result = departures.record_departure(planner, fam.all[-1], _values(kind=DepartureKind.ASSISTED,
                                                                       programme="StarthilfePlus"))
    assert [p.pk for p in result.cancelled_plans] == [plan.pk]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CANCELLED


def test_a_departure_recorded_before_the_plan_was_made_does_not_end_it(planner, fam):
    departures.record_departure(planner, fam.mother, _values(departed_on=_today() - timedelta(days=400)))
    plan = f.draft_plan(planner, [fam.father, fam.mother])
    result = departures.record_departure(planner, fam.father, _values())
    assert [p.pk for p in result.open_plans] == [plan.pk]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_a_running_plan_is_not_cancelled_but_named(planner, lead, fam, default_concept):
    plan = f.started_plan(planner, lead, fam)
    result = departures.record_departure(planner, fam.father, _values())
    assert [p.pk for p in result.open_plans] == [plan.pk]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.IN_PROGRESS


def test_a_plan_the_user_may_not_cancel_stays_open(user_factory, planner, lead, fam):
    from wegweiser.accounts.models import Team

    elsewhere = Team.objects.create(name="Team 9")
    fam.mother.team = elsewhere
    fam.mother.save()
    plan = f.draft_plan(lead, [fam.father, fam.mother])
    departures.record_departure(lead, fam.mother, _values())
    result = departures.record_departure(planner, fam.father, _values())  # planner: no MEASURE_PLAN on the mother
    assert [p.pk for p in result.open_plans] == [plan.pk]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


# --- withdrawal, correction, immutability -------------------------------------------------------------------


def test_withdraw_needs_a_reason_is_audited_and_happens_once(planner, fam):
    d = departures.record_departure(planner, fam.father, _values()).departure
    with pytest.raises(ValidationError) as exc:
        departures.withdraw_departure(planner, d, "  ")
    assert "Bitte begründen" in exc.value.message_dict["reason"][0]
    d = departures.withdraw_departure(planner, d, "Falsche Person.")
    assert d.withdrawn_by == planner and d.withdrawn_reason == "Falsche Person." and d.is_withdrawn
    [entry] = _audit(AuditAction.CHANGE, d)
    assert entry.details == {"withdrawn": True}
    with pytest.raises(ValidationError, match="bereits zurückgenommen"):
        departures.withdraw_departure(planner, d, "Noch einmal.")


def test_withdraw_needs_measure_plan(user_factory, planner, fam):
    d = departures.record_departure(planner, fam.father, _values()).departure
    with pytest.raises(PermissionDenied):
        departures.withdraw_departure(user_factory(Role.AUSWERTUNG, username="aw"), d, "Grund")
    d.refresh_from_db()
    assert not d.is_withdrawn


def test_correction_withdraws_and_links_a_new_record(planner, fam):
    old = departures.record_departure(planner, fam.father, _values()).departure
    new = departures.correct_departure(planner, old, _values(kind=DepartureKind.ASSISTED, programme="REAG/GARP"),
                                       "Programm nachgewiesen.").departure
    old.refresh_from_db()
    assert old.is_withdrawn and new.corrects == old and new.kind == DepartureKind.ASSISTED


def test_records_are_never_edited_or_deleted(planner, fam):
    d = departures.record_departure(planner, fam.father, _values()).departure
    d.departed_on = d.departed_on - timedelta(days=1)
    with pytest.raises(ValidationError, match="nicht geändert"):
        d.save()
    with pytest.raises(ValidationError):
        d.delete()
    with pytest.raises(ValidationError):
        Departure.objects.filter(pk=d.pk).delete()
    with pytest.raises(ValidationError):
        Departure.objects.filter(pk=d.pk).update(kind=DepartureKind.ASSISTED)
    assert Departure.objects.get(pk=d.pk).departed_on == _today() - timedelta(days=3)


# --- removals -----------------------------------------------------------------------------------------------


def test_a_completed_plan_records_a_removal_per_person_that_cannot_be_withdrawn(planner, lead, fam,
                                                                               default_concept):
    plan = f.started_plan(planner, lead, fam)
    result = execution.record_event(planner, plan, EventKind.COMPLETED)
    removals = list(Departure.objects.filter(kind=DepartureKind.REMOVAL).order_by("person_id"))
    assert [d.person_id for d in removals] == sorted(p.pk for p in fam.all)
    on = timezone.localtime(result.event.at).date()
    assert all(d.plan_id == plan.pk and d.departed_on == on and d.evidence == DepartureEvidence.EXECUTION_LOG
               for d in removals)
    assert all(_audit(AuditAction.CREATE, d) for d in removals)
    with pytest.raises(ValidationError, match="Ablaufprotokoll"):
        departures.withdraw_departure(planner, removals[0], "Irrtum")


def test_aborted_or_cancelled_plans_record_no_removal(planner, lead, fam, default_concept):
    plan = f.started_plan(planner, lead, fam)
    execution.record_event(planner, plan, EventKind.LIFE_THREATENING, text="Atemnot")
    assert not Departure.objects.exists()


# --- pages --------------------------------------------------------------------------------------------------


def test_form_records_and_the_section_lists_it(planner, fam):
    plan = f.draft_plan(planner, fam.all)
    client = verified_client(planner)
    person_url = reverse("persons:detail", kwargs={"pk": fam.father.pk})
    url = reverse("measures:departure_create", kwargs={"person_pk": fam.father.pk})
    assert url in client.get(person_url).content.decode()  # the button "Ausreise erfassen"
    body = client.get(url).content.decode()
    assert "Ausreise erfassen" in body and "Grenzübertrittsbescheinigung" in body
    assert AuditEntry.objects.filter(action="view", person_id=fam.father.pk,
                                     details__page="measure_departure_create").exists()
    response = client.post(url, {"departed_on": (_today() - timedelta(days=2)).isoformat(), "kind": "assisted",
                                 "programme": "REAG/GARP", "evidence": "programme_confirmation",
                                 "plan": str(plan.pk)}, follow=True)
    text = response.content.decode()
    assert response.redirect_chain[-1][0] == person_url + "#massnahmen-heading"
    assert "Die Ausreise ist erfasst" in text and f"Plan {plan.pk} (Entwurf) ist weiterhin offen" in text
    assert "REAG/GARP" in text and "Geförderte freiwillige Ausreise" in text
    d = Departure.objects.get()
    assert d.plan == plan and d.kind == DepartureKind.ASSISTED
    assert reverse("measures:departure_withdraw", kwargs={"pk": d.pk}) in text


def test_form_shows_errors_and_keeps_nothing(planner, fam):
    client = verified_client(planner)
    url = reverse("measures:departure_create", kwargs={"person_pk": fam.father.pk})
    response = client.post(url, {"departed_on": (_today() + timedelta(days=5)).isoformat(), "kind": "assisted",
                                 "evidence": "other"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "liegt in der Zukunft" in body and "Bitte das Rückkehrprogramm angeben" in body
    assert "Bitte den Nachweis beschreiben" in body and 'aria-invalid="true"' in body
    assert not Departure.objects.exists()


def test_withdraw_page(planner, fam):
    d = departures.record_departure(planner, fam.father, _values()).departure
    client = verified_client(planner)
    url = reverse("measures:departure_withdraw", kwargs={"pk": d.pk})
    assert "Eintrag zurücknehmen" in client.get(url).content.decode()
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400 and "Bitte begründen" in response.content.decode()
    response = client.post(url, {"reason": "Doppelt erfasst.", "confirm": "on"}, follow=True)
    assert "Der Eintrag ist zurückgenommen" in response.content.decode()
    assert "zurückgenommen am" in response.content.decode()
    d.refresh_from_db()
    assert d.withdrawn_reason == "Doppelt erfasst."


def test_the_section_shows_departures_to_another_team_without_the_buttons(user_factory, planner, fam):
    from wegweiser.accounts.models import Team

    d = departures.record_departure(planner, fam.father, _values()).departure
    viewer = user_factory(Role.SACHBEARBEITUNG, username="sb-view", team=Team.objects.create(name="Team 9"))
    body = verified_client(viewer).get(reverse("persons:detail", kwargs={"pk": fam.father.pk})).content.decode()
    assert "Freiwillige Ausreise (selbst organisiert)" in body and "Grenzübertrittsbescheinigung" in body
    assert reverse("measures:departure_create", kwargs={"person_pk": fam.father.pk}) not in body
    assert reverse("measures:departure_withdraw", kwargs={"pk": d.pk}) not in body
