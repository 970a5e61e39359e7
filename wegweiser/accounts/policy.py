"""The one place that answers: may this user do this action on this person's data?

Every view and API call asks here (``require``/``decide``); lists are narrowed with ``visible_persons``
so that the check is one SQL filter, not a loop. External roles (KIM case management, supporters) see no
personal data unless a valid consent grants it; until the consent module records such consents, they see
none at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from .roles import CASE_ROLES, EXTERNAL_ROLES, Role

if TYPE_CHECKING:
    from django.db.models import QuerySet


class Action(StrEnum):
    PERSON_SEARCH = "person.search"
    PERSON_VIEW = "person.view"
    PERSON_CREATE = "person.create"
    PERSON_CHANGE = "person.change"
    PERSON_DELETE = "person.delete"
    RESIDENCE_CHANGE = "residence.change"
    FACT_CHANGE = "fact.change"
    DOCUMENT_VIEW = "document.view"
    DOCUMENT_UPLOAD = "document.upload"
    DOCUMENT_DELETE = "document.delete"
    NOTE_ADD = "note.add"
    EXPORT = "export"
    AUDIT_VIEW = "audit.view"
    STATISTICS_VIEW = "statistics.view"
    USERS_MANAGE = "users.manage"
    # Positive case work (staying perspectives, screening, worklists, Zielvereinbarungen, dashboard)
    ASSESSMENT_VIEW = "assessment.view"  # the staying-perspectives panel and what-if of one person
    ASSESSMENT_SNAPSHOT = "assessment.snapshot"  # store an assessment for print or decision
    SCREENING_RUN = "screening.run"  # start a screening of the whole caseload
    WORKLIST_VIEW = "worklist.view"
    LOTSE_ASSIGN = "lotse.assign"  # assign a person to an Integrationslotse/-lotsin
    GOAL_VIEW = "goal.view"
    GOAL_CHANGE = "goal.change"  # create and update Zielvereinbarungen
    DASHBOARD_VIEW = "dashboard.view"  # the caseload dashboard


class DataCategory(StrEnum):
    """Categories of personal data; consents (a later module) are scoped to these."""

    IDENTITY = "identity"
    FAMILY = "family"
    RESIDENCE = "residence"
    INTEGRATION = "integration"
    CRIMINAL = "criminal"
    HEALTH = "health"
    DOCUMENTS = "documents"
    NOTES = "notes"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str

    def __bool__(self) -> bool:
        return self.allowed


# What each internal role may do at all. Person-scoped limits (team) are applied in ``decide``.
_ROLE_ACTIONS: dict[Role, frozenset[Action]] = {
    Role.SACHBEARBEITUNG: frozenset(
        {
            Action.PERSON_SEARCH, Action.PERSON_VIEW, Action.PERSON_CREATE, Action.PERSON_CHANGE,
            Action.RESIDENCE_CHANGE, Action.FACT_CHANGE, Action.DOCUMENT_VIEW, Action.DOCUMENT_UPLOAD,
            Action.NOTE_ADD, Action.EXPORT, Action.ASSESSMENT_VIEW, Action.ASSESSMENT_SNAPSHOT,
            Action.WORKLIST_VIEW, Action.GOAL_VIEW, Action.GOAL_CHANGE,
        }
    ),
    Role.INTEGRATIONSLOTSE: frozenset(
        {
            Action.PERSON_SEARCH, Action.PERSON_VIEW, Action.FACT_CHANGE, Action.DOCUMENT_VIEW,
            Action.DOCUMENT_UPLOAD, Action.NOTE_ADD, Action.EXPORT, Action.ASSESSMENT_VIEW,
            Action.ASSESSMENT_SNAPSHOT, Action.SCREENING_RUN, Action.WORKLIST_VIEW, Action.LOTSE_ASSIGN,
            Action.GOAL_VIEW, Action.GOAL_CHANGE, Action.DASHBOARD_VIEW,
        }
    ),
    Role.TEAMLEITUNG: frozenset(
        {
            Action.PERSON_SEARCH, Action.PERSON_VIEW, Action.PERSON_CREATE, Action.PERSON_CHANGE,
            Action.PERSON_DELETE, Action.RESIDENCE_CHANGE, Action.FACT_CHANGE, Action.DOCUMENT_VIEW,
            Action.DOCUMENT_UPLOAD, Action.DOCUMENT_DELETE, Action.NOTE_ADD, Action.EXPORT,
            Action.AUDIT_VIEW, Action.STATISTICS_VIEW, Action.ASSESSMENT_VIEW, Action.ASSESSMENT_SNAPSHOT,
            Action.SCREENING_RUN, Action.WORKLIST_VIEW, Action.LOTSE_ASSIGN, Action.GOAL_VIEW,
            Action.GOAL_CHANGE, Action.DASHBOARD_VIEW,
        }
    ),
    Role.AUSWERTUNG: frozenset({Action.STATISTICS_VIEW}),
    Role.DATENSCHUTZ: frozenset({Action.AUDIT_VIEW}),
    Role.ADMINISTRATION: frozenset({Action.USERS_MANAGE}),
    Role.KIM_FALLMANAGEMENT: frozenset(),
    Role.UNTERSTUETZENDE: frozenset(),
}

# Changing a file is limited to the own team for these roles; Teamleitung may change any file. Every
# writing action is listed (also those the team-bound roles lack today), so that granting one of them to
# such a role later cannot silently lift the team limit. A file without a team is nobody's "other" team.
# The Integrationslotse/-lotsin assigned to a person (``person.lotse``) works on that file whatever its
# team: accompanying people across the teams is the job. Zielvereinbarungen are not team-bound.
_TEAM_BOUND_CHANGES = frozenset(
    {
        Action.PERSON_CHANGE, Action.PERSON_DELETE, Action.RESIDENCE_CHANGE, Action.FACT_CHANGE,
        Action.DOCUMENT_UPLOAD, Action.DOCUMENT_DELETE, Action.NOTE_ADD,
    }
)
_TEAM_BOUND_ROLES = frozenset({Role.SACHBEARBEITUNG, Role.INTEGRATIONSLOTSE})


def _is_usable(user: Any) -> bool:
    """Logged in, active, with a known role, and (where the request tells) past the second factor.

    ``is_verified`` exists on request users (django-otp middleware); a user object loaded elsewhere (tasks,
    commands) has none and is judged by role alone. An unknown role value (e.g. left over from a removed
    role) denies instead of raising.
    """
    if not (user and user.is_authenticated and user.is_active):
        return False
    if getattr(user, "role", "") not in Role.values:
        return False
    is_verified = getattr(user, "is_verified", None)
    return not (callable(is_verified) and not is_verified())


def decide(user: Any, action: Action, person: Any = None, category: DataCategory | None = None) -> Decision:
    """Decide one action; ``person`` is the case file concerned (or None for actions without one)."""
    if not _is_usable(user):
        return Decision(False, str(_("Keine gültige Anmeldung (Konto inaktiv oder zweiter Faktor fehlt).")))
    role = Role(user.role)
    if role in EXTERNAL_ROLES:
        return Decision(False, str(_("Externe Konten sehen personenbezogene Daten nur mit gültiger Einwilligung.")))
    if action not in _ROLE_ACTIONS.get(role, frozenset()):
        return Decision(False, str(_("Ihre Rolle erlaubt diese Aktion nicht.")))
    if person is not None and role in _TEAM_BOUND_ROLES and action in _TEAM_BOUND_CHANGES:
        assigned = role == Role.INTEGRATIONSLOTSE and getattr(person, "lotse_id", None) == user.pk
        if person.team_id is not None and person.team_id != user.team_id and not assigned:
            return Decision(False, str(_("Diese Akte gehört zu einem anderen Team.")))
    return Decision(True, "")


class PolicyDenied(PermissionDenied):
    """A refusal by the policy. Keeps what was refused, so that the audit trail can name it."""

    def __init__(self, reason: str, action: Action, person: Any = None) -> None:
        super().__init__(reason)
        self.action = action
        self.person_id: int | None = getattr(person, "pk", None)


def require(user: Any, action: Action, person: Any = None, category: DataCategory | None = None) -> None:
    """Raise PermissionDenied (``PolicyDenied``) unless ``decide`` allows the action."""
    decision = decide(user, action, person, category)
    if not decision:
        raise PolicyDenied(decision.reason, action, person)


def may(user: Any, action: Action, person: Any = None, category: DataCategory | None = None) -> bool:
    """Convenience for templates and menus."""
    return decide(user, action, person, category).allowed


def visible_persons(user: Any, queryset: QuerySet) -> QuerySet:
    """Narrow a Person queryset to what the user may see, as one SQL filter."""
    if not _is_usable(user):
        return queryset.none()
    role = Role(user.role)
    if role in CASE_ROLES:
        return queryset
    return queryset.none()
