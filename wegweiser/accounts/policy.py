"""The one place that answers: may this user do this action on this person's data?

Every view and API call asks here (``require``/``decide``); lists are narrowed with ``visible_persons``
so that the check is one SQL filter, not a loop.

External roles (KIM case management, supporters, counselling services) have no general access to case files.
They see exactly the data categories of exactly the persons that a valid consent (release from
confidentiality, ``wegweiser.consent``) grants to them, while it is valid (from ``valid_from`` to
``valid_until``, not revoked):

- ``decide`` allows them reading (``PERSON_VIEW``), submitting evidence (``EVIDENCE_SUBMIT``) and writing to the
  office (``MESSAGE_SEND``) on one person
  and one category, and nothing else; ``category=None`` on a person means the identity basics and needs
  ``DataCategory.IDENTITY``. Asked without a person (the "may this role do this at all" step of the staff
  pages and the REST API), they are refused: those pages are the office's own, the external pages ask with
  the person.
- ``visible_persons`` narrows to the persons with a valid consent for the user (an ``Exists`` subquery).

Validity is computed on every call, so a revocation or an expiry takes effect with the next request.
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
    # Counselling, consent and the network (issue 5)
    NETWORK_VIEW = "network.view"  # the directory of partners, counselling services, volunteers
    NETWORK_CHANGE = "network.change"
    REFERRAL_CREATE = "referral.create"  # refer a person to a partner
    COUNSELLING_VIEW = "counselling.view"  # counselling protocols of a person
    COUNSELLING_CHANGE = "counselling.change"  # write protocols and addenda
    CONCEPT_MANAGE = "concept.manage"  # edit the office's counselling concept (Beratungskonzept)
    CONSENT_VIEW = "consent.view"
    CONSENT_CHANGE = "consent.change"  # record and revoke releases from confidentiality
    EVIDENCE_SUBMIT = "evidence.submit"  # external partners submit evidence (only with consent)
    MESSAGE_SEND = "message.send"  # external partners write to the office about a person (only with consent)
    INBOX_VIEW = "inbox.view"  # the staff inbox of what partners submitted
    SUBMISSION_HANDLE = "submission.handle"  # verify or reject partner evidence, answer messages
    COMMISSION_VIEW = "commission.view"  # cases before the Ausländerrechtliche Beratungskommission (ABK)
    COMMISSION_CHANGE = "commission.change"  # prepare and submit a case, record the recommendation
    COMMISSION_DECIDE = "commission.decide"  # record the office's decision on the recommendation
    MEASURE_VIEW = "measure.view"  # plans of measures ending a stay (removal) and their safeguards
    MEASURE_PLAN = "measure.plan"  # draft and change such a plan, document assessments
    MEASURE_APPROVE = "measure.approve"  # the second pair of eyes (never the planner, checked in the service)
    MEASURE_EXECUTE = "measure.execute"  # record the events of the day in the execution log
    # Service orientation (issue 7): appointments, the service catalogue, invitations before a permit expires
    APPOINTMENT_VIEW = "appointment.view"  # day plan and appointment lists (names of the people booked)
    APPOINTMENT_HANDLE = "appointment.handle"  # check-in, call-up, done, no-show; book for a person
    BOOKING_MANAGE = "booking.manage"  # service catalogue, counters, hours, absences, booking settings, lotteries
    INVITATION_SEND = "invitation.send"  # invite before a permit expires; applications, Fiktionsbescheinigung


class DataCategory(StrEnum):
    """Categories of personal data; consents (``wegweiser.consent``) are scoped to these."""

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
            Action.WORKLIST_VIEW, Action.GOAL_VIEW, Action.GOAL_CHANGE, Action.NETWORK_VIEW,
            Action.REFERRAL_CREATE, Action.COUNSELLING_VIEW, Action.COUNSELLING_CHANGE, Action.CONSENT_VIEW,
            Action.CONSENT_CHANGE, Action.INBOX_VIEW, Action.SUBMISSION_HANDLE, Action.COMMISSION_VIEW,
            Action.COMMISSION_CHANGE, Action.MEASURE_VIEW, Action.MEASURE_PLAN, Action.MEASURE_EXECUTE,
            Action.APPOINTMENT_VIEW, Action.APPOINTMENT_HANDLE, Action.INVITATION_SEND,
        }
    ),
    Role.INTEGRATIONSLOTSE: frozenset(
        {
            Action.PERSON_SEARCH, Action.PERSON_VIEW, Action.FACT_CHANGE, Action.DOCUMENT_VIEW,
            Action.DOCUMENT_UPLOAD, Action.NOTE_ADD, Action.EXPORT, Action.ASSESSMENT_VIEW,
            Action.ASSESSMENT_SNAPSHOT, Action.SCREENING_RUN, Action.WORKLIST_VIEW, Action.LOTSE_ASSIGN,
            Action.GOAL_VIEW, Action.GOAL_CHANGE, Action.DASHBOARD_VIEW, Action.NETWORK_VIEW,
            Action.NETWORK_CHANGE, Action.REFERRAL_CREATE, Action.COUNSELLING_VIEW, Action.COUNSELLING_CHANGE,
            Action.CONSENT_VIEW, Action.CONSENT_CHANGE, Action.INBOX_VIEW, Action.SUBMISSION_HANDLE,
            Action.COMMISSION_VIEW, Action.COMMISSION_CHANGE, Action.APPOINTMENT_VIEW, Action.APPOINTMENT_HANDLE,
        }
    ),
    Role.TEAMLEITUNG: frozenset(
        {
            Action.PERSON_SEARCH, Action.PERSON_VIEW, Action.PERSON_CREATE, Action.PERSON_CHANGE,
            Action.PERSON_DELETE, Action.RESIDENCE_CHANGE, Action.FACT_CHANGE, Action.DOCUMENT_VIEW,
            Action.DOCUMENT_UPLOAD, Action.DOCUMENT_DELETE, Action.NOTE_ADD, Action.EXPORT,
            Action.AUDIT_VIEW, Action.STATISTICS_VIEW, Action.ASSESSMENT_VIEW, Action.ASSESSMENT_SNAPSHOT,
            Action.SCREENING_RUN, Action.WORKLIST_VIEW, Action.LOTSE_ASSIGN, Action.GOAL_VIEW,
            Action.GOAL_CHANGE, Action.DASHBOARD_VIEW, Action.NETWORK_VIEW, Action.NETWORK_CHANGE,
            Action.REFERRAL_CREATE, Action.COUNSELLING_VIEW, Action.COUNSELLING_CHANGE, Action.CONCEPT_MANAGE,
            Action.CONSENT_VIEW, Action.CONSENT_CHANGE, Action.INBOX_VIEW, Action.SUBMISSION_HANDLE,
            Action.COMMISSION_VIEW, Action.COMMISSION_CHANGE, Action.COMMISSION_DECIDE, Action.MEASURE_VIEW,
            Action.MEASURE_PLAN, Action.MEASURE_APPROVE, Action.MEASURE_EXECUTE, Action.APPOINTMENT_VIEW,
            Action.APPOINTMENT_HANDLE, Action.BOOKING_MANAGE, Action.INVITATION_SEND,
        }
    ),
    Role.AUSWERTUNG: frozenset({Action.STATISTICS_VIEW}),
    Role.DATENSCHUTZ: frozenset({Action.AUDIT_VIEW}),
    Role.ADMINISTRATION: frozenset({Action.USERS_MANAGE, Action.BOOKING_MANAGE}),
    Role.KIM_FALLMANAGEMENT: frozenset(),
    Role.UNTERSTUETZENDE: frozenset(),
    Role.BERATUNGSDIENST: frozenset(),
}

#: What an external role may do on one person, each only for a category a valid consent grants.
_EXTERNAL_ACTIONS = frozenset({Action.PERSON_VIEW, Action.EVIDENCE_SUBMIT, Action.MESSAGE_SEND})

# Changing a file is limited to the own team for these roles; Teamleitung may change any file. Every
# writing action is listed (also those the team-bound roles lack today), so that granting one of them to
# such a role later cannot silently lift the team limit. A file without a team is nobody's "other" team.
# The Integrationslotse/-lotsin assigned to a person (``person.lotse``) works on that file whatever its
# team: accompanying people across the teams is the job. Zielvereinbarungen are not team-bound.
_TEAM_BOUND_CHANGES = frozenset(
    {
        Action.PERSON_CHANGE, Action.PERSON_DELETE, Action.RESIDENCE_CHANGE, Action.FACT_CHANGE,
        Action.DOCUMENT_UPLOAD, Action.DOCUMENT_DELETE, Action.NOTE_ADD, Action.SUBMISSION_HANDLE,
        Action.MEASURE_PLAN, Action.MEASURE_EXECUTE, Action.INVITATION_SEND,
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
        return _decide_external(user, action, person, category)
    if action not in _ROLE_ACTIONS.get(role, frozenset()):
        return Decision(False, str(_("Ihre Rolle erlaubt diese Aktion nicht.")))
    if person is not None and role in _TEAM_BOUND_ROLES and action in _TEAM_BOUND_CHANGES:
        assigned = role == Role.INTEGRATIONSLOTSE and getattr(person, "lotse_id", None) == user.pk
        if person.team_id is not None and person.team_id != user.team_id and not assigned:
            return Decision(False, str(_("Diese Akte gehört zu einem anderen Team.")))
    return Decision(True, "")


def _decide_external(user: Any, action: Action, person: Any, category: DataCategory | None) -> Decision:
    """Only reading and evidence, only on a person, only for a category a valid consent grants."""
    if action not in _EXTERNAL_ACTIONS or person is None:
        return Decision(False, str(_("Externe Konten sehen personenbezogene Daten nur mit gültiger Einwilligung.")))
    from wegweiser.consent.services import grants  # late: the consent app imports this module

    if not grants(user, person, category or DataCategory.IDENTITY):
        return Decision(False, str(_("Für diese Angaben liegt keine gültige Einwilligung der Person vor.")))
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
    if role in EXTERNAL_ROLES:
        from django.db.models import Exists, OuterRef

        from wegweiser.consent.services import valid_consents  # late: the consent app imports this module

        return queryset.filter(Exists(valid_consents(user).filter(person=OuterRef("pk"))))
    return queryset.none()
