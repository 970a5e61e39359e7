"""The pages: start, autosave (htmx) and plain save with stale versions, finalise, addendum, person section."""

from __future__ import annotations

import pytest
from django.urls import reverse

from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditEntry
from wegweiser.core.testing import verified_client
from wegweiser.counselling.models import Protocol, ProtocolStatus
from wegweiser.facts.models import FactSource, LanguageCertificate, SchoolAttendance

from .samples import complete_draft, default_type, draft, final

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _post_data(protocol: Protocol, **extra) -> dict:
    return {"held_on": "2026-03-02", "interpreter_mode": "none", "version": str(protocol.version),
            "topics_covered": [str(t.pk) for t in protocol.topics_covered.all()], **extra}


def test_start_creates_a_draft_and_opens_the_editor(case_worker, person):
    client = verified_client(case_worker)
    url = reverse("counselling:protocol_create", kwargs={"person_pk": person.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"counselling_type": default_type().pk, "held_on": "2026-03-02"})
    protocol = Protocol.objects.get(person=person)
    assert response.url == reverse("counselling:protocol_edit", kwargs={"pk": protocol.pk})
    assert protocol.status == ProtocolStatus.DRAFT and protocol.concept.version == 1


def test_autosave_saves_and_answers_with_status_and_new_version(case_worker, person):
    protocol = draft(case_worker, person)
    client = verified_client(case_worker)
    url = reverse("counselling:protocol_edit", kwargs={"pk": protocol.pk})
    response = client.post(url, _post_data(protocol, next_steps="Pass beantragen"), **HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Entwurf gespeichert um" in body and 'value="2"' in body and 'hx-swap-oob="true"' in body
    protocol.refresh_from_db()
    assert protocol.next_steps == "Pass beantragen" and protocol.version == 2


def test_autosave_with_stale_version_saves_nothing_and_says_so(case_worker, person):
    protocol = draft(case_worker, person)
    client = verified_client(case_worker)
    url = reverse("counselling:protocol_edit", kwargs={"pk": protocol.pk})
    client.post(url, _post_data(protocol, next_steps="erstes Fenster"), **HTMX)
    response = client.post(url, _post_data(protocol, next_steps="zweites Fenster"), **HTMX)  # still version 1
    assert "Entwurf nicht gespeichert" in response.content.decode()
    protocol.refresh_from_db()
    assert protocol.next_steps == "erstes Fenster"


def test_plain_save_with_stale_version_keeps_input_and_shows_the_difference(case_worker, person):
    protocol = draft(case_worker, person)
    client = verified_client(case_worker)
    url = reverse("counselling:protocol_edit", kwargs={"pk": protocol.pk})
    client.post(url, _post_data(protocol, next_steps="erstes Fenster"))
    response = client.post(url, _post_data(protocol, next_steps="zweites Fenster"))
    assert response.status_code == 409
    body = response.content.decode()
    assert "zweites Fenster" in body and "erstes Fenster" in body and 'name="version" value="2"' in body


def test_plain_save_records_achievements_as_facts_once(case_worker, person):
    protocol = draft(case_worker, person)
    client = verified_client(case_worker)
    url = reverse("counselling:protocol_edit", kwargs={"pk": protocol.pk})
    data = _post_data(protocol, lang_level="A2", lang_scope="complete", lang_issued_on="2025-05-01",
                      school_from="2024-09-01", school_name="Gesamtschule")
    # Autosave ignores achievements (they are saved by the button only), so typing never creates half facts.
    client.post(url, data, **HTMX)
    assert not LanguageCertificate.objects.filter(person=person).exists()
    data["version"] = "2"
    assert client.post(url, data).status_code == 302
    certificate = LanguageCertificate.objects.get(person=person)
    assert certificate.source == FactSource.COUNSELLING and certificate.level == "A2"
    assert SchoolAttendance.objects.get(person=person).source == FactSource.COUNSELLING


def test_incomplete_achievement_group_is_a_clear_error_and_nothing_is_lost(case_worker, person):
    protocol = draft(case_worker, person)
    client = verified_client(case_worker)
    url = reverse("counselling:protocol_edit", kwargs={"pk": protocol.pk})
    response = client.post(url, _post_data(protocol, next_steps="weiter so", lang_level="B1"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Bitte ergänzen Sie diese Angabe" in body and "weiter so" in body


def test_finalise_through_the_page_and_refusal_names_the_missing_topics(case_worker, person):
    client = verified_client(case_worker)
    open_draft = draft(case_worker, person)
    url = reverse("counselling:protocol_finalise", kwargs={"pk": open_draft.pk})
    response = client.post(url, {"version": open_draft.version})
    assert response.status_code == 400 and "Pflichtthemen" in response.content.decode()
    ready = complete_draft(case_worker, person)
    response = client.post(reverse("counselling:protocol_finalise", kwargs={"pk": ready.pk}),
                           {"version": ready.version})
    ready.refresh_from_db()
    assert response.status_code == 302 and ready.is_final and ready.document_number.startswith("BER-")
    # The edit page of a final protocol only points to the addenda.
    edit = client.get(reverse("counselling:protocol_edit", kwargs={"pk": ready.pk}))
    assert edit.url == reverse("counselling:protocol_detail", kwargs={"pk": ready.pk})


def test_addendum_is_shown_below_the_protocol(case_worker, person):
    protocol = final(case_worker, person)
    client = verified_client(case_worker)
    client.post(reverse("counselling:addendum_create", kwargs={"pk": protocol.pk}), {"text": "Pass liegt vor."})
    page = client.get(reverse("counselling:protocol_detail", kwargs={"pk": protocol.pk})).content.decode()
    assert page.index("Pass liegt vor.") > page.index("Besprochene Themen")
    assert AuditEntry.objects.filter(action="view", object_type="counselling.protocol",
                                     object_id=str(protocol.pk)).exists()


def test_person_page_shows_the_section_with_due_follow_up(case_worker, person):
    protocol = draft(case_worker, person, follow_up_on=None)
    Protocol.objects.filter(pk=protocol.pk).update(follow_up_on="2026-03-09")
    client = verified_client(case_worker)
    page = client.get(reverse("persons:detail", kwargs={"pk": person.pk})).content.decode()
    assert 'id="beratung-heading"' in page and "Beratung dokumentieren" in page
    assert "Wiedervorlage fällig" in page
    entry = AuditEntry.objects.filter(action="view", person_id=person.pk).latest("id")
    assert "beratung" in entry.details.get("sections", [])


def test_external_roles_see_no_section(user_factory, person):
    from wegweiser.counselling.sections import counselling_section

    assert counselling_section(person, user_factory(Role.UNTERSTUETZENDE)) is None


def test_protocol_page_offers_a_consent_for_each_named_supporter_without_one(case_worker, person):
    """Seed 004: supporters are asked about and a release from confidentiality is advised where none exists."""
    from django.utils import timezone

    from wegweiser.consent.models import Consent
    from wegweiser.consent.tests.samples import grant, organisation, partner
    from wegweiser.counselling.services import protocols

    org = organisation()
    released = partner(org=org)
    not_yet = partner(username="ext-pate")
    protocol = complete_draft(case_worker, person)
    protocol.supporters.set([released.network_contact, not_yet.network_contact])
    protocol = protocols.finalise(case_worker, protocol, expected_version=protocol.version)
    consent = grant(person, to=org)  # through the organisation: reaches its contact
    page = verified_client(case_worker).get(reverse("counselling:protocol_detail", kwargs={"pk": protocol.pk}))
    html = page.content.decode()
    assert reverse("consent:detail", kwargs={"pk": consent.pk}) in html
    create = reverse("consent:create", kwargs={"person_pk": person.pk})
    assert f"{create}?empfaenger=contact-{not_yet.network_contact.pk}" in html
    assert f"?empfaenger=contact-{released.network_contact.pk}" not in html
    Consent.objects.filter(pk=consent.pk).update(revoked_at=timezone.now())
    html = verified_client(case_worker).get(
        reverse("counselling:protocol_detail", kwargs={"pk": protocol.pk})).content.decode()
    assert f"?empfaenger=contact-{released.network_contact.pk}" in html
