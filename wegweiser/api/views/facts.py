"""Facts: one viewset per fact kind, generated from the registry (precise schema per kind).

Writes go through ``wegweiser.facts.services`` (policy, provenance, optimistic locking, audit), so the API
and the UI enforce the same rules. Model validation (``full_clean``) runs here as the UI's ModelForm does.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response

from wegweiser.accounts.policy import Action
from wegweiser.audit.models import AuditAction
from wegweiser.facts import access, services
from wegweiser.facts.registry import FACT_KINDS, FactKind

from ..exceptions import Conflict
from ..schema import PERSON_ID, errors, id_parameter
from ..serializers.facts import FACT_SERIALIZERS, FACT_UPDATE_SERIALIZERS, json_key
from .base import ApiViewSet, call_service

#: Set by the services, never by the client; excluded from model validation here.
_SERVICE_FIELDS = ["recorded_by"]


class FactViewSet(ApiViewSet):
    """Base; ``kind`` and the serializers are set per generated subclass."""

    kind: FactKind
    update_serializer_class: type

    def _details(self, **extra: Any) -> dict[str, Any]:
        return {"kind": self.kind.slug, "category": self.kind.category, **extra}

    def _fact(self, pk: int, action: Action) -> Model:
        """The fact, with the same check order as for persons (role 403, visibility 404, object 403)."""
        self.require(action)
        queryset = self.kind.model.objects.filter(person__in=self.visible_persons()).select_related(
            "person", "recorded_by"
        )
        fact = get_object_or_404(queryset, pk=pk)
        if action == Action.FACT_CHANGE:
            access.require_change(self.request.user, fact.person, self.kind)
        else:
            access.require_view(self.request.user, fact.person, self.kind)
        return fact

    def list(self, request: Request, person_id: int) -> Response:
        person = self.person_for(person_id, Action.PERSON_VIEW, access.category_of(self.kind))
        facts = list(self.kind.model.objects.filter(person=person).select_related("recorded_by"))
        self.audit(
            AuditAction.VIEW, person=person, object_type=self.kind.model._meta.label_lower,
            details=self._details(ids=[f.pk for f in facts]),
        )
        return Response(self.get_serializer(facts, many=True).data)

    def create(self, request: Request, person_id: int) -> Response:
        person = self.person_for(person_id, Action.FACT_CHANGE, access.category_of(self.kind))
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fact = self.kind.model(person=person, **serializer.validated_data)
        fact.full_clean(exclude=_SERVICE_FIELDS)
        fact = call_service(services.create_fact, user=request.user, person=person, fact=fact)
        return Response(self.get_serializer(fact).data, status=status.HTTP_201_CREATED)

    def retrieve(self, request: Request, pk: int) -> Response:
        fact = self._fact(pk, Action.PERSON_VIEW)
        self.audit(AuditAction.VIEW, person=fact.person, obj=fact, details=self._details())
        return Response(self.get_serializer(fact).data)

    def partial_update(self, request: Request, pk: int) -> Response:
        fact = self._fact(pk, Action.FACT_CHANGE)
        serializer = self.update_serializer_class(fact, data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        expected_version = changes.pop("version")
        changed = [name for name, value in changes.items() if getattr(fact, name) != value]
        if not changed:
            # Nothing to save; still tell a client with an outdated copy that it is outdated.
            if expected_version != fact.version:
                raise Conflict(current_version=fact.version)
            self.audit(AuditAction.VIEW, person=fact.person, obj=fact, details=self._details())
            return Response(self.get_serializer(fact).data)
        for name in changed:
            setattr(fact, name, changes[name])
        fact.full_clean(exclude=_SERVICE_FIELDS)
        try:
            fact = call_service(
                services.update_fact, user=request.user, fact=fact, expected_version=expected_version,
                changed_fields=changed,
            )
        except services.StaleFact as stale:
            if stale.current is None:
                raise exceptions.NotFound(_("Dieser Eintrag wurde inzwischen gelöscht.")) from stale
            raise Conflict(current_version=stale.current.version) from stale
        return Response(self.get_serializer(fact).data)

    def destroy(self, request: Request, pk: int) -> Response:
        fact = self._fact(pk, Action.FACT_CHANGE)
        call_service(services.delete_fact, user=request.user, fact=fact)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _viewset_for(kind: FactKind) -> type[FactViewSet]:
    name = kind.model.__name__
    key = json_key(kind)
    fact_id = id_parameter("id", f"ID of the {name} fact.")
    tags = ["facts"]
    cls = type(
        f"{name}FactViewSet",
        (FactViewSet,),
        {
            "kind": kind,
            "serializer_class": FACT_SERIALIZERS[kind.slug],
            "update_serializer_class": FACT_UPDATE_SERIALIZERS[kind.slug],
            "__doc__": f"Facts of kind `{kind.slug}` ({name}).",
        },
    )
    return extend_schema_view(
        list=extend_schema(
            operation_id=f"facts_{key}_list",
            tags=tags,
            summary=f"List {name} facts of a person",
            description=(
                f"All facts of kind `{kind.slug}` recorded for the person, newest `source_date` first. "
                "Audited as a view of the case file."
            ),
            parameters=[PERSON_ID],
            responses={200: FACT_SERIALIZERS[kind.slug](many=True), **errors(404)},
        ),
        create=extend_schema(
            operation_id=f"facts_{key}_create",
            tags=tags,
            summary=f"Record a {name} fact",
            description=(
                f"Records a new fact of kind `{kind.slug}`. `recorded_by` is the caller; `version` starts at 1. "
                "Needs the right to change facts of this person (own team for case workers)."
            ),
            parameters=[PERSON_ID],
            request=FACT_SERIALIZERS[kind.slug],
            responses={201: FACT_SERIALIZERS[kind.slug], **errors(400, 404)},
        ),
        retrieve=extend_schema(
            operation_id=f"facts_{key}_retrieve",
            tags=tags,
            summary=f"Get one {name} fact",
            description="One fact with its provenance. Audited as a view of the case file.",
            parameters=[fact_id],
            responses={200: FACT_SERIALIZERS[kind.slug], **errors(404)},
        ),
        partial_update=extend_schema(
            operation_id=f"facts_{key}_partial_update",
            tags=tags,
            summary=f"Change a {name} fact",
            description=(
                "Changes the given fields. `version` is required: the change is refused with 409 if the fact "
                "changed since the client read it. `recorded_by` becomes the caller."
            ),
            parameters=[fact_id],
            request=FACT_UPDATE_SERIALIZERS[kind.slug],
            responses={200: FACT_SERIALIZERS[kind.slug], **errors(400, 404, 409)},
        ),
        destroy=extend_schema(
            operation_id=f"facts_{key}_destroy",
            tags=tags,
            summary=f"Delete a {name} fact",
            description="Deletes the fact; documents that proved it stay in the file, unlinked.",
            parameters=[fact_id],
            responses={204: None, **errors(404)},
        ),
    )(cls)


#: slug → generated viewset, in registry order.
FACT_VIEWSETS: dict[str, type[FactViewSet]] = {kind.slug: _viewset_for(kind) for kind in FACT_KINDS}
