"""Reporting: aggregate figures for the Auswertung role, the per-plan list only for case roles."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from wegweiser.accounts.roles import Role
from wegweiser.measures.models import CancelReason, DepartureEvidence, DepartureKind, EventKind, PlaceKind
from wegweiser.measures.services import before, departures, execution, reporting

from . import factories as f

pytestmark = pytest.mark.django_db


def test_summary_counts(planner, lead, user_factory):
    fam1, fam2, fam3 = (f.family(planner.team, prefix=p) for p in ("A", "B", "C"))
    f.draft_plan(planner, fam1.all, place_kind=PlaceKind.HOSPITAL)  # blocked: institution (and more)
    done = f.started_plan(planner, lead, fam2)
    done = execution.record_event(planner, done, EventKind.MEDICAL_EMERGENCY, text="Schwindel").plan
    done = execution.record_event(planner, done, EventKind.FITNESS_CONFIRMED, medical_staff_name="Dr. K",
                                  medical_staff_qualification="Notarzt").plan
    execution.record_event(planner, done, EventKind.COMPLETED)
    left = f.approved_plan(planner, lead, fam3)  # counselled by approvable_plan
    execution.record_event(planner, left, EventKind.CANCELLED, cancel_reason=CancelReason.VOLUNTARY_DEPARTURE)

    evaluator = user_factory(Role.AUSWERTUNG, username="ausw")
    today = timezone.localdate()
    s = reporting.summary(evaluator, date_from=today, date_to=today + timedelta(days=30))
    assert s.planned == 3
    assert s.completed == 1 and s.cancelled == 1 and s.aborted == 0 and s.interrupted == 1
    assert s.blocked_by_rule.get("institution") == 1
    assert s.voluntary_departures == 1 and s.voluntary_departures_after_counselling == 1
    with pytest.raises(PermissionDenied):  # names and plans are not for the Auswertung role
        reporting.plan_list(evaluator, date_from=today, date_to=today + timedelta(days=30))
    rows = reporting.plan_list(lead, date_from=today, date_to=today + timedelta(days=30))
    assert len(rows) == 3 and any("institution" in r.blocked_rules for r in rows)
    with pytest.raises(PermissionDenied):
        reporting.summary(planner, date_from=today, date_to=today)


def test_before_check_data(planner, default_concept):
    from wegweiser.consent.tests.samples import grant, partner

    fam = f.family(planner.team)
    f.counsel(planner, [fam.father])
    grant(fam.father, to=partner())
    checks = before.check_persons(planner, [fam.father, fam.mother])
    father, mother = checks
    assert father.counselled and not mother.counselled
    assert len(father.supporters) == 1 and mother.supporters == []
    assert all(isinstance(c.chances, list) for c in checks)
    for c in checks:
        for chance in c.chances:
            assert chance["outcome"] in before.CHANCE_OUTCOMES


def _counselled_on(user, person, day, key: str = "freiwillige_ausreise"):
    from wegweiser.counselling.services import protocols
    from wegweiser.counselling.tests.samples import draft

    protocol = draft(user, person, key, held_on=day)
    protocol = protocols.update_draft(user, protocol, {
        "topics_covered": list(protocol.counselling_type.topics.filter(required=True))},
        expected_version=protocol.version)
    return protocols.finalise(user, protocol, expected_version=protocol.version)


def _depart(user, person, day, kind=DepartureKind.VOLUNTARY, **extra):
    values = {"departed_on": day, "kind": kind, "evidence": DepartureEvidence.BORDER_CERTIFICATE, **extra}
    if kind == DepartureKind.ASSISTED:
        values.update(programme="REAG/GARP", evidence=DepartureEvidence.PROGRAMME_CONFIRMATION)
    return departures.record_departure(user, person, values).departure


def test_departures_by_kind_with_range_boundaries_and_counselling(planner, lead, user_factory, default_concept):
    today = timezone.localdate()
    start, end = today - timedelta(days=40), today - timedelta(days=10)
    team = planner.team
    p = {name: f.person(team, f"AZ-D-{i}", name, date(1990, 1, 1), family_name="Reporting")
         for i, name in enumerate(["first_day", "last_day", "before", "after", "withdrawn", "early", "other_type",
                                   "draft_only", "late_counselling"])}
    _depart(planner, p["first_day"], start)  # counselled the same day: counts as after counselling
    _counselled_on(planner, p["first_day"], start)
    _depart(planner, p["last_day"], end, DepartureKind.ASSISTED)  # counselled long before
    _counselled_on(planner, p["last_day"], start - timedelta(days=100))
    _depart(planner, p["before"], start - timedelta(days=1))  # outside
    _depart(planner, p["after"], end + timedelta(days=1), DepartureKind.ASSISTED)  # outside
    gone = _depart(planner, p["withdrawn"], start + timedelta(days=5))
    departures.withdraw_departure(planner, gone, "Falsch erfasst.")
    _depart(planner, p["early"], start + timedelta(days=3))  # counselled twice: counted once
    _counselled_on(planner, p["early"], start - timedelta(days=20))
    _counselled_on(planner, p["early"], start - timedelta(days=10))
    _depart(planner, p["other_type"], start + timedelta(days=4))  # another type of counselling does not count
    _counselled_on(planner, p["other_type"], start, key="mitwirkungspflichten")
    _depart(planner, p["draft_only"], start + timedelta(days=6), DepartureKind.ASSISTED)  # no final protocol
    from wegweiser.counselling.tests.samples import draft

    draft(planner, p["draft_only"], "freiwillige_ausreise", held_on=start)
    _depart(planner, p["late_counselling"], start + timedelta(days=7))  # counselled the day after
    _counselled_on(planner, p["late_counselling"], start + timedelta(days=8))

    fam = f.family(team, prefix="R")  # removed on the last day of the range
    plan = f.approved_plan(planner, lead, fam)
    tz = timezone.get_current_timezone()
    plan = execution.record_event(planner, plan, EventKind.STARTED, at=datetime.combine(end, time(8), tz)).plan
    execution.record_event(planner, plan, EventKind.COMPLETED, at=datetime.combine(end, time(23, 30), tz))
    other = f.family(team, prefix="S")  # removed today: outside the range
    execution.record_event(planner, f.started_plan(planner, lead, other), EventKind.COMPLETED)

    evaluator = user_factory(Role.AUSWERTUNG, username="ausw")
    s = reporting.summary(evaluator, date_from=start, date_to=end)
    assert (s.departures_voluntary, s.departures_assisted) == (4, 2)
    assert s.departures_voluntary_total == 6
    assert s.departures_after_counselling == 3  # first_day (same day), last_day, early
    assert s.removals == 4
    one_day = reporting.summary(evaluator, date_from=start, date_to=start)
    assert (one_day.departures_voluntary, one_day.departures_assisted, one_day.departures_after_counselling,
            one_day.removals) == (1, 0, 1, 0)
    last = reporting.summary(evaluator, date_from=end, date_to=end)
    assert (last.departures_voluntary, last.departures_assisted, last.removals) == (0, 1, 4)
    assert reporting.summary(evaluator, date_from=today, date_to=today).removals == 4


def test_report_page_shows_departure_figures_only_as_aggregates(planner, user_factory, default_concept):
    from django.urls import reverse

    from wegweiser.core.testing import verified_client

    today = timezone.localdate()
    person = f.person(planner.team, "AZ-P-1", "Amina", date(1990, 1, 1), family_name="Zaydan")
    _counselled_on(planner, person, today - timedelta(days=3))
    _depart(planner, person, today - timedelta(days=2), DepartureKind.ASSISTED)
    evaluator = user_factory(Role.AUSWERTUNG, username="ausw")
    day = (today - timedelta(days=5)).isoformat()
    response = verified_client(evaluator).get(reverse("measures:report"), {"date_from": day,
                                                                           "date_to": today.isoformat()})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Freiwillige Ausreisen insgesamt" in body and "davon nach Beratung zur freiwilligen Ausreise" in body
    assert "Abschiebungen durchgeführt" in body
    table = body[body.index('id="departures"'):body.index("</table>", body.index('id="departures"'))]
    assert table.count('<td class="kern-table__cell">1</td>') == 3  # total, assisted, after counselling
    assert "Zaydan" not in body and "Amina" not in body and "AZ-P-1" not in body
