"""The policy module against the intended permission matrix.

The expected matrix is written out here by hand on purpose: deriving it from ``policy._ROLE_ACTIONS`` would
make the test agree with any mistake in the module.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied

from wegweiser.accounts import policy
from wegweiser.accounts.models import Team, User
from wegweiser.accounts.policy import Action, DataCategory, decide, may, require, visible_persons
from wegweiser.accounts.roles import CASE_ROLES, EXTERNAL_ROLES, Role
from wegweiser.persons.models import Person

A = Action
CASE_WORK = {
    A.PERSON_SEARCH, A.PERSON_VIEW, A.PERSON_CREATE, A.PERSON_CHANGE, A.RESIDENCE_CHANGE, A.FACT_CHANGE,
    A.DOCUMENT_VIEW, A.DOCUMENT_UPLOAD, A.NOTE_ADD, A.EXPORT,
}
#: Positive case work every case role does: read the staying perspectives, worklists and goals, agree goals.
PERSPECTIVES = {A.ASSESSMENT_VIEW, A.ASSESSMENT_SNAPSHOT, A.WORKLIST_VIEW, A.GOAL_VIEW, A.GOAL_CHANGE}
#: Steering the caseload: Integrationslotse and Teamleitung only.
STEERING = {A.SCREENING_RUN, A.LOTSE_ASSIGN, A.DASHBOARD_VIEW}
#: Counselling, consent and referrals: every case role.
COUNSELLING = {A.NETWORK_VIEW, A.REFERRAL_CREATE, A.COUNSELLING_VIEW, A.COUNSELLING_CHANGE, A.CONSENT_VIEW,
               A.CONSENT_CHANGE}
#: Partners' submissions (inbox) and cases before the Beratungskommission: every case role; the office's
#: decision on a recommendation is the Teamleitung's.
PARTNERS = {A.INBOX_VIEW, A.SUBMISSION_HANDLE, A.COMMISSION_VIEW, A.COMMISSION_CHANGE}
#: Measures ending a stay: Sachbearbeitung plans and records the day, Teamleitung also approves; the
#: Integrationslotse/-lotsin accompanies people and has no part in them.
MEASURES = {A.MEASURE_VIEW, A.MEASURE_PLAN, A.MEASURE_EXECUTE}
#: The office's day: every case role sees and handles appointments; Sachbearbeitung and Teamleitung invite before a
#: permit expires; the catalogue and the booking settings are the Teamleitung's and the administration's.
APPOINTMENTS = {A.APPOINTMENT_VIEW, A.APPOINTMENT_HANDLE}
EXPECTED: dict[Role, set[Action]] = {
    Role.SACHBEARBEITUNG: CASE_WORK | PERSPECTIVES | COUNSELLING | PARTNERS | MEASURES | APPOINTMENTS
    | {A.INVITATION_SEND},
    Role.INTEGRATIONSLOTSE: {
        A.PERSON_SEARCH, A.PERSON_VIEW, A.FACT_CHANGE, A.DOCUMENT_VIEW, A.DOCUMENT_UPLOAD, A.NOTE_ADD, A.EXPORT,
    } | PERSPECTIVES | STEERING | COUNSELLING | PARTNERS | APPOINTMENTS | {A.NETWORK_CHANGE},
    Role.TEAMLEITUNG: CASE_WORK | PERSPECTIVES | STEERING | COUNSELLING | PARTNERS | MEASURES | APPOINTMENTS | {
        A.MEASURE_APPROVE, A.INVITATION_SEND, A.BOOKING_MANAGE,
        A.NETWORK_CHANGE,
        A.CONCEPT_MANAGE, A.PERSON_DELETE, A.DOCUMENT_DELETE, A.AUDIT_VIEW, A.STATISTICS_VIEW, A.COMMISSION_DECIDE},
    Role.KIM_FALLMANAGEMENT: set(),
    Role.UNTERSTUETZENDE: set(),
    Role.BERATUNGSDIENST: set(),  # external roles: nothing without a person, see the consent tests below
    Role.AUSWERTUNG: {A.STATISTICS_VIEW},
    Role.DATENSCHUTZ: {A.AUDIT_VIEW},
    Role.ADMINISTRATION: {A.USERS_MANAGE, A.BOOKING_MANAGE},
}
#: Actions that read or write personal data of a case file.
PERSON_DATA_ACTIONS = {
    A.PERSON_SEARCH, A.PERSON_VIEW, A.PERSON_CREATE, A.PERSON_CHANGE, A.PERSON_DELETE, A.RESIDENCE_CHANGE,
    A.FACT_CHANGE, A.DOCUMENT_VIEW, A.DOCUMENT_UPLOAD, A.DOCUMENT_DELETE, A.NOTE_ADD, A.EXPORT,
} | PERSPECTIVES | STEERING | COUNSELLING | PARTNERS | {A.NETWORK_CHANGE, A.CONCEPT_MANAGE, A.CONSENT_VIEW,
    A.EVIDENCE_SUBMIT, A.MESSAGE_SEND, A.COMMISSION_DECIDE, A.MEASURE_APPROVE} | MEASURES | APPOINTMENTS | {
    A.INVITATION_SEND}
#: Writing actions limited to the own team for Sachbearbeitung and Integrationslotse.
TEAM_BOUND = {
    A.PERSON_CHANGE, A.PERSON_DELETE, A.RESIDENCE_CHANGE, A.FACT_CHANGE, A.DOCUMENT_UPLOAD, A.DOCUMENT_DELETE,
    A.NOTE_ADD, A.SUBMISSION_HANDLE, A.MEASURE_PLAN, A.MEASURE_EXECUTE, A.INVITATION_SEND,
}
EXTERNAL = [Role.KIM_FALLMANAGEMENT, Role.UNTERSTUETZENDE, Role.BERATUNGSDIENST]
NO_PERSON_DATA_ROLES = [*EXTERNAL, Role.AUSWERTUNG, Role.DATENSCHUTZ, Role.ADMINISTRATION]


def test_matrix_names_every_role_and_the_role_sets_agree():
    assert set(EXPECTED) == set(Role)
    assert CASE_ROLES == {Role.SACHBEARBEITUNG, Role.INTEGRATIONSLOTSE, Role.TEAMLEITUNG}
    assert EXTERNAL_ROLES == set(EXTERNAL)
    assert PERSON_DATA_ACTIONS | {A.AUDIT_VIEW, A.STATISTICS_VIEW, A.USERS_MANAGE, A.BOOKING_MANAGE} == set(Action)


@pytest.mark.parametrize("action", list(Action), ids=str)
@pytest.mark.parametrize("role", list(Role), ids=str)
def test_role_action_matrix(role: Role, action: Action):
    user = User(username="u", role=role, is_active=True)
    expected = action in EXPECTED[role]
    decision = decide(user, action)
    assert decision.allowed is expected, f"{role} × {action}: expected {expected}, got {decision}"
    assert may(user, action) is expected
    assert bool(decision.reason) is not expected  # a denial always says why
    if expected:
        require(user, action)
    else:
        with pytest.raises(PermissionDenied):
            require(user, action)


# --- who is not allowed at all ------------------------------------------------------------------------


def _everything_denied(user) -> bool:
    return not any(decide(user, action) for action in Action)


def test_anonymous_user_may_nothing():
    from django.contrib.auth.models import AnonymousUser

    assert _everything_denied(AnonymousUser())
    assert _everything_denied(None)


def test_inactive_user_may_nothing():
    assert _everything_denied(User(username="x", role=Role.TEAMLEITUNG, is_active=False))


@pytest.mark.parametrize("role", ["", "superuser", "ehemalige_rolle"])
def test_missing_or_unknown_role_is_denied_not_an_error(role):
    user = User(username="x", role=role, is_active=True, is_superuser=True, is_staff=True)
    assert _everything_denied(user)


def test_user_without_second_factor_is_denied_even_with_a_strong_role():
    """Request users carry ``is_verified`` (django-otp); a half log-in gets nothing from the policy."""
    user = User(username="x", role=Role.TEAMLEITUNG, is_active=True)
    user.is_verified = lambda: False
    assert _everything_denied(user)
    user.is_verified = lambda: True
    assert decide(user, A.PERSON_VIEW)


def test_superuser_flag_grants_nothing():
    user = User(username="root", role=Role.AUSWERTUNG, is_active=True, is_superuser=True, is_staff=True)
    assert not decide(user, A.PERSON_VIEW)
    assert not decide(user, A.USERS_MANAGE)


# --- team-bound changes -------------------------------------------------------------------------------


@pytest.fixture
def office(db):
    team, _ = Team.objects.get_or_create(name="Team 1")
    other, _ = Team.objects.get_or_create(name="Team 2")
    own = Person.objects.create(file_number="AZ-1", family_name="Musterfrau", given_names="Erika", team=team)
    foreign = Person.objects.create(file_number="AZ-2", family_name="Beispiel", given_names="Omar", team=other)
    teamless = Person.objects.create(file_number="AZ-3", family_name="Ohneteam", given_names="Lea", team=None)
    return {"team": team, "other": other, "own": own, "foreign": foreign, "teamless": teamless}


def _member(role: Role, team: Team | None) -> User:
    return User.objects.create_user(username=f"{role.value}-{team.pk if team else 'none'}", role=role, team=team)


@pytest.mark.parametrize("role", [Role.SACHBEARBEITUNG, Role.INTEGRATIONSLOTSE])
def test_team_bound_roles_change_only_files_of_their_own_team(office, role):
    user = _member(role, office["team"])
    for action in EXPECTED[role] & TEAM_BOUND:
        assert decide(user, action, office["own"]), action
        assert decide(user, action, office["teamless"]), action  # nobody's "other" team
        denied = decide(user, action, office["foreign"])
        assert not denied, action
        assert denied.reason == "Diese Akte gehört zu einem anderen Team."
        with pytest.raises(PermissionDenied):
            require(user, action, office["foreign"])


@pytest.mark.parametrize("role", [Role.SACHBEARBEITUNG, Role.INTEGRATIONSLOTSE])
def test_team_bound_roles_read_files_of_every_team(office, role):
    user = _member(role, office["team"])
    for action in EXPECTED[role] - TEAM_BOUND:
        assert decide(user, action, office["foreign"]), action


def test_team_bound_role_without_team_changes_no_team_file(office):
    user = _member(Role.SACHBEARBEITUNG, None)
    assert not decide(user, A.PERSON_CHANGE, office["own"])
    assert not decide(user, A.PERSON_CHANGE, office["foreign"])
    assert decide(user, A.PERSON_VIEW, office["foreign"])


def test_assigned_lotse_changes_the_file_whatever_its_team(office):
    """Accompanying people across teams is the Lotse's job; the assignment lifts the team limit for that file."""
    lotse = _member(Role.INTEGRATIONSLOTSE, office["team"])
    colleague = User.objects.create_user(username="other-lotse", role=Role.INTEGRATIONSLOTSE, team=office["team"])
    case_worker = _member(Role.SACHBEARBEITUNG, office["team"])
    foreign = office["foreign"]
    assert not decide(lotse, A.FACT_CHANGE, foreign)
    foreign.lotse = lotse
    for action in EXPECTED[Role.INTEGRATIONSLOTSE] & TEAM_BOUND:
        assert decide(lotse, action, foreign), action
        assert not decide(colleague, action, foreign), action  # only the assigned one
    foreign.lotse = case_worker  # not a Lotse role: no effect
    assert not decide(case_worker, A.FACT_CHANGE, foreign)


