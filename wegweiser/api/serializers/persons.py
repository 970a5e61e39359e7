"""Person serializers: the list item, the full case file (read) and the person write body."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from wegweiser.accounts import policy
from wegweiser.accounts.models import Team
from wegweiser.accounts.policy import Action, DataCategory
from wegweiser.documents.models import Document
from wegweiser.facts import access
from wegweiser.facts.registry import FACT_KINDS
from wegweiser.persons.models import (
    Entry,
    FamilyRelation,
    Person,
    RelationKind,
    ResidencePeriod,
    StayAbroad,
)
from wegweiser.persons.services.residence import period_state

from ..fields import PARTIAL_DATE_DESCRIPTION, PartialDateField
from .common import RejectUnknownFieldsMixin, TeamRefSerializer, UserRefSerializer, VersionedPatchMixin
from .facts import FactsByKindSerializer, json_key

# --- parts of a person ---------------------------------------------------------------------------------


class ResidencePeriodSerializer(RejectUnknownFieldsMixin, serializers.ModelSerializer):
    """A period with one residence status (Aufenthaltstitel, Duldung, Gestattung …).

    Periods of a person must not overlap (exception: a Fiktionsbescheinigung may start on the last day of
    the title it continues); `duldung_kind` is required for, and only allowed with, status `duldung`.
    """

    person = serializers.PrimaryKeyRelatedField(read_only=True, help_text="ID of the person.")
    state = serializers.SerializerMethodField()

    class Meta:
        model = ResidencePeriod
        fields = [
            "id", "person", "status", "legal_basis", "duldung_kind", "valid_from", "valid_until",
            "document_number", "note", "state", "recorded_at",
        ]
        read_only_fields = ["id", "person", "state", "recorded_at"]

    @extend_schema_field(
        serializers.ChoiceField(
            choices=["current", "expired", "future"],
            help_text="Relative to today: `current`, `expired` or `future`.",
        )
    )
    def get_state(self, period: ResidencePeriod) -> str:
        return period_state(period, timezone.localdate())


class EntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = Entry
        fields = ["id", "date", "is_first_entry", "note"]
        read_only_fields = fields


class StayAbroadSerializer(serializers.ModelSerializer):
    class Meta:
        model = StayAbroad
        fields = ["id", "left_on", "returned_on", "destination", "reason"]
        read_only_fields = fields


class PersonRefSerializer(serializers.ModelSerializer):
    """Enough to identify another person (a relative) without opening their file."""

    display_name = serializers.CharField(read_only=True)

    class Meta:
        model = Person
        fields = ["id", "file_number", "display_name"]
        read_only_fields = fields


class FamilyRelationSerializer(serializers.Serializer):
    """A relation seen from the person of the case file."""

    RELATIONS = ["spouse", "partner", "parent", "child"]

    id = serializers.IntegerField(read_only=True)
    relation = serializers.ChoiceField(
        choices=RELATIONS,
        read_only=True,
        help_text="What the relative is to this person: `spouse`, `partner`, `parent` or `child`.",
    )
    relative = PersonRefSerializer(
        read_only=True, allow_null=True, help_text="The relative; `null` if the user may not see their file."
    )
    has_custody = serializers.BooleanField(
        read_only=True,
        allow_null=True,
        help_text="Parent relations only: whether the parent has custody (`null` = unknown or not applicable).",
    )
    since = serializers.DateField(read_only=True, allow_null=True)


@extend_schema_field(FamilyRelationSerializer(many=True))
class FamilyRelationsField(serializers.Field):
    """The person's relations in both directions, each seen from the person (output only)."""

    def to_representation(self, person: Person) -> list[dict[str, Any]]:
        user = self.context["request"].user
        relations: list[tuple[FamilyRelation, Person, str]] = []
        for rel in person.relations_out.all():
            # ``person`` is the parent of ``relative`` for PARENT, so the relative is the child.
            relations.append((rel, rel.relative, "child" if rel.kind == RelationKind.PARENT else rel.kind))
        for rel in person.relations_in.all():
            relations.append((rel, rel.person, rel.kind))
        visible = set(
            policy.visible_persons(user, Person.objects.filter(pk__in=[p.pk for _, p, _ in relations]))
            .values_list("pk", flat=True)
        )
        rows = [
            {
                "id": rel.pk,
                "relation": relation,
                "relative": relative if relative.pk in visible else None,
                "has_custody": rel.has_custody,
                "since": rel.since,
            }
            for rel, relative, relation in sorted(relations, key=lambda r: (r[2], r[1].pk))
        ]
        return FamilyRelationSerializer(rows, many=True).data


