"""Permission-matrix rows for every URL of the measures app (see wegweiser/core/permission_matrix.py).

Plans: MEASURE_VIEW for Sachbearbeitung and Teamleitung; planning and the day's log (MEASURE_PLAN,
MEASURE_EXECUTE) are team-bound for Sachbearbeitung; only Teamleitung approves (MEASURE_APPROVE, never the
planner) and changes the office's safeguard settings. The report needs STATISTICS_VIEW (Teamleitung, Auswertung).
Departures are recorded and withdrawn with MEASURE_PLAN (team-bound for Sachbearbeitung).
"""

from __future__ import annotations

from datetime import date

from wegweiser.accounts.roles import Role
from wegweiser.core.permission_matrix import Row

SB, TL, AW = Role.SACHBEARBEITUNG, Role.TEAMLEITUNG, Role.AUSWERTUNG
MEASURES = (SB, TL)


def _family(world):
    from .factories import family

    if not hasattr(world, "family"):
        world.family = family(world.team)
    return world.family


def _draft(world, **values) -> dict:
    from .factories import draft_plan

    world.plan = draft_plan(world.user(SB), _family(world).all, **values)
    return {"pk": world.plan.pk}


def _approvable(world) -> dict:
    from wegweiser.counselling.tests.samples import default_concept

    from .factories import approvable_plan

    default_concept()
    world.plan = approvable_plan(world.user(SB), _family(world))
    return {"pk": world.plan.pk}


def _started(world) -> dict:
    from wegweiser.counselling.tests.samples import default_concept

    from .factories import started_plan

    default_concept()
    world.plan = started_plan(world.user(SB), world.user(TL), _family(world))
    return {"pk": world.plan.pk}


def _certificate(world) -> dict:
    from ..services.plans import record_certificate

    kwargs = _draft(world)
    world.certificate = record_certificate(world.user(SB), world.family.father, {
        "author": "Dr. A. Beispiel", "qualification": "Facharzt für Innere Medizin", "issued_on": date(2026, 1, 5),
        "states_unfit": True, "content": "Diagnose I50.1, Herzinsuffizienz NYHA III"}, plan=world.plan)
    return {**kwargs, "cert_pk": world.certificate.pk}


def _plan_post(world) -> dict:
    return {"persons": [str(p.pk) for p in world.family.all], "window_start": "2030-05-06T08:00",
            "window_end": "2030-05-06T12:00", "place_kind": "home", "place_text": "Bahnhofstraße 1",
            "version": str(world.plan.version)}


def _create_post(world) -> dict:
    return {"persons": [str(world.other_team_person.pk)], "window_start": "2030-05-06T08:00",
            "window_end": "2030-05-06T12:00", "place_kind": "home"}


def _office_post(world) -> dict:
    from ..services.office import office_policy

    return {"preset": "unna", "certificate_max_age_days": "60", "hard_warnings": ["place_check"],
            "version": str(office_policy().version)}


def _ack_post(world) -> dict:
    return {"rule_id": "place_check", "place_check-rule_id": "place_check",
            "place_check-reason": "Abholung vor Schulbeginn, Schulleitung eingebunden.",
            "place_check-version": str(world.plan.version)}


def _certificate_post(world) -> dict:
    return {"person": str(world.family.mother.pk), "author": "Dr. B. Muster", "qualification": "Allgemeinmedizin",
            "issued_on": "2026-02-01", "states_unfit": "fit", "content": "Reisefähig, keine Einschränkungen."}


def _departure_post(world) -> dict:
    return {"departed_on": "2026-01-10", "kind": "assisted", "programme": "REAG/GARP",
            "evidence": "programme_confirmation"}


def _departure(world) -> dict:
    from ..services.departures import record_departure

    world.departure = record_departure(world.user(TL), world.person, {
        "departed_on": date(2026, 1, 10), "kind": "voluntary", "evidence": "border_certificate"}).departure
    return {"pk": world.departure.pk}


ROWS: list[Row] = [
    Row("measures:plan_list", allowed=MEASURES),
    Row("measures:report", allowed=(TL, AW)),
    Row("measures:report", allowed=(TL, AW), query="date_from=2030-01-01&date_to=2030-12-31"),
    Row("measures:office_settings", allowed=MEASURES),
    Row("measures:office_settings", allowed=(TL,), method="post", data=_office_post),
    Row("measures:plan_create", allowed=MEASURES, setup=lambda w: {"person_pk": w.person.pk}),
    Row("measures:plan_create", allowed=(TL,), method="post", setup=lambda w: {"person_pk": w.other_team_person.pk},
        data=_create_post),
    Row("measures:plan_detail", allowed=MEASURES, setup=_draft),
    Row("measures:plan_edit", allowed=MEASURES, setup=_draft),
    Row("measures:plan_edit", allowed=MEASURES, method="post", setup=_draft, data=_plan_post),
    Row("measures:plan_check", allowed=MEASURES, method="post", setup=_draft,
        data=lambda w: {"version": str(w.plan.version)}),
    Row("measures:plan_acknowledge", allowed=MEASURES, method="post", setup=lambda w: _draft(w, place_kind="school"),
        data=_ack_post),
    Row("measures:plan_approve", allowed=(TL,), method="post", setup=_approvable,
        data=lambda w: {"version": str(w.plan.version)}),
    Row("measures:plan_execution", allowed=MEASURES, setup=_started),
    Row("measures:plan_execution", allowed=MEASURES, method="post", setup=_started,
        data=lambda w: {"kind": "completed", "completed-confirm": "on"}),
    Row("measures:certificate_create", allowed=MEASURES, setup=_draft),
    Row("measures:certificate_create", allowed=MEASURES, method="post", setup=_draft, data=_certificate_post),
    Row("measures:certificate_set_aside", allowed=MEASURES, setup=_certificate),
    Row("measures:certificate_set_aside", allowed=MEASURES, method="post", setup=_certificate,
        data=lambda w: {"reason": "Gutachten des Gesundheitsamts vom 02.02.2026 stellt Reisefähigkeit fest.",
                        "confirm": "on"}),
    Row("measures:departure_create", allowed=MEASURES, setup=lambda w: {"person_pk": w.person.pk}),
    Row("measures:departure_create", allowed=MEASURES, method="post", setup=lambda w: {"person_pk": w.person.pk},
        data=_departure_post),
    Row("measures:departure_create", allowed=(TL,), method="post",
        setup=lambda w: {"person_pk": w.other_team_person.pk}, data=_departure_post),
    Row("measures:departure_withdraw", allowed=MEASURES, setup=_departure),
    Row("measures:departure_withdraw", allowed=MEASURES, method="post", setup=_departure,
        data=lambda w: {"reason": "Versehentlich bei der falschen Person erfasst.", "confirm": "on"}),
]