def test_teamleitung_changes_files_of_every_team(office):
    user = _member(Role.TEAMLEITUNG, office["team"])
    for action in EXPECTED[Role.TEAMLEITUNG] & TEAM_BOUND:
        assert decide(user, action, office["foreign"]), action


def test_team_limit_covers_every_writing_action():
    """Granting a team-bound role another writing action later must not lift the team limit."""
    assert policy._TEAM_BOUND_CHANGES == TEAM_BOUND
    assert policy._TEAM_BOUND_ROLES == {Role.SACHBEARBEITUNG, Role.INTEGRATIONSLOTSE}


# --- who sees person data -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", NO_PERSON_DATA_ROLES, ids=str)
def test_roles_without_case_work_see_no_person_data(office, role):
    user = _member(role, office["team"])
    for person in (office["own"], office["foreign"], office["teamless"]):
        for action in PERSON_DATA_ACTIONS:
            for category in [None, *DataCategory]:
                assert not decide(user, action, person, category), (role, action, category)
    assert visible_persons(user, Person.objects.all()).count() == 0


@pytest.mark.parametrize("role", sorted(CASE_ROLES), ids=str)
def test_case_roles_see_the_files_of_all_teams(office, role):
    user = _member(role, office["team"])
    visible = visible_persons(user, Person.objects.all())
    assert set(visible) == {office["own"], office["foreign"], office["teamless"]}


