"""Template context shared by every page."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from wegweiser.accounts.policy import Action, may
from wegweiser.accounts.roles import EXTERNAL_ROLES
from wegweiser.notifications.access import may_use
from wegweiser.notifications.services import unread_count


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        candidates = [
            (Action.PERSON_SEARCH, "persons:search", _("Personensuche")),
            (Action.PERSON_CREATE, "persons:create", _("Person anlegen")),
            (Action.WORKLIST_VIEW, "screening:worklists", _("Arbeitslisten")),
            (Action.AUDIT_VIEW, "audit:search", _("Protokoll")),
            (Action.USERS_MANAGE, "accounts:user_list", _("Benutzerverwaltung")),
            (Action.DASHBOARD_VIEW, "caseload:dashboard", _("Fallbegleitung")),
            (Action.NETWORK_VIEW, "network:directory", _("Netzwerk")),
            (Action.COMMISSION_VIEW, "commission:list", _("Beratungskommission")),
            (Action.MEASURE_VIEW, "measures:plan_list", _("Maßnahmen")),
            (Action.STATISTICS_VIEW, "measures:report", _("Bericht Maßnahmen")),
            (Action.APPOINTMENT_VIEW, "appointments:day_plan", _("Termine")),
            (Action.INVITATION_SEND, "appointments:invitations", _("Einladungen")),
            (Action.BOOKING_MANAGE, "appointments:service_list", _("Terminvergabe")),
            (Action.STATISTICS_VIEW, "appointments:statistics", _("Bericht Termine")),
            (Action.CONCEPT_MANAGE, "counselling:concept_list", _("Beratungskonzept")),
        ]
        for action, name, label in candidates:
            if may(user, action):
                url = reverse(name)
                items.append({"url": url, "label": label, "active": request.path.startswith(url)})
        if may(user, Action.INBOX_VIEW):  # staff: what partners submitted, with the open count in the text
            from wegweiser.inbox.services import open_count

            url = reverse("inbox:list")
            count = open_count(user)
            label = _("Eingang (%(count)d offen)") % {"count": count} if count else _("Eingang")
            items.append({"url": url, "label": label, "active": request.path.startswith(url)})
        if getattr(user, "role", "") in EXTERNAL_ROLES:  # partners: the persons who released them (consent)
            url = reverse("consent:my_persons")
            items.append({"url": url, "label": _("Meine Personen"), "active": request.path.startswith(url)})
            url = reverse("inbox:my_submissions")
            items.append({"url": url, "label": _("Meine Einsendungen"), "active": request.path.startswith(url)})
    return {"nav_items": items, "office_name": settings.OFFICE_NAME, "notifications_link": _notifications_link(request)}


def _notifications_link(request) -> dict | None:
    """The header link to the user's own notifications, with the unread count in its text (not only a badge)."""
    user = getattr(request, "user", None)
    if user is None or not may_use(user):
        return None
    unread = unread_count(user)
    url = reverse("notifications:list")
    label = _("Benachrichtigungen (%(count)d ungelesen)") % {"count": unread} if unread else _("Benachrichtigungen")
    return {"url": url, "label": label, "unread": unread, "active": request.path.startswith(url)}
