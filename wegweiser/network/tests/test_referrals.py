"""Referrals from the person page: created under the policy, audited, listed in the person's section."""

from __future__ import annotations

import pytest
from django.urls import reverse

from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditEntry
from wegweiser.core.testing import verified_client
from wegweiser.network.models import Contact, Referral

pytestmark = pytest.mark.django_db


def referral_url(person) -> str:
    return reverse("network:referral_create", kwargs={"person_pk": person.pk})


def test_a_referral_is_saved_and_audited_as_create(case_worker, person, mbe):
    contact = Contact.objects.create(organisation=mbe, name="Samira Haddad", languages=["ar"])
    client = verified_client(case_worker)
    response = client.post(referral_url(person), {"organisation": mbe.pk, "contact": contact.pk,
                                                  "reason": "Anerkennung des Berufsabschlusses"})
    assert response.status_code == 302
    assert response["Location"].endswith("#vermittlungen-heading")
    referral = Referral.objects.get()
    assert (referral.person, referral.organisation, referral.contact, referral.created_by) == (
        person, mbe, contact, case_worker)
    entry = AuditEntry.objects.get(action="create", object_type="network.referral")
    assert entry.person_id == person.pk and entry.object_id == str(referral.pk)
    assert entry.actor_id == case_worker.pk and entry.details["organisation"] == mbe.pk


def test_the_form_page_is_audited_as_a_view_of_the_person(case_worker, person, mbe):
    client = verified_client(case_worker)
    assert client.get(referral_url(person)).status_code == 200
    assert AuditEntry.objects.filter(action="view", person_id=person.pk, details__page="referral_create").exists()


def test_bad_input_is_refused_with_a_message_and_nothing_is_saved(case_worker, person, mbe, jmd):
    other = Contact.objects.create(organisation=jmd, name="Olena Koval")
    client = verified_client(case_worker)
    response = client.post(referral_url(person), {"organisation": mbe.pk, "contact": other.pk, "reason": "x"})
    assert response.status_code == 400
    assert "gehört nicht zu der gewählten Organisation" in response.content.decode()
    response = client.post(referral_url(person), {"organisation": mbe.pk, "reason": ""})
    assert "Bitte nennen Sie den Anlass der Vermittlung." in response.content.decode()
    mbe.active = False
    mbe.save()
    response = client.post(referral_url(person), {"organisation": mbe.pk, "reason": "Beratung"})
    assert response.status_code == 400
    assert not Referral.objects.exists()
    assert not AuditEntry.objects.filter(action="create", object_type="network.referral").exists()


def test_the_person_page_lists_referrals_with_the_buttons(case_worker, person, mbe):
    Referral.objects.create(person=person, organisation=mbe, reason="Integrationskurs", created_by=case_worker)
    client = verified_client(case_worker)
    content = client.get(reverse("persons:detail", kwargs={"pk": person.pk})).content.decode()
    assert 'id="vermittlungen"' in content
    assert "Integrationskurs" in content and mbe.name in content
    assert referral_url(person) in content
    assert reverse("network:offers_pdf", kwargs={"person_pk": person.pk}) in content
    entry = AuditEntry.objects.filter(action="view", person_id=person.pk).latest("id")
    assert "vermittlungen" in entry.details.get("sections", [])


def test_roles_without_case_files_get_no_section(user_factory, person):
    from wegweiser.network.sections import referrals_section

    assert referrals_section(person, user_factory(Role.AUSWERTUNG)) is None
    assert referrals_section(person, user_factory(Role.UNTERSTUETZENDE)) is None
    assert referrals_section(person, user_factory(Role.TEAMLEITUNG)) is not None
