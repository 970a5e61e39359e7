"""Persons: list and search, the full case file, create, change (optimistic locking), delete."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response

from wegweiser.accounts.policy import Action
from wegweiser.audit.models import AuditAction
from wegweiser.documents.models import Document
from wegweiser.facts.registry import FACT_KINDS
from wegweiser.persons.models import FamilyRelation, Person
from wegweiser.persons.search import MAX_QUERY_LENGTH, search_persons
from wegweiser.persons.services import person as person_services

from ..exceptions import Conflict
from ..pagination import PersonPagination
from ..schema import errors, id_parameter
from ..serializers.persons import (
    CaseFileSerializer,
    PersonCreateSerializer,
    PersonSummarySerializer,
    PersonUpdateSerializer,
)
from .base import ApiViewSet, call_service, raise_if_gone

PERSON_PK = id_parameter("id", "ID of the person (case file).")
TAGS = ["persons"]


def case_file_queryset(queryset: QuerySet[Person]) -> QuerySet[Person]:
    """Everything the case file shows, in a fixed number of queries."""
    fact_prefetches = [
        Prefetch(
            f"{kind.model._meta.model_name}_facts",
            queryset=kind.model.objects.select_related("recorded_by"),
        )
        for kind in FACT_KINDS
    ]
    return queryset.select_related("team", "created_by").prefetch_related(
        "nationalities",
        "languages",
        "residence_periods",
        "entries",
        "stays_abroad",
        Prefetch("relations_out", queryset=FamilyRelation.objects.select_related("relative")),
        Prefetch("relations_in", queryset=FamilyRelation.objects.select_related("person")),
        Prefetch("documents", queryset=Document.objects.select_related("uploaded_by")),
        *fact_prefetches,
    )


@extend_schema_view(
    list=extend_schema(
        operation_id="persons_list",
        tags=TAGS,
        summary="List or search persons",
        description=(
            "Without `q`: the case files visible to the user, ordered by name, paginated with `limit` and "
            "`offset`. With `q`: a tolerant name / file-number search (transliteration, typos, partial "
            "birth dates), best matches first, at most `limit` results and no further pages. "
            "Audited as a search."
        ),
        parameters=[
            OpenApiParameter(
                "q", OpenApiTypes.STR, OpenApiParameter.QUERY, required=False,
                description="Search text: name(s), file number and/or birth date.",
            ),
        ],
        responses={200: PersonSummarySerializer(many=True), **errors()},
    ),
    create=extend_schema(
        operation_id="persons_create",
        tags=TAGS,
        summary="Create a case file",
        description=(
            "Creates a person. Without `team` the file goes to the caller's team. The same rules as in the UI "
            "apply (unique file number, known country/language codes, birth date not in the future). "
            "Returns the new case file with `version` 1."
        ),
        request=PersonCreateSerializer,
        responses={201: CaseFileSerializer, **errors(400)},
    ),
    partial_update=extend_schema(
        operation_id="persons_partial_update",
        tags=TAGS,
        summary="Change a case file",
        description=(
            "Changes the given fields; `nationalities` / `languages`, when sent, replace the whole list. "
            "`version` is required and must be the version the client last read; otherwise 409 Conflict "
            "(someone else changed the file) and nothing is saved. A change that changes nothing keeps the "
            "version. Case workers may change files of their own team only."
        ),
        parameters=[PERSON_PK],
        request=PersonUpdateSerializer,
        responses={200: CaseFileSerializer, **errors(400, 404, 409)},
    ),
    destroy=extend_schema(
        operation_id="persons_destroy",
        tags=TAGS,
        summary="Delete a case file",
        description=(
            "Deletes the person with everything in the file (Teamleitung only). The audit trail keeps the "
            "deletion and the person's ID."
        ),
        parameters=[PERSON_PK],
        responses={204: None, **errors(404)},
    ),
    retrieve=extend_schema(
        operation_id="persons_retrieve",
        tags=TAGS,
        summary="Get the full case file of a person",
        description=(
            "Identity, contact, residence history, family, facts grouped by kind, document metadata (never file "
            "contents). Sections the user may not see are omitted. Audited as a view of the case file."
        ),
        parameters=[PERSON_PK],
        responses={200: CaseFileSerializer, **errors(404)},
    ),
)
class PersonViewSet(ApiViewSet):
    serializer_class = PersonSummarySerializer
    pagination_class = PersonPagination

    def list(self, request: Request) -> Response:
        self.require(Action.PERSON_SEARCH)
        queryset = self.visible_persons().select_related("team").prefetch_related("nationalities")
        query = request.query_params.get("q", "").strip()
        if query:
            return self._search(queryset, query)
        page = self.paginate_queryset(queryset)
        self.audit(
            AuditAction.SEARCH, object_type="persons.person",
            details={"query": "", "offset": self.paginator.offset, "ids": [p.pk for p in page]},
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def _search(self, queryset: QuerySet[Person], query: str) -> Response:
        if len(query) > MAX_QUERY_LENGTH:
            raise exceptions.ValidationError(
                {"q": [_("Der Suchtext ist zu lang (höchstens %(max)d Zeichen).") % {"max": MAX_QUERY_LENGTH}]}
            )
        limit = self.paginator.get_limit(self.request) or self.paginator.default_limit
        hits = search_persons(queryset, query, limit)
        self.audit(
            AuditAction.SEARCH, object_type="persons.person",
            details={"query": query, "ids": [hit.person.pk for hit in hits]},
        )
        context = {**self.get_serializer_context(), "search_hits": {hit.person.pk: hit for hit in hits}}
        data = PersonSummarySerializer([hit.person for hit in hits], many=True, context=context).data
        return Response({"count": len(data), "next": None, "previous": None, "results": data})

    def retrieve(self, request: Request, pk: int) -> Response:
        person = self.person_for(pk, Action.PERSON_VIEW)
        self.audit(AuditAction.VIEW, person=person, obj=person)
        return Response(self._case_file(person))

    def _case_file(self, person: Person) -> dict:
        """The case file as sent after reads and writes (reloaded with everything prefetched)."""
        person = case_file_queryset(Person.objects.filter(pk=person.pk)).get()
        return CaseFileSerializer(person, context=self.get_serializer_context()).data

    def create(self, request: Request) -> Response:
        self.require(Action.PERSON_CREATE)
        serializer = PersonCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        nationalities = data.pop("nationalities", [])
        languages = data.pop("languages", [])
        person = call_service(person_services.create_person, request.user, data, nationalities, languages)
        return Response(self._case_file(person), status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: int) -> Response:
        person = self.person_for(pk, Action.PERSON_CHANGE)
        serializer = PersonUpdateSerializer(person, data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        expected_version = data.pop("version")
        nationalities = data.pop("nationalities", None)
        languages = data.pop("languages", None)
        try:
            person = call_service(
                person_services.update_person, request.user, person, data, nationalities, languages,
                expected_version,
            )
        except person_services.StaleEdit as stale:
            raise Conflict(current_version=stale.current_version) from stale
        except ValidationError as exc:
            raise_if_gone(exc)
            raise
        if person.version == expected_version:
            # Nothing changed, so the service wrote no entry; the answer still shows the file: a read.
            self.audit(AuditAction.VIEW, person=person, obj=person)
        return Response(self._case_file(person))

    def destroy(self, request: Request, pk: int) -> Response:
        person = self.person_for(pk, Action.PERSON_DELETE)
        try:
            call_service(person_services.delete_person, request.user, person)
        except ValidationError as exc:
            raise_if_gone(exc)
            raise
        return Response(status=status.HTTP_204_NO_CONTENT)