def test_visible_persons_keeps_the_callers_filter_and_stays_a_queryset(office):
    user = _member(Role.SACHBEARBEITUNG, office["team"])
    narrowed = visible_persons(user, Person.objects.filter(team=office["other"]))
    assert list(narrowed) == [office["foreign"]]
    assert narrowed.filter(family_name="Beispiel").count() == 1  # still chainable SQL


def test_visible_persons_is_empty_for_unusable_users(office):
    from django.contrib.auth.models import AnonymousUser

    inactive = _member(Role.TEAMLEITUNG, office["team"])
    inactive.is_active = False
    half = _member(Role.SACHBEARBEITUNG, office["other"])
    half.is_verified = lambda: False
    for user in (AnonymousUser(), inactive, half):
        assert visible_persons(user, Person.objects.all()).count() == 0


def test_external_denial_names_the_consent():
    user = User(username="kim", role=Role.KIM_FALLMANAGEMENT, is_active=True)
    assert "Einwilligung" in decide(user, A.PERSON_VIEW).reason


def test_require_gives_the_reason_to_the_403_page():
    user = User(username="a", role=Role.ADMINISTRATION, is_active=True)
    with pytest.raises(PermissionDenied, match="Ihre Rolle erlaubt diese Aktion nicht."):
        require(user, A.PERSON_VIEW)


