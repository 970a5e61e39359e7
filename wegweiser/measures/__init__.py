"""Measures ending a stay (Abschiebung) under the humane safeguards of seed 004 (Kreis Unna, Vereinbarung vom
02.03.2023): voluntary departure first, safeguards a plan cannot skip, four-eyes approval, an execution log.

Pages (``urls.py``, ``views/``, person-page section "massnahmen" with plans and departures) build on these services (all raise ``PermissionDenied`` via ``policy.require`` per
affected person, ``ValidationError`` with German messages on bad input, ``StalePlan`` on a lost update; every
change is audited; every write takes ``expected_version`` = the ``MeasurePlan.version`` the user saw).

Safeguards, plain Python (``measures.safeguards``, no Django):
    evaluate(PlanFacts) -> list[RuleResult]        # rule_id, outcome blocked|warning|ok, reason_de, reason_en,
                                                   # citation, hard; display order, staying perspective first
    build(preset="unna", *, certificate_max_age_days=90, hard_warnings=(), ...) -> SafeguardConfig
    PRESETS: "unna" (22:00–06:00, under 18; default) and "nrw_erlass" (21:00–06:00, under 14; to review)
    HARD_RULES night_minor, family_unity, institution, unfit_certificate  (never soft; ConfigError)
    REASON_RULES staying_perspective, force_proportionality  (blocked until a written reason exists)
    WARNING_RULES voluntary_departure_counselling, partner_unity, place_check, certificate_review
        (acknowledge with reason; the office may make them hard)

Services (``measures.services``):
    office.current_config() -> SafeguardConfig
    office.set_office_policy(user, *, preset, certificate_max_age_days, hard_warnings, expected_version,
                             soft_rules=None) -> OfficeSafeguardPolicy           # MEASURE_APPROVE (Teamleitung)
    facts.family_candidates(person) -> list[Person]      # household + relatives: whom a plan may affect
    facts.evaluate_plan(plan, *, on=None) -> list[RuleResult]   # read-only; caller checks MEASURE_VIEW
    facts.open_warnings(plan, results) -> list[RuleResult]      # warnings not yet acknowledged
    before.check_persons(user, persons, *, on=None) -> list[PersonCheck]
        # per person: counselling (final "freiwillige_ausreise" protocols), supporters (valid consents),
        # chances (eligible / eligible_later ≤ 6 months / undetermined → needs_reason), perspective_error
    plans.create_plan(user, persons, values=None) -> MeasurePlan                 # MEASURE_PLAN
    plans.update_plan(user, plan, values, *, expected_version) -> MeasurePlan    # approved → back to draft
        values: window_start, window_end (aware datetimes or ISO strings), place_kind (PlaceKind), place_text,
        transport, escort, medical_notes, force_planned, force_reason, perspective_reason
    plans.set_persons(user, plan, persons, *, expected_version) -> MeasurePlan
    plans.run_before_check(user, plan, *, expected_version) -> (MeasurePlan, list[PersonCheck])
    plans.acknowledge_warning(user, plan, rule_id, reason, *, expected_version) -> MeasurePlan
    plans.approval_problems(user, plan, results) -> list[str]       # for the page: why approval is not possible
    plans.approve(user, plan, *, expected_version) -> MeasurePlan   # MEASURE_APPROVE; raises ApprovalRefused
    plans.record_certificate(user, person, values, *, plan=None) -> FitnessCertificate
        values: author, qualification, issued_on (date), states_unfit (bool), content
    plans.set_aside_certificate(user, certificate, reason) -> FitnessCertificate
    execution.record_event(user, plan, kind, *, text="", person=None, at=None, medical_staff_name="",
                           medical_staff_qualification="", cancel_reason="") -> EventResult(event, plan, rescue_chain)
        # MEASURE_EXECUTE (cancel before start: MEASURE_PLAN); STARTED re-checks safeguards (StartRefused);
        # LIFE_THREATENING returns RESCUE_CHAIN: show it FIRST
    execution.log(user, plan) -> list[ExecutionEvent]
    departures.record_departure(user, person, values) -> DepartureResult(departure, cancelled_plans, open_plans)
        # MEASURE_PLAN; values: departed_on (date, not future, not before birth), kind voluntary|assisted,
        # programme (name, required for assisted), evidence (DepartureEvidence), evidence_note, plan (optional);
        # cancels a draft/approved plan (reason voluntary_departure, via record_event) only when every affected
        # person has left voluntarily since the plan was made; other open plans are returned for the user
    departures.withdraw_departure(user, departure, reason) -> Departure   # records are never edited or deleted
    departures.correct_departure(user, departure, values, reason) -> DepartureResult   # withdraw + new record
    execution.record_event(..., COMPLETED) also records a removal ``Departure`` for every affected person
    reporting.summary(user, *, date_from, date_to) -> MeasureSummary     # STATISTICS_VIEW, aggregates only
        # plans by status, blocked by rule, interrupted; departures by kind (voluntary, assisted), of those after
        # counselling ("freiwillige_ausreise" protocol held on or before the day), removals carried out
    reporting.plan_list(user, *, date_from, date_to) -> list[PlanRow]    # MEASURE_VIEW on every person

State machine (models.ALLOWED, enforced by MeasurePlan.save, querysets and DB triggers in migration 0002):
draft → approved → in_progress ⇄ interrupted → completed | aborted | cancelled; approved → draft on change;
interrupted → in_progress only after a ``fitness_confirmed`` event; aborted, completed, cancelled are final.
Samples for tests and UI work: ``wegweiser.measures.tests.factories``.
"""
