"""API access: only logged-in users who passed the second factor; object rules come from the policy module."""

from rest_framework.permissions import BasePermission


class VerifiedStaff(BasePermission):
    message = "Anmeldung mit zweitem Faktor erforderlich."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and getattr(user, "is_verified", lambda: False)())
