"""API access: only logged-in users who passed the second factor; object rules come from the policy module."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission


class VerifiedStaff(BasePermission):
    """Session plus second factor. Anything less gets 403 (the API never redirects to the log-in page)."""

    message = _("Anmeldung mit zweitem Faktor erforderlich.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and getattr(user, "is_verified", lambda: False)())
