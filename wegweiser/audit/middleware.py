"""Record refused requests in the audit trail (``AuditAction.DENIED``): who, which URL, which person.

The entry is written here, after the view has returned, and not in ``policy.require``: with
``ATOMIC_REQUESTS`` a view that raises PermissionDenied has its transaction rolled back, and an entry
written inside it would vanish with it. Every 403 answer to a logged-in user is recorded (policy refusals,
the API's 403, CSRF failures); anonymous requests are not, so that nobody without an account can fill the
append-only trail. The query string is left out: it may hold search terms, i.e. personal data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from wegweiser.accounts.policy import PolicyDenied

from .models import AuditAction
from .services import record

PURPOSE = "Zugriffskontrolle"
#: The request attribute that carries the PermissionDenied raised by the view (set in ``process_exception``).
DENIED_ATTRIBUTE = "audit_denied"
_MAX_REASON = 300


class DeniedAccessAuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 403:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                record_denied(request, response)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, PermissionDenied):
            setattr(request, DENIED_ATTRIBUTE, exception)
        return None  # Django's 403 handling goes on as usual


def _reason(exception: Exception | None, response: HttpResponse) -> str:
    if exception is not None:
        return str(exception)
    data: Any = getattr(response, "data", None)  # the API's error body: {"detail": "..."}
    if isinstance(data, dict) and "detail" in data:
        return str(data["detail"])
    return ""


def record_denied(request: HttpRequest, response: HttpResponse) -> None:
    """Append one DENIED entry for this request."""
    exception = getattr(request, DENIED_ATTRIBUTE, None)
    match = getattr(request, "resolver_match", None)
    details: dict[str, Any] = {
        "method": request.method,
        "path": request.path,
        "reason": _reason(exception, response)[:_MAX_REASON],
    }
    person_id = None
    if isinstance(exception, PolicyDenied):
        details["policy_action"] = str(exception.action)
        person_id = exception.person_id
    record(
        actor=request.user,
        action=AuditAction.DENIED,
        purpose=PURPOSE,
        person=person_id,
        object_type="url",
        object_id=(match.view_name if match else "")[:64],
        details=details,
    )
