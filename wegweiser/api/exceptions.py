"""One error format for the whole API, and no tracebacks.

- 400: ``{"field": ["message", ...], "non_field_errors": [...]}`` (DRF's format; also for Django
  ``ValidationError`` raised by the services, so UI and API report the same rule in the same words);
- 403, 404, 409, 500: ``{"detail": "message"}``; 409 adds ``current_version``.
Messages are German source strings translated to the user's language by the locale middleware.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

logger = logging.getLogger("wegweiser.api")


class Conflict(exceptions.APIException):
    """409: the client edited an outdated version (optimistic locking)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = _(
        "Der Datensatz wurde inzwischen von jemand anderem geändert. Bitte neu laden und die Änderung "
        "erneut vornehmen."
    )
    default_code = "conflict"

    def __init__(self, detail: Any = None, current_version: int | None = None) -> None:
        super().__init__(detail)
        self.current_version = current_version


def validation_detail(exc: DjangoValidationError) -> dict[str, list[str]]:
    """Turn a Django ValidationError into DRF's field-error format (``__all__`` → non_field_errors)."""
    if hasattr(exc, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): [str(m) for m in msgs]
            for field, msgs in exc.message_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: [str(m) for m in exc.messages]}


def exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(validation_detail(exc))
    elif isinstance(exc, Http404):
        # Django's message names the model in English ("No Person matches ..."); say it neutrally.
        exc = exceptions.NotFound()

    response = drf_exception_handler(exc, context)
    if response is not None:
        if isinstance(exc, Conflict) and exc.current_version is not None:
            response.data["current_version"] = exc.current_version
        return response
    if settings.DEBUG:
        return None  # the developer's debug page
    logger.exception("Unhandled error in API view %s", context.get("view").__class__.__name__)
    set_rollback()
    return Response(
        {"detail": _("Interner Fehler. Der Fehler wurde protokolliert; bitte später erneut versuchen.")},
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )
