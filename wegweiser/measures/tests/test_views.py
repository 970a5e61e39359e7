"""The pages through HTTP: create from the family, the before-measure check, blocked approval, four eyes, edits
returning a plan to draft, stale edits, the execution log with the rescue chain, settings, report, denials."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditEntry
from wegweiser.core.testing import verified_client

from ..models import (
    EventKind,
    ExecutionEvent,
    FitnessCertificate,
    MeasurePlan,
    OfficeSafeguardPolicy,
    PlanStatus,
)
from ..services import execution
from .factories import approvable_plan, approved_plan, draft_plan, family, started_plan, window

pytestmark = pytest.mark.django_db


@pytest.fixture
def fam(planner):
    return family(planner.team)


def _day(days: int = 7) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def _plan_data(plan: MeasurePlan, persons, **extra) -> dict:
    return {"persons": [str(p.pk) for p in persons], "window_start": f"{_day()}T08:00",
            "window_end": f"{_day()}T12:00", "place_kind": "home", "place_text": "Bahnhofstraße 1",
            "perspective_reason": plan.perspective_reason, "version": str(plan.version), **extra}


def _detail(plan: MeasurePlan) -> str:
    return reverse("measures:plan_detail", kwargs={"pk": plan.pk})


def test_create_shows_the_family_with_relation_and_age_and_stores_the_check(planner, fam):
    client = verified_client(planner)
    url = reverse("measures:plan_create", kwargs={"person_pk": fam.father.pk})
    body = client.get(url).content.decode()
    for member in fam.all:
        assert f'value="{member.pk}"' in body
    assert "diese Person" in body and "Kind" in body
    assert "10 Jahre" in body and "minderjährig" in body
    response = client.post(url, {"persons": [str(p.pk) for p in fam.all], "window_start": f"{_day()}T08:00",
                                 "window_end": f"{_day()}T12:00", "place_kind": "home"})
    plan = MeasurePlan.objects.get()
    assert response.status_code == 302 and response.url == _detail(plan)
    assert plan.status == PlanStatus.DRAFT and plan.planner == planner
    assert sorted(plan.before_check["person_ids"]) == sorted(p.pk for p in fam.all)


def test_create_refuses_a_person_outside_the_family(planner, fam):
    from .factories import person

    stranger = person(planner.team, "AZ-X", "Fremd", None, family_name="Anders")
    client = verified_client(planner)
    url = reverse("measures:plan_create", kwargs={"person_pk": fam.father.pk})
    response = client.post(url, {"persons": [str(stranger.pk)], "place_kind": "home"})
    assert response.status_code == 400
    assert "gehört nicht zur gezeigten Familie" in response.content.decode()
    assert not MeasurePlan.objects.exists()


def test_detail_says_plainly_that_there_was_no_counselling_and_audits_the_read(planner, fam):
    plan = draft_plan(planner, fam.all)
    client = verified_client(planner)
    before = AuditEntry.objects.filter(action="view").count()
    body = client.get(_detail(plan)).content.decode()
    assert "keine Beratung zur freiwilligen Ausreise dokumentiert" in body
    assert "Schutzregeln" in body and "Warnung" in body and "gesperrt" in body  # outcomes as text
    pages = set(AuditEntry.objects.filter(action="view").values_list("details__page", flat=True))
    assert {"measure_plan", "measure_before_check"} <= pages
    assert AuditEntry.objects.filter(action="view").count() - before >= 2 * len(fam.all)


def test_night_window_with_a_minor_blocks_and_lead_cannot_approve(planner, lead, fam, default_concept):
    plan = approvable_plan(planner, fam, **window(start=time(4), end=time(7)))
    client = verified_client(lead)
    body = client.get(_detail(plan)).content.decode()
    assert "Freigabe zurzeit nicht möglich" in body and "night_minor" in body
    assert f'action="{reverse("measures:plan_approve", kwargs={"pk": plan.pk})}"' not in body
    response = client.post(reverse("measures:plan_approve", kwargs={"pk": plan.pk}), {"version": plan.version},
                           follow=True)
    assert "Der Plan wurde nicht freigegeben" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT

    # Fixed by the planner (day window), then approved.
    planner_client = verified_client(planner)
    response = planner_client.post(reverse("measures:plan_edit", kwargs={"pk": plan.pk}), _plan_data(plan, fam.all))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.evaluation["night_minor"] == "ok"
    client.post(reverse("measures:plan_approve", kwargs={"pk": plan.pk}), {"version": plan.version})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED and plan.approver == lead


def test_four_eyes_the_lead_who_planned_cannot_approve(user_factory, fam, default_concept):
    lead1 = user_factory(Role.TEAMLEITUNG, username="tl1", team=fam.father.team)
    lead2 = user_factory(Role.TEAMLEITUNG, username="tl2", team=fam.father.team)
    plan = approvable_plan(lead1, fam)
    client = verified_client(lead1)
    assert "Vier-Augen-Prinzip: Wer den Plan erstellt hat" in client.get(_detail(plan)).content.decode()
    response = client.post(reverse("measures:plan_approve", kwargs={"pk": plan.pk}), {"version": plan.version},
                           follow=True)
    assert "Vier-Augen-Prinzip" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    verified_client(lead2).post(reverse("measures:plan_approve", kwargs={"pk": plan.pk}), {"version": plan.version})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED and plan.approver == lead2


def test_planner_role_may_not_approve_at_all(planner, fam, default_concept):
    plan = approvable_plan(planner, fam)
    response = verified_client(planner).post(reverse("measures:plan_approve", kwargs={"pk": plan.pk}),
                                             {"version": plan.version})
    assert response.status_code == 403


def test_change_after_approval_returns_to_draft(planner, lead, fam, default_concept):
    plan = approved_plan(planner, lead, fam)
    response = verified_client(planner).post(reverse("measures:plan_edit", kwargs={"pk": plan.pk}),
                                             _plan_data(plan, fam.all, escort="Dolmetscherin Arabisch"), follow=True)
    assert "wieder ein Entwurf" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT and plan.approver is None and plan.escort == "Dolmetscherin Arabisch"


def test_stale_edit_keeps_the_input_and_says_so(planner, fam):
    plan = draft_plan(planner, fam.all)
    client = verified_client(planner)
    url = reverse("measures:plan_edit", kwargs={"pk": plan.pk})
    old = _plan_data(plan, fam.all)
    client.post(url, {**old, "transport": "Kleinbus"})
    response = client.post(url, {**old, "transport": "Linienflug ab Düsseldorf"})
    body = response.content.decode()
    assert response.status_code == 409
    assert "inzwischen von jemand anderem geändert" in body and "Linienflug ab Düsseldorf" in body
    plan.refresh_from_db()
    assert plan.transport == "Kleinbus"


def test_acknowledging_a_warning_needs_a_reason(planner, fam):
    plan = draft_plan(planner, fam.all, place_kind="school")
    client = verified_client(planner)
    url = reverse("measures:plan_acknowledge", kwargs={"pk": plan.pk})
    data = {"rule_id": "place_check", "place_check-rule_id": "place_check", "place_check-version": plan.version}
    response = client.post(url, {**data, "place_check-reason": ""})
    assert response.status_code == 400 and "Bitte begründen Sie" in response.content.decode()
    client.post(url, {**data, "place_check-reason": "Vor Schulbeginn, Schulleitung eingebunden."})
    plan.refresh_from_db()
    assert plan.acknowledgements["place_check"]["text"] == "Vor Schulbeginn, Schulleitung eingebunden."
    assert "Bestätigt von" in client.get(_detail(plan)).content.decode()


def test_certificate_recorded_blocks_and_set_aside_with_assessment(planner, fam):
    plan = draft_plan(planner, fam.all)
    client = verified_client(planner)
    response = client.post(reverse("measures:certificate_create", kwargs={"pk": plan.pk}), {
        "person": fam.mother.pk, "author": "Dr. Yilmaz", "qualification": "Fachärztin für Psychiatrie",
        "issued_on": (timezone.localdate() - timedelta(days=3)).isoformat(), "states_unfit": "unfit",
        "content": "F43.1, schwer; Suizidalität bei Abschiebung; Medikation Sertralin"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.evaluation["unfit_certificate"] == "blocked"
    certificate = FitnessCertificate.objects.get()
    url = reverse("measures:certificate_set_aside", kwargs={"pk": plan.pk, "cert_pk": certificate.pk})
    assert client.post(url, {"reason": "Gutachten des Gesundheitsamts"}).status_code == 400  # no confirmation
    client.post(url, {"reason": "Amtsärztliche Untersuchung vom heutigen Tag: reisefähig", "confirm": "on"})
    plan.refresh_from_db()
    certificate.refresh_from_db()
    assert certificate.set_aside_by == planner and plan.evaluation["unfit_certificate"] == "ok"


def test_execution_emergency_needs_medical_staff_to_continue(planner, lead, fam, default_concept):
    plan = started_plan(planner, lead, fam)
    client = verified_client(planner)
    url = reverse("measures:plan_execution", kwargs={"pk": plan.pk})
    client.post(url, {"kind": "medical_emergency", "medical_emergency-person": fam.child.pk,
                      "medical_emergency-text": "Kreislaufprobleme"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.INTERRUPTED
    assert "erst weitergehen, wenn medizinisches Fachpersonal" in client.get(url).content.decode()
    response = client.post(url, {"kind": "fitness_confirmed", "fitness_confirmed-text": "besser"})
    assert response.status_code == 400 and "medizinisches Fachpersonal" in response.content.decode()
    client.post(url, {"kind": "fitness_confirmed", "fitness_confirmed-medical_staff_name": "Dr. Kern",
                      "fitness_confirmed-medical_staff_qualification": "Notarzt"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.IN_PROGRESS
    assert list(plan.events.values_list("kind", flat=True)) == [
        EventKind.STARTED, EventKind.MEDICAL_EMERGENCY, EventKind.FITNESS_CONFIRMED]


def test_life_threatening_shows_the_rescue_chain_first_in_main(planner, lead, fam, default_concept):
    plan = started_plan(planner, lead, fam)
    client = verified_client(planner)
    url = reverse("measures:plan_execution", kwargs={"pk": plan.pk})
    response = client.post(url, {"kind": "life_threatening", "life_threatening-text": "Krampfanfall"})
    assert response.status_code == 400  # the confirmation is missing: nothing recorded
    assert ExecutionEvent.objects.filter(kind=EventKind.LIFE_THREATENING).count() == 0
    response = client.post(url, {"kind": "life_threatening", "life_threatening-text": "Krampfanfall",
                                 "life_threatening-confirm": "on"}, follow=True)
    body = response.content.decode()
    main = body[body.index('<main id="main"'):]
    first = main[main.index(">") + 1:].lstrip()
    assert first.startswith('<div class="kern-alert kern-alert--danger rescue-chain" role="alert"')
    assert "Erste Hilfe leisten" in first[:800] and "Notruf 112" in first[:800]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ABORTED
    assert "Eintragen:" not in body  # an aborted plan takes no more events


def test_cancel_before_start_needs_a_reason_and_confirmation(planner, fam):
    plan = draft_plan(planner, fam.all)
    client = verified_client(planner)
    url = reverse("measures:plan_execution", kwargs={"pk": plan.pk})
    assert client.post(url, {"kind": "cancelled", "cancelled-confirm": "on"}).status_code == 400
    client.post(url, {"kind": "cancelled", "cancelled-cancel_reason": "voluntary_departure",
                      "cancelled-confirm": "on"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CANCELLED


@pytest.mark.parametrize("role", [Role.INTEGRATIONSLOTSE, Role.AUSWERTUNG, Role.DATENSCHUTZ, Role.UNTERSTUETZENDE])
def test_roles_without_measures_are_denied(role, role_client, planner, fam):
    plan = draft_plan(planner, fam.all)
    _user, client = role_client(role, username=f"x-{role.value}", team=planner.team)
    for url in (_detail(plan), reverse("measures:plan_execution", kwargs={"pk": plan.pk}),
                reverse("measures:plan_list"), reverse("measures:plan_edit", kwargs={"pk": plan.pk})):
        assert client.get(url).status_code == 403, url


def test_other_team_case_worker_sees_but_cannot_plan_or_execute(user_factory, planner, lead, fam, default_concept):
    plan = started_plan(planner, lead, fam)
    from wegweiser.accounts.models import Team

    other = user_factory(Role.SACHBEARBEITUNG, username="sb-other", team=Team.objects.create(name="Team 9"))
    assert other.team_id != planner.team_id
    client = verified_client(other)
    assert client.get(_detail(plan)).status_code == 200
    assert client.get(reverse("measures:plan_edit", kwargs={"pk": plan.pk})).status_code == 403
    response = client.post(reverse("measures:plan_execution", kwargs={"pk": plan.pk}),
                           {"kind": "completed", "completed-confirm": "on"})
    assert response.status_code == 403


def test_list_filters_by_status(planner, lead, fam, default_concept):
    approved_plan(planner, lead, fam)
    other = family(planner.team, prefix="AZ-N")
    draft = draft_plan(planner, other.all)
    client = verified_client(planner)
    body = client.get(reverse("measures:plan_list") + "?status=draft").content.decode()
    assert f"Plan {draft.pk}" in body and "1 Plan" in body


def test_office_settings_hard_rules_are_not_changeable(lead, planner):
    client = verified_client(lead)
    url = reverse("measures:office_settings")
    body = client.get(url).content.decode()
    assert "nicht änderbar" in body and "Einstellung speichern" in body
    assert "Einstellung speichern" not in verified_client(planner).get(url).content.decode()
    response = client.post(url, {"preset": "nrw_erlass", "certificate_max_age_days": "0", "version": "1"})
    assert response.status_code == 400
    client.post(url, {"preset": "nrw_erlass", "certificate_max_age_days": "60", "hard_warnings": ["place_check"],
                      "version": "1"})
    row = OfficeSafeguardPolicy.objects.get()
    assert (row.preset, row.certificate_max_age_days, row.hard_warnings) == ("nrw_erlass", 60, ["place_check"])
    response = client.post(url, {"preset": "unna", "certificate_max_age_days": "90", "version": "1"})  # stale
    assert response.status_code == 409 and "inzwischen geändert" in response.content.decode()
    assert verified_client(planner).post(url, {"preset": "unna", "certificate_max_age_days": "90",
                                               "version": "2"}).status_code == 403


def test_report_lead_sees_list_and_summary_statistics_role_only_figures(user_factory, planner, lead, fam,
                                                                        default_concept):
    plan = started_plan(planner, lead, fam)
    execution.record_event(planner, plan, EventKind.MEDICAL_EMERGENCY, text="Atemnot")
    year = timezone.localdate().year
    url = reverse("measures:report") + f"?date_from={year - 1}-01-01&date_to={year + 1}-12-31"
    body = verified_client(lead).get(url).content.decode()
    assert "Pläne im Zeitraum" in body and fam.father.display_name in body
    analyst = user_factory(Role.AUSWERTUNG, username="aw", team=None)
    body = verified_client(analyst).get(url).content.decode()
    assert "Geplante Maßnahmen" in body and "Pläne im Zeitraum" not in body
    assert fam.father.display_name not in body and fam.father.file_number not in body
    assert verified_client(planner).get(url).status_code == 403
    bad = reverse("measures:report") + "?date_from=2027-02-01&date_to=2027-01-01"
    assert verified_client(lead).get(bad).status_code == 400


def test_person_page_shows_the_measures_section(planner, fam):
    plan = draft_plan(planner, fam.all)
    body = verified_client(planner).get(reverse("persons:detail", kwargs={"pk": fam.child.pk})).content.decode()
    assert 'id="massnahmen-heading"' in body and f"Plan {plan.pk}" in body and "Maßnahme planen" in body


def test_report_default_range_is_the_current_year(lead):
    body = verified_client(lead).get(reverse("measures:report")).content.decode()
    assert date(timezone.localdate().year, 1, 1).isoformat() in body
