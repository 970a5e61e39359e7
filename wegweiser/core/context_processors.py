"""Template context shared by every page."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from wegweiser.accounts.policy import Action, may


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        candidates = [
            (Action.PERSON_SEARCH, "persons:search", _("Personensuche")),
            (Action.PERSON_CREATE, "persons:create", _("Person anlegen")),
            (Action.AUDIT_VIEW, "audit:search", _("Protokoll")),
            (Action.USERS_MANAGE, "accounts:user_list", _("Benutzerverwaltung")),
        ]
        for action, name, label in candidates:
            if may(user, action):
                url = reverse(name)
                items.append({"url": url, "label": label, "active": request.path.startswith(url)})
    return {"nav_items": items, "office_name": settings.OFFICE_NAME}
