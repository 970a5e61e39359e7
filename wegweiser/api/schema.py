"""OpenAPI documentation pieces shared by all operations (error bodies, path parameters)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """Error body for 403, 404, 409 and 500."""

    detail = serializers.CharField(help_text="Human-readable message in the user's language.")


class ConflictSerializer(ErrorSerializer):
    """409 Conflict: the record changed since the client read it."""

    current_version = serializers.IntegerField(
        required=False, help_text="The record's current version; reload, re-apply the change, send again."
    )


VALIDATION_ERROR_DESCRIPTION = (
    "Invalid input. The body maps each field name to a list of messages in the user's language; "
    "errors concerning several fields are listed under `non_field_errors`."
)


BAD_REQUEST = OpenApiResponse(
    response={
        "type": "object",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
        "example": {"birth_date": ["Dieses Datum ist nicht möglich."], "non_field_errors": ["..."]},
    },
    description=VALIDATION_ERROR_DESCRIPTION,
)
FORBIDDEN = OpenApiResponse(
    ErrorSerializer,
    description="Not logged in with second factor, or the role / team may not do this (message says why).",
)
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such record, or not visible to the user.")
CONFLICT = OpenApiResponse(
    ConflictSerializer, description="`version` is outdated: someone else changed the record in the meantime."
)


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    """The documented error responses of an operation (403 is always possible)."""
    table = {400: BAD_REQUEST, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT}
    return {code: table[code] for code in (403, *codes)}


def id_parameter(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.INT, OpenApiParameter.PATH, description=description)


PERSON_ID = id_parameter("person_id", "ID of the person (case file).")
