"""Referrals from a counselling protocol, and the referrals listed on an organisation's page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditEntry
from wegweiser.core.testing import verified_client
from wegweiser.counselling.tests.samples import default_concept, draft, final
from wegweiser.network.models import Referral
from wegweiser.network.views import REFERRALS_PER_PAGE
from wegweiser.persons.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def concept(db):
    return default_concept()


def referral_url(person) -> str:
    return reverse("network:referral_create", kwargs={"person_pk": person.pk})


def protocol_url(protocol) -> str:
    return reverse("counselling:protocol_detail", kwargs={"pk": protocol.pk})


# --- A: referrals from a protocol ----------------------------------------------------------------------


@pytest.mark.parametrize("make", [draft, final], ids=["draft", "final"])
def test_the_protocol_page_offers_the_referral_with_the_protocol_preset(case_worker, person, make):
    protocol = make(case_worker, person)
    client = verified_client(case_worker)
    content = client.get(protocol_url(protocol)).content.decode()
    link = f"{referral_url(person)}?protokoll={protocol.pk}"
    assert "Vermittlung anlegen" in content and link in content
    form = client.get(link).content.decode()
    assert f'name="protocol" value="{protocol.pk}"' in form
    assert "Aus dem Beratungsprotokoll" in form
    assert AuditEntry.objects.filter(action="view", person_id=person.pk, details__page="referral_create",
                                     details__protocol=protocol.pk).exists()


def test_a_referral_from_a_protocol_is_linked_audited_and_listed(case_worker, person, mbe):
    protocol = final(case_worker, person)
    client = verified_client(case_worker)
    response = client.post(referral_url(person), {"organisation": mbe.pk, "contact": "",
                                                  "reason": "Beratung zum Aufenthalt", "protocol": protocol.pk})
    assert response.status_code == 302
    assert response["Location"] == protocol_url(protocol) + "#vermittlungen-heading"
    referral = Referral.objects.get()
    assert referral.protocol == protocol and referral.person == person
    entry = AuditEntry.objects.get(action="create", object_type="network.referral")
    assert entry.details["protocol"] == protocol.pk and entry.person_id == person.pk

    page = client.get(protocol_url(protocol)).content.decode()
    assert "Beratung zum Aufenthalt" in page and mbe.name in page
    seen = AuditEntry.objects.filter(action="view", details__page="counselling_protocol").latest("id")
    assert seen.details["referrals"] == [referral.pk]

    section = client.get(reverse("persons:detail", kwargs={"pk": person.pk})).content.decode()
    assert protocol.document_number in section and protocol_url(protocol) in section


def test_a_draft_protocol_is_named_by_its_date_in_the_person_section(case_worker, person, mbe):
    protocol = draft(case_worker, person)
    Referral.objects.create(person=person, organisation=mbe, reason="Sprachkurs", protocol=protocol,
                            created_by=case_worker)
    section = verified_client(case_worker).get(reverse("persons:detail", kwargs={"pk": person.pk})).content.decode()
    assert "Entwurf vom 02.03.2026" in section


def test_a_protocol_of_another_person_is_refused_with_a_message(case_worker, person, mbe):
    other = PersonFactory(family_name_latin="Koval", given_names_latin="Olena", file_number="AZ-2026-41")
    foreign = draft(case_worker, other)
    client = verified_client(case_worker)
    response = client.post(referral_url(person), {"organisation": mbe.pk, "reason": "Beratung",
                                                  "protocol": foreign.pk})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Das Beratungsprotokoll gehört nicht zu dieser Person." in content
    assert protocol_url(foreign) not in content
    assert not Referral.objects.exists()
    assert not AuditEntry.objects.filter(action="create", object_type="network.referral").exists()
    # The form does not preset another person's protocol either.
    form = client.get(f"{referral_url(person)}?protokoll={foreign.pk}").content.decode()
    assert f'name="protocol" value="{foreign.pk}"' not in form and "Aus dem Beratungsprotokoll" not in form


def test_the_service_refuses_a_foreign_protocol(case_worker, person, mbe):
    from django.core.exceptions import ValidationError

    from wegweiser.network.services.referrals import create_referral

    other = PersonFactory(file_number="AZ-2026-42")
    with pytest.raises(ValidationError) as caught:
        create_referral(case_worker, person, mbe, None, "Beratung", protocol=draft(case_worker, other))
    assert "protocol" in caught.value.message_dict


def test_a_referral_without_protocol_still_returns_to_the_person(case_worker, person, mbe):
    response = verified_client(case_worker).post(referral_url(person), {"organisation": mbe.pk, "reason": "Kurs",
                                                                        "protocol": ""})
    assert response["Location"].endswith("#vermittlungen-heading")
    assert Referral.objects.get().protocol is None


# --- B: referrals per organisation ---------------------------------------------------------------------


def organisation_url(organisation) -> str:
    return reverse("network:organisation_detail", kwargs={"pk": organisation.pk})


def test_the_organisation_page_lists_its_referrals_and_audits_the_persons(case_worker, person, mbe, jmd):
    protocol = final(case_worker, person)
    mine = Referral.objects.create(person=person, organisation=mbe, reason="Aufenthaltsberatung",
                                   protocol=protocol, created_by=case_worker)
    Referral.objects.create(person=person, organisation=jmd, reason="Schule", created_by=case_worker)
    content = verified_client(case_worker).get(organisation_url(mbe)).content.decode()
    assert "Vermittlungen an diese Organisation" in content
    assert "Aufenthaltsberatung" in content and "Schule" not in content
    assert person.display_name in content and protocol.document_number in content
    entry = AuditEntry.objects.get(action="view", details__page="organisation_referrals")
    assert entry.object_type == "network.organisation" and entry.object_id == str(mbe.pk)
    assert entry.details["persons"] == [person.pk] and entry.details["referrals"] == [mine.pk]


def test_no_audit_entry_when_no_referral_is_shown(case_worker, mbe):
    content = verified_client(case_worker).get(organisation_url(mbe)).content.decode()
    assert "Keine Vermittlungen an diese Organisation." in content
    assert not AuditEntry.objects.filter(details__page="organisation_referrals").exists()


def test_only_persons_the_user_may_see_are_listed(monkeypatch, case_worker, person, mbe):
    from wegweiser.accounts import policy

    hidden = PersonFactory(family_name_latin="Verborgen", given_names_latin="Vera", file_number="AZ-2026-43")
    Referral.objects.create(person=person, organisation=mbe, reason="Sichtbar", created_by=case_worker)
    Referral.objects.create(person=hidden, organisation=mbe, reason="Unsichtbar", created_by=case_worker)
    real = policy.visible_persons
    monkeypatch.setattr(policy, "visible_persons", lambda user, qs: real(user, qs).exclude(pk=hidden.pk))
    content = verified_client(case_worker).get(organisation_url(mbe)).content.decode()
    assert "Sichtbar" in content and "Unsichtbar" not in content
    entry = AuditEntry.objects.get(details__page="organisation_referrals")
    assert entry.details["persons"] == [person.pk]


def test_referrals_of_other_teams_are_listed_for_case_roles(user_factory, person, mbe):
    Referral.objects.create(person=person, organisation=mbe, reason="Integrationskurs")
    lead = user_factory(Role.TEAMLEITUNG, username="tl-andere", team=None)
    assert "Integrationskurs" in verified_client(lead).get(organisation_url(mbe)).content.decode()


def test_without_person_view_the_section_is_hidden(monkeypatch, case_worker, person, mbe):
    from wegweiser.accounts import policy
    from wegweiser.accounts.policy import Action

    Referral.objects.create(person=person, organisation=mbe, reason="Integrationskurs")
    real = policy.may
    monkeypatch.setattr(policy, "may", lambda user, action, *a, **k: action != Action.PERSON_VIEW
                        and real(user, action, *a, **k))
    content = verified_client(case_worker).get(organisation_url(mbe)).content.decode()
    assert "Integrationskurs" not in content and "Vermittlungen an diese Organisation" not in content
    assert not AuditEntry.objects.filter(details__page="organisation_referrals").exists()


def test_long_lists_are_paginated_and_each_page_audits_its_persons(case_worker, mbe):
    persons = [PersonFactory(file_number=f"AZ-P-{i}") for i in range(REFERRALS_PER_PAGE + 2)]
    for p in persons:
        Referral.objects.create(person=p, organisation=mbe, reason=f"Anlass {p.file_number}")
    client = verified_client(case_worker)
    first = client.get(organisation_url(mbe)).content.decode()
    assert "Seite 1 von 2" in first and "?seite=2" in first
    second = client.get(organisation_url(mbe) + "?seite=2").content.decode()
    assert "Seite 2 von 2" in second
    entries = list(AuditEntry.objects.filter(details__page="organisation_referrals").order_by("id"))
    assert [len(e.details["persons"]) for e in entries] == [REFERRALS_PER_PAGE, 2]
    assert {pk for e in entries for pk in e.details["persons"]} == {p.pk for p in persons}

