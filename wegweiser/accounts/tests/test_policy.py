"""The policy module against the intended permission matrix.

The expected matrix is written out here by hand on purpose: deriving it from ``policy._ROLE_ACTIONS`` would
make the test agree with any mistake in the module.
"""

from __future__ import annotations

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
EXPECTED: dict[Role, set[Action]] = {
    Role.SACHBEARBEITUNG: CASE_WORK | PERSPECTIVES,
    Role.INTEGRATIONSLOTSE: {
        A.PERSON_SEARCH, A.PERSON_VIEW, A.FACT_CHANGE, A.DOCUMENT_VIEW, A.DOCUMENT_UPLOAD, A.NOTE_ADD, A.EXPORT,
    } | PERSPECTIVES | STEERING,
    Role.TEAMLEITUNG: CASE_WORK | PERSPECTIVES | STEERING | {
        A.PERSON_DELETE, A.DOCUMENT_DELETE, A.AUDIT_VIEW, A.STATISTICS_VIEW},
    Role.KIM_FALLMANAGEMENT: set(),
    Role.UNTERSTUETZENDE: set(),
    Role.AUSWERTUNG: {A.STATISTICS_VIEW},
    Role.DATENSCHUTZ: {A.AUDIT_VIEW},
    Role.ADMINISTRATION: {A.USERS_MANAGE},
}
#: Actions that read or write personal data of a case file.
PERSON_DATA_ACTIONS = {
    A.PERSON_SEARCH, A.PERSON_VIEW, A.PERSON_CREATE, A.PERSON_CHANGE, A.PERSON_DELETE, A.RESIDENCE_CHANGE,
    A.FACT_CHANGE, A.DOCUMENT_VIEW, A.DOCUMENT_UPLOAD, A.DOCUMENT_DELETE, A.NOTE_ADD, A.EXPORT,
} | PERSPECTIVES | STEERING
#: Writing actions limited to the own team for Sachbearbeitung and Integrationslotse.
TEAM_BOUND = {
    A.PERSON_CHANGE, A.PERSON_DELETE, A.RESIDENCE_CHANGE, A.FACT_CHANGE, A.DOCUMENT_UPLOAD, A.DOCUMENT_DELETE,
    A.NOTE_ADD,
}
NO_PERSON_DATA_ROLES = [Role.KIM_FALLMANAGEMENT, Role.UNTERSTUETZENDE, Role.AUSWERTUNG, Role.DATENSCHUTZ, Role.ADMINISTRATION]


def test_matrix_names_every_role_and_the_role_sets_agree():
    assert set(EXPECTED) == set(Role)
    assert CASE_ROLES == {Role.SACHBEARBEITUNG, Role.INTEGRATIONSLOTSE, Role.TEAMLEITUNG}
    assert EXTERNAL_ROLES == {Role.KIM_FALLMANAGEMENT, Role.UNTERSTUETZENDE}
    assert PERSON_DATA_ACTIONS | {A.AUDIT_VIEW, A.STATISTICS_VIEW, A.USERS_MANAGE} == set(Action)


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
