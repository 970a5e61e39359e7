"""Residence periods of a person; every change goes through ``persons.services.residence`` (overlap rules)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from wegweiser.accounts.policy import Action, DataCategory
from wegweiser.audit.models import AuditAction
from wegweiser.persons.models import ResidencePeriod
from wegweiser.persons.services import residence as residence_services

from ..schema import PERSON_ID, errors, id_parameter
from ..serializers.persons import ResidencePeriodSerializer
from .base import ApiViewSet, call_service, raise_if_gone

PERIOD_ID = id_parameter("id", "ID of the residence period.")
TAGS = ["residence periods"]
RESIDENCE = DataCategory.RESIDENCE


@extend_schema_view(
    list=extend_schema(
        operation_id="residence_periods_list",
        tags=TAGS,
        summary="List the residence periods of a person",
        description="All periods, oldest first. Audited as a view of the case file.",
        parameters=[PERSON_ID],
        responses={200: ResidencePeriodSerializer(many=True), **errors(404)},
    ),
    create=extend_schema(
        operation_id="residence_periods_create",
        tags=TAGS,
        summary="Record a residence period",
        description=(
            "Adds a period. Refused with 400 (`non_field_errors`) when it overlaps another period of the "
            "person; a Fiktionsbescheinigung may start on the last day of the title it continues. "
            "`duldung_kind` is required for status `duldung` and not allowed otherwise."
        ),
        parameters=[PERSON_ID],
        request=ResidencePeriodSerializer,
        responses={201: ResidencePeriodSerializer, **errors(400, 404)},
    ),
    retrieve=extend_schema(
        operation_id="residence_periods_retrieve",
        tags=TAGS,
        summary="Get one residence period",
        description="Audited as a view of the case file.",
        parameters=[PERIOD_ID],
        responses={200: ResidencePeriodSerializer, **errors(404)},
    ),
    partial_update=extend_schema(
        operation_id="residence_periods_partial_update",
        tags=TAGS,
        summary="Change a residence period",
        description=(
            "Changes the given fields under the same rules as on creation. Periods carry no `version`; the "
            "overlap check runs under a lock on the person, so concurrent changes cannot both break the rule."
        ),
        parameters=[PERIOD_ID],
        request=ResidencePeriodSerializer,
        responses={200: ResidencePeriodSerializer, **errors(400, 404)},
    ),
    destroy=extend_schema(
        operation_id="residence_periods_destroy",
        tags=TAGS,
        summary="Delete a residence period",
        parameters=[PERIOD_ID],
        description="Deletes the period.",
        responses={204: None, **errors(404)},
    ),
)
class ResidencePeriodViewSet(ApiViewSet):
    serializer_class = ResidencePeriodSerializer

    def _period(self, pk: int, action: Action) -> ResidencePeriod:
        """Same check order as for persons: role (403), visibility (404), this person and category (403)."""
        self.require(action)
        queryset = ResidencePeriod.objects.filter(person__in=self.visible_persons()).select_related("person")
        period = get_object_or_404(queryset, pk=pk)
        self.require(action, period.person, RESIDENCE)
        return period

    def list(self, request: Request, person_id: int) -> Response:
        person = self.person_for(person_id, Action.PERSON_VIEW, RESIDENCE)
        periods = list(person.residence_periods.order_by("valid_from", "pk"))
        self.audit(
            AuditAction.VIEW, person=person, object_type="persons.residenceperiod",
            details={"ids": [p.pk for p in periods]},
        )
        return Response(self.get_serializer(periods, many=True).data)

    def create(self, request: Request, person_id: int) -> Response:
        person = self.person_for(person_id, Action.RESIDENCE_CHANGE, RESIDENCE)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            period = call_service(residence_services.add_period, request.user, person, dict(serializer.validated_data))
        except ValidationError as exc:
            raise_if_gone(exc)
            raise
        return Response(self.get_serializer(period).data, status=status.HTTP_201_CREATED)

    def retrieve(self, request: Request, pk: int) -> Response:
        period = self._period(pk, Action.PERSON_VIEW)
        self.audit(AuditAction.VIEW, person=period.person, obj=period)
        return Response(self.get_serializer(period).data)

    def partial_update(self, request: Request, pk: int) -> Response:
        period = self._period(pk, Action.RESIDENCE_CHANGE)
        serializer = self.get_serializer(period, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        changes_anything = any(getattr(period, name) != value for name, value in changes.items())
        try:
            period = call_service(residence_services.update_period, request.user, period, changes)
        except ValidationError as exc:
            raise_if_gone(exc)
            raise
        if not changes_anything:
            # The service wrote no entry; the answer still shows the period: a read.
            self.audit(AuditAction.VIEW, person=period.person, obj=period)
        return Response(self.get_serializer(period).data)

    def destroy(self, request: Request, pk: int) -> Response:
        period = self._period(pk, Action.RESIDENCE_CHANGE)
        try:
            call_service(residence_services.delete_period, request.user, period)
        except ValidationError as exc:
            raise_if_gone(exc)
            raise
        return Response(status=status.HTTP_204_NO_CONTENT)