class DocumentFactRefSerializer(serializers.Serializer):
    kind = serializers.CharField(read_only=True, help_text="Fact kind slug, e.g. `language-certificates`.")
    id = serializers.IntegerField(read_only=True)


class DocumentMetaSerializer(serializers.ModelSerializer):
    """Metadata of an uploaded document; the file itself is only available through the audited UI."""

    uploaded_by = UserRefSerializer(read_only=True, allow_null=True)
    fact = serializers.SerializerMethodField(help_text="The fact this document proves, if linked.")

    class Meta:
        model = Document
        fields = [
            "id", "kind", "title", "original_name", "content_type", "size", "sha256", "uploaded_by",
            "uploaded_at", "fact",
        ]
        read_only_fields = fields

    @extend_schema_field(DocumentFactRefSerializer(allow_null=True))
    def get_fact(self, document: Document) -> dict | None:
        if document.fact_type_id is None or document.fact_id is None:
            return None
        slugs = self.context.setdefault("_fact_slug_by_content_type", _fact_slug_by_content_type())
        slug = slugs.get(document.fact_type_id)
        return {"kind": slug, "id": document.fact_id} if slug else None


def _fact_slug_by_content_type() -> dict[int, str]:
    types = ContentType.objects.get_for_models(*(kind.model for kind in FACT_KINDS))
    return {types[kind.model].pk: kind.slug for kind in FACT_KINDS}


# --- person list and case file -------------------------------------------------------------------------

_NAME_FIELDS = ["family_name", "given_names", "family_name_latin", "given_names_latin"]


class SearchMatchSerializer(serializers.Serializer):
    """Why a person was found (search results only)."""

    kind = serializers.ChoiceField(
        choices=["file_number", "exact", "phonetic", "fuzzy", "date"],
        help_text=(
            "`file_number`; `exact` name spelling; `phonetic` (other spelling or transliteration); `fuzzy` "
            "(typo); `date` (birth date only)."
        ),
    )
    score = serializers.FloatField(help_text="Rank score; higher is better. Only for ordering.")
    birth_date_match = serializers.ChoiceField(
        choices=["exact", "compatible", "different", ""],
        help_text="How the birth date in the query fits: `compatible` = a part is unknown; empty = not asked.",
    )
    complete = serializers.BooleanField(help_text="False when not every name word of the query matched.")


class PersonSummarySerializer(serializers.ModelSerializer):
    """One line of a person list or search result."""

    match = serializers.SerializerMethodField()

    display_name = serializers.CharField(read_only=True, help_text="Latin-script name as shown in the UI.")
    birth_date = PartialDateField(read_only=True, allow_null=True, help_text=PARTIAL_DATE_DESCRIPTION)
    nationalities = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True, help_text="ISO 3166-1 alpha-2 codes."
    )
    team = TeamRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Person
        fields = [
            "id", "file_number", "display_name", *_NAME_FIELDS, "birth_date", "sex", "nationalities", "team",
            "match",
        ]
        read_only_fields = fields

    @extend_schema_field(SearchMatchSerializer(allow_null=True, help_text="Only in search results (`q`)."))
    def get_match(self, person: Person) -> dict[str, Any] | None:
        hit = self.context.get("search_hits", {}).get(person.pk)
        if hit is None:
            return None
        return {
            "kind": hit.match, "score": round(hit.score, 4), "birth_date_match": hit.birth_date_match,
            "complete": hit.complete,
        }


#: Sections of the case file that belong to a data category other than identity; omitted when the policy
#: denies that category (consents will narrow external roles to categories).
_SECTION_CATEGORY = {
    "residence_periods": DataCategory.RESIDENCE,
    "entries": DataCategory.RESIDENCE,
    "stays_abroad": DataCategory.RESIDENCE,
    "family_relations": DataCategory.FAMILY,
}


