"""Fact serializers, generated from ``wegweiser.facts.registry`` so that a new fact kind needs no API code.

Every fact carries its provenance (``source``, ``source_date``, ``recorded_by``) and a ``version`` for
optimistic locking; the kind-specific fields come straight from the model. Unknown answers are ``null``.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from wegweiser.facts.registry import FACT_KINDS, FactKind

from .common import RejectUnknownFieldsMixin, UserRefSerializer, VersionedPatchMixin

#: Fields every fact has (``wegweiser.facts.models.base.Fact``), in the order the API shows them.
_HEAD = ["id", "version"]
_PROVENANCE = ["source", "source_date", "note", "recorded_by", "recorded_at"]
_HIDDEN = {"person"}


class FactSerializer(RejectUnknownFieldsMixin, serializers.ModelSerializer):
    """Base of every generated fact serializer."""

    recorded_by = UserRefSerializer(read_only=True, allow_null=True, help_text="Who recorded the fact.")
    version = serializers.IntegerField(
        read_only=True, help_text="Incremented on every change; send it back with PATCH (optimistic locking)."
    )


def _own_fields(kind: FactKind) -> list[str]:
    base = set(_HEAD) | set(_PROVENANCE) | _HIDDEN
    return [f.name for f in kind.model._meta.concrete_fields if f.name not in base]


def json_key(kind: FactKind) -> str:
    """The key of a fact kind in JSON bodies (snake_case; URLs use the kebab-case slug)."""
    return kind.slug.replace("-", "_")


def _build(kind: FactKind) -> type[FactSerializer]:
    model = kind.model
    meta = type(
        "Meta",
        (),
        {
            "model": model,
            "fields": [*_HEAD, *_own_fields(kind), *_PROVENANCE],
            "read_only_fields": ["id", "version", "recorded_by", "recorded_at"],
        },
    )
    doc = f"{model.__name__} fact (URL kind `{kind.slug}`, data category `{kind.category}`)."
    return type(f"{model.__name__}Serializer", (FactSerializer,), {"Meta": meta, "__doc__": doc})


VERSION_HELP = (
    "The `version` you last read. The change is refused with 409 Conflict when the record has been changed "
    "since (optimistic locking)."
)


def _build_update(kind: FactKind, base: type[FactSerializer]) -> type[FactSerializer]:
    """PATCH body: every field optional except ``version``, which makes lost updates impossible."""
    meta = type(
        "Meta",
        (base.Meta,),
        {"extra_kwargs": {name: {"required": False} for name in base.Meta.fields if name != "version"}},
    )
    doc = f"Changes to a {kind.model.__name__} fact; send only the fields to change, plus `version`."
    version = serializers.IntegerField(min_value=1, help_text=VERSION_HELP)
    cls = type(
        f"{kind.model.__name__}UpdateSerializer",
        (VersionedPatchMixin, base),
        {"Meta": meta, "version": version, "__doc__": doc},
    )
    # "Patched<Name>" is drf-spectacular's convention for PATCH bodies; it also lets the enum naming treat
    # body and resource as one component ("PassportKindEnum" instead of a hash-suffixed name).
    return extend_schema_serializer(component_name=f"Patched{kind.model.__name__}")(cls)


#: slug → serializer class, in registry order.
FACT_SERIALIZERS: dict[str, type[FactSerializer]] = {kind.slug: _build(kind) for kind in FACT_KINDS}
#: slug → PATCH body serializer.
FACT_UPDATE_SERIALIZERS: dict[str, type[FactSerializer]] = {
    kind.slug: _build_update(kind, FACT_SERIALIZERS[kind.slug]) for kind in FACT_KINDS
}


def _build_facts_by_kind() -> type[serializers.Serializer]:
    """One optional array per fact kind; a kind the user may not see is left out (not sent empty)."""
    fields = {
        json_key(kind): FACT_SERIALIZERS[kind.slug](
            many=True,
            required=False,
            source=f"{kind.model._meta.model_name}_facts",
            help_text=f"Facts of kind `{kind.slug}`. Omitted when the user may not see this data category.",
        )
        for kind in FACT_KINDS
    }
    doc = "The person's facts grouped by kind; keys are the kind slugs in snake_case."
    return type("FactsByKindSerializer", (serializers.Serializer,), {**fields, "__doc__": doc})


FactsByKindSerializer = _build_facts_by_kind()
