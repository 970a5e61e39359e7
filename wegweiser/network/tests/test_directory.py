"""The directory: filters, create and edit with optimistic locking, deactivation instead of deletion."""

from __future__ import annotations

import pytest
from django.urls import reverse

from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditEntry
from wegweiser.core.testing import verified_client
from wegweiser.network.models import Contact, Organisation, Referral
from wegweiser.network.services import directory
from wegweiser.network.services.directory import DirectoryFilter

pytestmark = pytest.mark.django_db


def names(rows) -> list[str]:
    return [o.name for o in rows]


def test_filters_by_kind_language_topic_and_text(mbe, jmd, jobcenter):
    assert names(directory.organisations(DirectoryFilter(kind="jmd"))) == [jmd.name]
    assert names(directory.organisations(DirectoryFilter(language="ar"))) == [mbe.name]
    assert names(directory.organisations(DirectoryFilter(topic="ausbildung"))) == [jobcenter.name, jmd.name]
    assert names(directory.organisations(DirectoryFilter(text="zugewanderte"))) == [mbe.name]
    assert names(directory.organisations(DirectoryFilter(language="ar", topic="schule"))) == []
    assert len(directory.organisations(DirectoryFilter())) == 3


def test_text_filter_finds_an_organisation_by_its_contact(mbe, jmd):
    Contact.objects.create(organisation=jmd, name="Olena Koval", languages=["uk"])
    assert names(directory.organisations(DirectoryFilter(text="koval"))) == [jmd.name]


def test_inactive_entries_are_hidden_unless_asked_for(mbe, jmd, volunteer):
    mbe.active = False
    mbe.save()
    volunteer.active = False
    volunteer.save()
    assert names(directory.organisations(DirectoryFilter())) == [jmd.name]
    assert directory.standalone_contacts(DirectoryFilter()) == []
    assert mbe.name in names(directory.organisations(DirectoryFilter(include_inactive=True)))
    assert directory.standalone_contacts(DirectoryFilter(include_inactive=True)) == [volunteer]


def test_standalone_contacts_follow_language_and_kind_filters(volunteer):
    assert directory.standalone_contacts(DirectoryFilter(language="fr")) == [volunteer]
    assert directory.standalone_contacts(DirectoryFilter(language="ar")) == []
    assert directory.standalone_contacts(DirectoryFilter(kind="ehrenamt")) == [volunteer]
    assert directory.standalone_contacts(DirectoryFilter(kind="jobcenter")) == []
    assert directory.standalone_contacts(DirectoryFilter(topic="sprache")) == []


def test_the_directory_page_applies_the_filters(user_factory, mbe, jmd, volunteer):
    client = verified_client(user_factory(Role.SACHBEARBEITUNG))
    response = client.get(reverse("network:directory"), {"language": "ar"})
    assert response.status_code == 200
    content = response.content.decode()
    assert mbe.name in content and jmd.name not in content and volunteer.name not in content
    # an unknown filter value is ignored, not an error
    assert client.get(reverse("network:directory"), {"topic": "quatsch"}).status_code == 200
    # Sachbearbeitung reads but does not edit
    assert reverse("network:organisation_create") not in content


def _post_data(organisation: Organisation, **changes) -> dict:
    data = {"name": organisation.name, "kind": organisation.kind, "languages": ", ".join(organisation.languages),
            "topics": organisation.topics, "address": organisation.address, "phone": organisation.phone,
            "email": organisation.email, "website": organisation.website,
            "opening_hours": organisation.opening_hours, "description": organisation.description,
            "active": "on", "version": str(organisation.version)}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_deactivating_keeps_the_entry_and_what_points_to_it(lotse, mbe, person):
    referral = Referral.objects.create(person=person, organisation=mbe, reason="Integrationskurs", created_by=lotse)
    client = verified_client(lotse)
    response = client.post(reverse("network:organisation_edit", kwargs={"pk": mbe.pk}), _post_data(mbe, active=None))
    assert response.status_code == 302
    mbe.refresh_from_db()
    assert mbe.active is False and mbe.version == 2
    referral.refresh_from_db()
    assert referral.organisation_id == mbe.pk
    entry = AuditEntry.objects.filter(action="change", object_type="network.organisation").latest("id")
    assert entry.details["active"] is False and "active" in entry.details["fields"]
    assert client.get(reverse("network:organisation_detail", kwargs={"pk": mbe.pk})).status_code == 200
    assert mbe.name not in client.get(reverse("network:directory")).content.decode()


def test_organisations_cannot_be_deleted_while_referrals_point_to_them(lotse, mbe, person):
    from django.db.models import ProtectedError

    Referral.objects.create(person=person, organisation=mbe, reason="Beratung", created_by=lotse)
    with pytest.raises(ProtectedError):
        mbe.delete()


def test_a_stale_edit_keeps_the_input_and_warns(lotse, mbe):
    client = verified_client(lotse)
    directory.update_organisation(lotse, mbe, {**{n: getattr(mbe, n) for n in directory.ORGANISATION_FIELDS},
                                               "phone": "0000 1"}, expected_version=1)
    response = client.post(reverse("network:organisation_edit", kwargs={"pk": mbe.pk}),
                           _post_data(mbe, name="Neuer Name", version="1"))
    assert response.status_code == 400
    content = response.content.decode()
    assert "Jemand anderes hat diesen Eintrag inzwischen geändert" in content
    assert "Neuer Name" in content
    mbe.refresh_from_db()
    assert mbe.name == "Migrationsberatung Beispielstadt" and mbe.phone == "0000 1"
    # saving again (with the version the user has now seen) overwrites knowingly
    response = client.post(reverse("network:organisation_edit", kwargs={"pk": mbe.pk}),
                           _post_data(mbe, name="Neuer Name", version="2"))
    assert response.status_code == 302
    mbe.refresh_from_db()
    assert mbe.name == "Neuer Name"


def test_create_validates_languages_and_topics(lotse):
    client = verified_client(lotse)
    response = client.post(reverse("network:organisation_create"), {
        "name": "Sprachschule", "kind": "sprachkurstraeger", "languages": "de, xx, arabisch", "topics": ["mond"],
    })
    assert response.status_code == 400
    content = response.content.decode()
    assert "Unbekannter Sprachcode: xx, arabisch" in content
    assert not Organisation.objects.exists()
    response = client.post(reverse("network:organisation_create"), {
        "name": "Sprachschule", "kind": "sprachkurstraeger", "languages": "DE; ar  fa, ar", "topics": ["sprache"],
        "active": "on",
    })
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert organisation.languages == ["de", "ar", "fa"] and organisation.topics == ["sprache"]
    assert AuditEntry.objects.filter(action="create", object_type="network.organisation").count() == 1


def test_a_contact_can_be_tied_to_one_external_account(lotse, user_factory, mbe):
    kim = user_factory(Role.KIM_FALLMANAGEMENT, username="kim-extern")
    client = verified_client(lotse)
    data = {"organisation": str(mbe.pk), "name": "Lena Brandt", "function": "Fallmanagerin", "languages": "de",
            "email": "", "phone": "", "account": str(kim.pk), "active": "on"}
    assert client.post(reverse("network:contact_create"), data).status_code == 302
    contact = Contact.objects.get()
    assert contact.account == kim and kim.network_contact == contact
    # the same account cannot be tied to a second contact
    response = client.post(reverse("network:contact_create"), {**data, "name": "Zweite Person"})
    assert response.status_code == 400
    assert Contact.objects.count() == 1