# --- external roles: exactly the consented categories of exactly the consenting persons -------------------

#: What an external account may do on a person with consent; every other action stays refused.
EXTERNAL_WITH_CONSENT = {A.PERSON_VIEW, A.EVIDENCE_SUBMIT, A.MESSAGE_SEND}


@pytest.fixture
def consenting(office):
    """Each external role gets an account; ``own`` consents to identity and integration for all of them."""
    from wegweiser.consent.tests.samples import grant, partner

    users = {role: partner(role) for role in EXTERNAL}
    consents = {role: grant(office["own"], to=user, categories=[DataCategory.IDENTITY, DataCategory.INTEGRATION])
                for role, user in users.items()}
    return {**office, "users": users, "consents": consents}


GRANTED = {DataCategory.IDENTITY, DataCategory.INTEGRATION}


@pytest.mark.parametrize("role", EXTERNAL, ids=str)
def test_external_role_sees_exactly_the_consented_categories_of_the_consenting_person(consenting, role):
    user, own = consenting["users"][role], consenting["own"]
    for action in Action:
        for category in [None, *DataCategory]:
            expected = action in EXTERNAL_WITH_CONSENT and (category or DataCategory.IDENTITY) in GRANTED
            assert decide(user, action, own, category).allowed is expected, (action, category)
    # category None means the identity basics
    assert decide(user, A.PERSON_VIEW, own)
    denied = decide(user, A.PERSON_VIEW, own, DataCategory.RESIDENCE)
    assert not denied and "Einwilligung" in denied.reason


@pytest.mark.parametrize("role", EXTERNAL, ids=str)
def test_external_role_sees_no_other_person(consenting, role):
    user = consenting["users"][role]
    for person in (consenting["foreign"], consenting["teamless"]):
        for action in Action:
            for category in [None, *DataCategory]:
                assert not decide(user, action, person, category), (person, action, category)
    assert list(visible_persons(user, Person.objects.all())) == [consenting["own"]]