class CaseFileSerializer(serializers.ModelSerializer):
    """The full case file of one person: identity, contact, residence history, family, facts, documents.

    Sections the user may not see (by data category) are omitted rather than sent empty, so that
    "no entries" and "not allowed to see" are never confused.
    """

    birth_date = PartialDateField(read_only=True, allow_null=True, help_text=PARTIAL_DATE_DESCRIPTION)
    display_name = serializers.CharField(read_only=True, help_text="Latin-script name as shown in the UI.")
    version = serializers.IntegerField(
        read_only=True, help_text="Incremented on every change; send it back with PATCH (optimistic locking)."
    )
    nationalities = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True,
        help_text="ISO 3166-1 alpha-2 codes; `XX` = stateless, `XU` = unclear.",
    )
    languages = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True, help_text="ISO 639-1 or 639-3 codes."
    )
    team = TeamRefSerializer(read_only=True, allow_null=True)
    household = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True, help_text="Household ID.")
    residence_periods = ResidencePeriodSerializer(many=True, required=False)
    entries = EntrySerializer(many=True, required=False, help_text="Entries into Germany.")
    stays_abroad = StayAbroadSerializer(many=True, required=False)
    family_relations = FamilyRelationsField(source="*", required=False)
    facts = FactsByKindSerializer(source="*", read_only=True)
    documents = DocumentMetaSerializer(
        many=True, required=False, help_text="Document metadata; omitted without the right to see documents."
    )
    created_by = UserRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Person
        fields = [
            "id", "file_number", "version", "display_name", *_NAME_FIELDS, "birth_name", "birth_date",
            "birth_place", "birth_country", "sex", "nationalities", "languages", "letter_language", "address",
            "phone", "email", "team", "household", "residence_periods", "entries", "stays_abroad",
            "family_relations", "facts", "documents", "created_at", "updated_at", "created_by",
        ]
        read_only_fields = fields

    def to_representation(self, person: Person) -> dict[str, Any]:
        data = super().to_representation(person)
        user = self.context["request"].user
        for key, category in _SECTION_CATEGORY.items():
            if not policy.decide(user, Action.PERSON_VIEW, person, category):
                del data[key]
        if not policy.decide(user, Action.DOCUMENT_VIEW, person, DataCategory.DOCUMENTS):
            del data["documents"]
        for kind in FACT_KINDS:
            if not access.view_decision(user, person, kind):
                data["facts"].pop(json_key(kind), None)
        return data


# --- person write bodies -------------------------------------------------------------------------------

PERSON_WRITE_FIELDS = [
    "file_number", *_NAME_FIELDS, "birth_name", "birth_date", "birth_place", "birth_country", "sex",
    "nationalities", "languages", "letter_language", "address", "phone", "email", "team",
]


@extend_schema_serializer(component_name="Person")
class PersonCreateSerializer(RejectUnknownFieldsMixin, serializers.ModelSerializer):
    """Body of POST /persons/. Rules beyond the field types (unique file number, known country and language
    codes, plausible birth date, team) are checked by the person service, exactly as for the UI.
    """

    birth_date = PartialDateField(required=False, allow_null=True, help_text=PARTIAL_DATE_DESCRIPTION)
    nationalities = serializers.ListField(
        child=serializers.CharField(max_length=2),
        required=False,
        help_text="ISO 3166-1 alpha-2 codes; `XX` = stateless, `XU` = unclear (not combinable with others).",
    )
    languages = serializers.ListField(
        child=serializers.CharField(max_length=8),
        required=False,
        help_text="ISO 639-1 or 639-3 codes of the languages the person speaks.",
    )
    team = serializers.PrimaryKeyRelatedField(
        queryset=Team.objects.all(),
        required=False,
        allow_null=True,
        help_text="Team ID. Omitted on creation: the caller's team. Case workers may only use their own team.",
    )

    class Meta:
        model = Person
        fields = PERSON_WRITE_FIELDS
        # The service checks uniqueness case-insensitively, with the UI's message.
        extra_kwargs = {"file_number": {"validators": []}}


@extend_schema_serializer(component_name="PatchedPerson")
class PersonUpdateSerializer(VersionedPatchMixin, PersonCreateSerializer):
    """Body of PATCH /persons/{id}/: only the fields to change, plus ``version`` (required).

    ``nationalities`` and ``languages``, when sent, replace the whole list.
    """

    version = serializers.IntegerField(
        min_value=1,
        help_text=(
            "The `version` you last read. The change is refused with 409 Conflict when the case file has been "
            "changed since (optimistic locking)."
        ),
    )

    class Meta(PersonCreateSerializer.Meta):
        fields = [*PERSON_WRITE_FIELDS, "version"]
        extra_kwargs = {
            **{name: {"required": False} for name in PERSON_WRITE_FIELDS},
            "file_number": {"validators": [], "required": False},
        }
