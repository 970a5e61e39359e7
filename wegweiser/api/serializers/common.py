"""Small read-only building blocks shared by the resource serializers."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wegweiser.accounts.models import Team, User


class UserRefSerializer(serializers.ModelSerializer):
    """Who recorded or uploaded something (no contact data, no role)."""

    display_name = serializers.CharField(read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "display_name"]
        read_only_fields = fields


class TeamRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Team
        fields = ["id", "name"]
        read_only_fields = fields


class VersionedPatchMixin:
    """For PATCH bodies: every field optional except ``version``, validated as a whole, never "partial".

    DRF's ``partial=True`` would skip *all* required checks, including the one on ``version`` that prevents
    lost updates; the bodies therefore make every other field optional instead and pin ``partial`` to False.
    That also keeps ``version`` listed as required in the OpenAPI schema (drf-spectacular would otherwise
    mark every PATCH body partial).
    """

    @property
    def partial(self) -> bool:
        return False

    @partial.setter
    def partial(self, value: bool) -> None:
        """Ignored on purpose (see the class docstring)."""


class RejectUnknownFieldsMixin:
    """Refuse bodies with fields the resource does not have (a typo must not be dropped silently).

    Known read-only fields (``id``, ``recorded_by`` …) are accepted and ignored, so a client may send back
    what it read.
    """

    def to_internal_value(self, data: Any) -> Any:
        if hasattr(data, "keys"):
            unknown = sorted(set(data.keys()) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({name: [_("Unbekanntes Feld.")] for name in unknown})
        return super().to_internal_value(data)
