"""The concept editor in two tabs: a save from a page whose part of the draft changed meanwhile is refused
with a clear message, the input stays on the page, and saving that page again then overwrites knowingly."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from wegweiser.audit.models import AuditEntry
from wegweiser.core.testing import verified_client
from wegweiser.counselling.models import Topic
from wegweiser.counselling.services import concept as service

pytestmark = pytest.mark.django_db

STALE = "in einem anderen Fenster oder von jemand anderem gespeichert"


def _token(content: str) -> str:
    match = re.search(r'name="edit_token" value="([0-9a-f]+)"', content)
    assert match, "the page carries no edit token"
    return match.group(1)


def _types_post(concept, token: str, title: str, **changes: str) -> dict:
    """The concept page as loaded (every type unchanged) with ``title`` and the given type-field changes."""
    types = list(concept.types.order_by("order", "pk"))
    data = {"title": title, "valid_from": "", "edit_token": token, "types-TOTAL_FORMS": str(len(types)),
            "types-INITIAL_FORMS": str(len(types)), "types-MIN_NUM_FORMS": "0", "types-MAX_NUM_FORMS": "1000"}
    for i, kind in enumerate(types):
        data.update({f"types-{i}-id": str(kind.pk), f"types-{i}-concept": str(concept.pk),
                     f"types-{i}-key": kind.key, f"types-{i}-name_de": kind.name_de,
                     f"types-{i}-name_en": kind.name_en, f"types-{i}-description": kind.description,
                     f"types-{i}-order": str(kind.order)})
    for name, value in changes.items():
        data[name] = value
    return data


def _topics_post(kind, token: str, **changes: str) -> dict:
    topics = list(kind.topics.order_by("order", "pk"))
    data = {"edit_token": token, "topics-TOTAL_FORMS": str(len(topics)), "topics-INITIAL_FORMS": str(len(topics)),
            "topics-MIN_NUM_FORMS": "0", "topics-MAX_NUM_FORMS": "1000"}
    for i, topic in enumerate(topics):
        data.update({f"topics-{i}-id": str(topic.pk), f"topics-{i}-type": str(kind.pk),
                     f"topics-{i}-key": topic.key, f"topics-{i}-text_de": topic.text_de,
                     f"topics-{i}-text_en": topic.text_en, f"topics-{i}-order": str(topic.order)})
        if topic.required:
            data[f"topics-{i}-required"] = "on"
    data.update(changes)
    return data


def test_second_tab_saving_the_types_is_refused_and_keeps_its_input(lead):
    draft = service.new_draft(lead)
    url = reverse("counselling:concept_edit", kwargs={"pk": draft.pk})
    client = verified_client(lead)
    token_a = _token(client.get(url).content.decode())
    token_b = _token(client.get(url).content.decode())
    assert token_a == token_b

    assert client.post(url, _types_post(draft, token_a, "Konzept aus Tab A")).status_code == 302
    response = client.post(url, _types_post(draft, token_b, "Konzept aus Tab B"))

    assert response.status_code == 409
    content = response.content.decode()
    assert STALE in content
    assert 'value="Konzept aus Tab B"' in content  # the input stays on the page
    draft.refresh_from_db()
    assert draft.title == "Konzept aus Tab A"  # tab A's change is not lost
    assert AuditEntry.objects.filter(object_type="counselling.concept", details__part="types").count() == 1

    # The page now carries the stored state's token: saving it again overwrites knowingly.
    refreshed = _token(content)
    assert refreshed == service.types_token(draft) != token_b
    assert client.post(url, _types_post(draft, refreshed, "Konzept aus Tab B")).status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Konzept aus Tab B"


def test_a_changed_type_makes_the_older_types_page_stale(lead):
    draft = service.new_draft(lead)
    url = reverse("counselling:concept_edit", kwargs={"pk": draft.pk})
    client = verified_client(lead)
    token = _token(client.get(url).content.decode())
    kind = draft.types.order_by("order", "pk").first()
    kind.name_de = "Umbenannt in einem anderen Fenster"
    kind.save()
    response = client.post(url, _types_post(draft, token, draft.title))
    assert response.status_code == 409 and STALE in response.content.decode()
    kind.refresh_from_db()
    assert kind.name_de == "Umbenannt in einem anderen Fenster"


def test_a_post_without_token_saves_nothing(lead):
    draft = service.new_draft(lead)
    url = reverse("counselling:concept_edit", kwargs={"pk": draft.pk})
    response = verified_client(lead).post(url, _types_post(draft, "", "Ohne Token"))
    assert response.status_code == 409
    draft.refresh_from_db()
    assert draft.title != "Ohne Token"


def test_second_tab_saving_the_topics_is_refused_and_keeps_its_input(lead):
    draft = service.new_draft(lead)
    kind = draft.types.get(key="mitwirkungspflichten")
    url = reverse("counselling:concept_type_edit", kwargs={"pk": kind.pk})
    client = verified_client(lead)
    token = _token(client.get(url).content.decode())
    first = kind.topics.order_by("order", "pk").first()

    assert client.post(url, _topics_post(kind, token, **{"topics-0-text_de": "Fassung aus Tab A"})).status_code == 302
    response = client.post(url, _topics_post(kind, token, **{"topics-0-text_de": "Fassung aus Tab B"}))

    assert response.status_code == 409
    content = response.content.decode()
    assert STALE in content and 'value="Fassung aus Tab B"' in content
    assert Topic.objects.get(pk=first.pk).text_de == "Fassung aus Tab A"
    assert client.post(url, _topics_post(kind, _token(content),
                                         **{"topics-0-text_de": "Fassung aus Tab B"})).status_code == 302
    assert Topic.objects.get(pk=first.pk).text_de == "Fassung aus Tab B"


def test_topics_of_another_type_do_not_make_a_topics_page_stale(lead):
    draft = service.new_draft(lead)
    kind = draft.types.get(key="mitwirkungspflichten")
    other = draft.types.exclude(pk=kind.pk).first()
    url = reverse("counselling:concept_type_edit", kwargs={"pk": kind.pk})
    client = verified_client(lead)
    token = _token(client.get(url).content.decode())
    Topic.objects.create(type=other, key="neu", text_de="Neu", text_en="New")
    response = client.post(url, _topics_post(kind, token, **{"topics-0-text_de": "Geändert"}))
    assert response.status_code == 302
