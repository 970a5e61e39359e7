"""What every API view shares: the error handler, the policy steps and the audit call.

Order of checks on every object endpoint, so that the answers leak as little as possible:
1. logged in with second factor (``VerifiedStaff``), else 403;
2. the role may do this kind of action at all (``policy.require`` without a person), else 403;
3. the person is visible to the user (``policy.visible_persons``), else 404;
4. the action on this person (team, data category), else 403.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404
from rest_framework import exceptions, viewsets
from rest_framework.renderers import JSONRenderer

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action, DataCategory
from wegweiser.audit.services import record
from wegweiser.persons.models import Person

from ..exceptions import exception_handler
from ..openapi import WegweiserAutoSchema

#: Purpose written to the audit trail for everything done through the API.
PURPOSE = "API"


def call_service(service: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call a domain service, passing ``purpose="API"`` when the service lets the caller name the purpose.

    The services write the audit entries for changes themselves (one entry per change, never two).
    """
    if "purpose" in inspect.signature(service).parameters:
        kwargs["purpose"] = PURPOSE
    return service(*args, **kwargs)


def raise_if_gone(exc: ValidationError) -> None:
    """The services say "gone" when the record was deleted concurrently; for the API that is a 404."""
    if getattr(exc, "code", None) == "gone":
        raise exceptions.NotFound(exc.messages[0]) from exc


class ApiViewSet(viewsets.GenericViewSet):
    """Base of all API viewsets: JSON responses only (no browsable API, whose pages would break the CSP),
    no OPTIONS/HEAD, our error format."""

    http_method_names = ["get", "post", "patch", "delete"]
    renderer_classes = [JSONRenderer]
    schema = WegweiserAutoSchema()

    def get_exception_handler(self):
        return exception_handler

    # --- policy -------------------------------------------------------------------------------------

    def require(self, action: Action, person: Person | None = None, category: DataCategory | None = None) -> None:
        policy.require(self.request.user, action, person, category)

    def visible_persons(self) -> QuerySet[Person]:
        return policy.visible_persons(self.request.user, Person.objects.all())

    def person_for(self, pk: int, action: Action, category: DataCategory | None = None) -> Person:
        """Steps 2–4 above for the person with ``pk``."""
        self.require(action)
        person = get_object_or_404(self.visible_persons(), pk=pk)
        self.require(action, person, category)
        return person

    # --- audit --------------------------------------------------------------------------------------

    def audit(
        self,
        action: str,
        *,
        person: Person | None = None,
        obj: Model | None = None,
        object_type: str = "",
        details: dict[str, Any] | None = None,
    ) -> None:
        record(
            actor=self.request.user, action=action, purpose=PURPOSE, person=person, obj=obj,
            object_type=object_type, details=details,
        )
