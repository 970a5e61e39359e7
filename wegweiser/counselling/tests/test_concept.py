"""The Beratungskonzept: the shipped default, versioning, immutability of a published version."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from wegweiser.audit.models import AuditEntry
from wegweiser.counselling import defaults
from wegweiser.counselling.models import Concept, CounsellingType, Topic
from wegweiser.counselling.models.concept import ImmutableConcept
from wegweiser.counselling.services import concept as service

from .samples import draft

pytestmark = pytest.mark.django_db


def test_default_concept_is_published_with_all_six_types_in_german_and_english():
    concept = service.current_concept()
    assert concept.version == 1 and concept.published
    keys = list(concept.types.values_list("key", flat=True))
    assert keys == [t[0] for t in defaults.TYPES] and len(keys) == 6
    for kind in concept.types.all():
        assert kind.name_de and kind.name_en and kind.topics.filter(required=True).exists()
        assert all(t.text_en and t.text_de for t in kind.topics.all())
    assert concept.types.get(key="freiwillige_ausreise").topics.filter(key="wiedereinreise", required=True).exists()


def test_load_default_concept_leaves_an_existing_concept_alone(capsys):
    call_command("load_default_concept")
    assert Concept.objects.count() == 1
    assert "nichts geändert" in capsys.readouterr().out


def test_load_default_concept_creates_one_when_none_exists():
    Concept.objects.update(published=False)  # queryset update: only to make deleting possible in this test
    Concept.objects.all().delete()
    call_command("load_default_concept")
    concept = service.current_concept()
    assert concept.version == 1 and concept.types.count() == 6


def test_published_concept_types_and_topics_refuse_changes():
    concept = service.current_concept()
    concept.title = "Anders"
    with pytest.raises(ImmutableConcept):
        concept.save()
    kind = concept.types.first()
    kind.name_de = "Anders"
    with pytest.raises(ImmutableConcept):
        kind.save()
    topic = Topic.objects.filter(type__concept=concept).first()
    with pytest.raises(ImmutableConcept):
        topic.delete()
    with pytest.raises(ImmutableConcept):
        Topic.objects.create(type=kind, key="neu", text_de="Neu", text_en="New")


def test_editing_makes_a_new_draft_version_and_protocols_keep_theirs(lead, person):
    old = draft(lead, person, "bleibeperspektiven")
    new = service.new_draft(lead)
    assert new.version == 2 and not new.published
    assert service.new_draft(lead) == new  # one draft at a time
    assert new.types.count() == 6 and Topic.objects.filter(type__concept=new).count() == Topic.objects.filter(
        type__concept__version=1).count()
    kind = new.types.get(key="bleibeperspektiven")
    kind.name_de = "Bleibeperspektiven (neu)"
    kind.save()
    Topic.objects.create(type=kind, key="abk", text_de="ABK erläutert", text_en="ABK explained", required=True)
    service.publish(lead, new)
    assert service.current_concept() == new
    old.refresh_from_db()
    assert old.concept.version == 1
    assert old.counselling_type.name_de == "Beratung zu individuellen Bleibeperspektiven"
    assert not old.counselling_type.topics.filter(key="abk").exists()
    assert AuditEntry.objects.filter(object_type="counselling.concept", object_id=str(new.pk)).count() >= 2


def test_publish_refuses_empty_types_and_twice(lead):
    new = service.new_draft(lead)
    CounsellingType.objects.create(concept=new, key="leer", name_de="Leer", name_en="Empty")
    with pytest.raises(ValidationError):
        service.publish(lead, new)
    Topic.objects.create(type=new.types.get(key="leer"), key="t", text_de="T", text_en="T")
    service.publish(lead, new)
    with pytest.raises(ValidationError):
        service.publish(lead, new)


def test_only_teamleitung_manages_the_concept(case_worker):
    with pytest.raises(PermissionDenied):
        service.new_draft(case_worker)