@pytest.mark.parametrize("role", EXTERNAL, ids=str)
def test_external_role_without_a_person_is_refused_even_with_consent(consenting, role):
    """The staff pages and the API start with the "may this role do this at all" step: closed to externals."""
    user = consenting["users"][role]
    for action in Action:
        assert not decide(user, action), action


@pytest.mark.parametrize("role", EXTERNAL, ids=str)
def test_external_role_is_refused_before_consent(office, role):
    from wegweiser.consent.tests.samples import partner

    user = partner(role)
    assert not decide(user, A.PERSON_VIEW, office["own"])
    assert visible_persons(user, Person.objects.all()).count() == 0


@pytest.mark.parametrize("role", EXTERNAL, ids=str)
def test_revocation_takes_effect_at_once(consenting, role):
    from wegweiser.consent import services

    user, own, consent = consenting["users"][role], consenting["own"], consenting["consents"][role]
    assert decide(user, A.PERSON_VIEW, own, DataCategory.INTEGRATION)
    staff = _member(Role.SACHBEARBEITUNG, consenting["team"])
    services.revoke(staff, consent, "Widerruf am Schalter", expected_version=consent.version)
    assert not decide(user, A.PERSON_VIEW, own, DataCategory.INTEGRATION)
    assert not decide(user, A.PERSON_VIEW, own)
    assert visible_persons(user, Person.objects.all()).count() == 0


@pytest.mark.parametrize("role", EXTERNAL, ids=str)
def test_consent_holds_until_the_last_day_and_ends_after_it(consenting, role):
    from freezegun import freeze_time

    user, own, consent = consenting["users"][role], consenting["own"], consenting["consents"][role]
    last = consent.valid_until
    for day, expected in ((last - timedelta(days=1), True), (last, True), (last + timedelta(days=1), False)):
        with freeze_time(day.isoformat()):
            assert decide(user, A.PERSON_VIEW, own).allowed is expected, day
            assert visible_persons(user, Person.objects.all()).exists() is expected, day
    with freeze_time((consent.valid_from - timedelta(days=1)).isoformat()):
        assert not decide(user, A.PERSON_VIEW, own)  # not yet valid


def test_consent_for_an_organisation_reaches_its_contacts_only_while_both_are_active(office):
    from wegweiser.consent.tests.samples import grant, organisation, partner

    org = organisation()
    member, outsider = partner(Role.BERATUNGSDIENST, org=org), partner(Role.BERATUNGSDIENST)
    grant(office["own"], to=org, categories=[DataCategory.IDENTITY])
    assert decide(member, A.PERSON_VIEW, office["own"])
    assert not decide(outsider, A.PERSON_VIEW, office["own"])
    org.active = False
    org.save()
    assert not decide(member, A.PERSON_VIEW, office["own"])
    org.active = True
    org.save()
    contact = member.network_contact
    contact.active = False
    contact.save()
    member.refresh_from_db()
    assert not decide(member, A.PERSON_VIEW, office["own"])


def test_consent_for_one_person_does_not_open_a_colleague_of_the_same_organisation(office):
    from wegweiser.consent.tests.samples import grant, organisation, partner

    org = organisation()
    named, colleague = partner(Role.KIM_FALLMANAGEMENT, org=org), partner(Role.KIM_FALLMANAGEMENT, org=org)
    grant(office["own"], to=named)
    assert decide(named, A.PERSON_VIEW, office["own"])
    assert not decide(colleague, A.PERSON_VIEW, office["own"])


def test_a_consent_grants_nothing_to_staff_or_to_roles_without_case_work(office):
    """Consents only add to external roles; Auswertung with a network contact still sees nothing."""
    from wegweiser.consent.tests.samples import grant, partner

    user = partner(Role.AUSWERTUNG)
    grant(office["own"], to=user, categories=list(DataCategory))
    assert not decide(user, A.PERSON_VIEW, office["own"])
    assert visible_persons(user, Person.objects.all()).count() == 0
