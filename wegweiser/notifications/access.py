"""Who may use the notification pages.

Notifications are not a policy action: every internal staff user reads their own, and nobody reads anyone
else's. External accounts (KIM case management, supporters) get none for now: a notification may name a
person, and those roles see personal data only under a consent the consent module will record.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from wegweiser.accounts.roles import EXTERNAL_ROLES, Role


def may_use(user: Any) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    if getattr(user, "role", "") not in Role.values or user.role in EXTERNAL_ROLES:
        return False
    is_verified = getattr(user, "is_verified", None)
    return not (callable(is_verified) and not is_verified())


def require_use(user: Any) -> None:
    if not may_use(user):
        raise PermissionDenied(_("Benachrichtigungen stehen nur Mitarbeitenden der Behörde zur Verfügung."))
