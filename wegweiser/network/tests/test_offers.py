"""The "Angebote für Sie" sheet: which offers fit the profile, their order, and the PDF in de and ar."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from freezegun import freeze_time

from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditEntry
from wegweiser.core.partial_dates import PartialDate
from wegweiser.core.testing import verified_client
from wegweiser.facts.models import Employment, LanguageCertificate
from wegweiser.network.models import Organisation
from wegweiser.network.services import offers
from wegweiser.network.services.offers import Profile
from wegweiser.persons.codes import language_name
from wegweiser.persons.models import ResidencePeriod
from wegweiser.printing.tests.pdf_helpers import contains_words, reader, text

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def frozen():
    with freeze_time("2026-03-02 10:00"):
        yield


def org(name: str, kind: str, languages: list[str], topics: list[str], active: bool = True) -> Organisation:
    return Organisation(pk=abs(hash(name)) % 10_000, name=name, kind=kind, languages=languages, topics=topics,
                        active=active)


def selected(organisations: list[Organisation], profile: Profile) -> list[str]:
    return [o.organisation.name for o in offers.select_offers(organisations, profile)]


def test_offers_in_the_persons_language_come_first():
    directory = [org("A Beratung", "fluechtlingsberatung", ["de", "en"], ["aufenthalt_beratung"]),
                 org("B Beratung", "fluechtlingsberatung", ["de", "ar"], ["aufenthalt_beratung"]),
                 org("C Beratung", "sonstige", ["de"], ["gesundheit", "wohnen"])]
    assert selected(directory, Profile(languages=("ar",), age_min=35, age_max=35)) == [
        "B Beratung", "C Beratung", "A Beratung"]
    result = offers.select_offers(directory, Profile(languages=("ar",)))
    assert result[0].matching_languages == ("ar",)


def test_age_decides_school_training_jmd_and_mbe():
    directory = [org("JMD", "jmd", ["de"], ["ausbildung", "schule"]),
                 org("MBE", "mbe", ["de"], ["aufenthalt_beratung"]),
                 org("Schule", "kommunales_integrationszentrum", ["de"], ["schule"])]
    assert selected(directory, Profile(age_min=15, age_max=15)) == ["JMD", "Schule"]
    assert selected(directory, Profile(age_min=45, age_max=45)) == ["MBE"]
    # unknown or uncertain age (born in some month of a year) hides nothing that could fit
    assert selected(directory, Profile()) == ["JMD", "MBE", "Schule"]
    assert selected(directory, Profile(age_min=26, age_max=27)) == ["JMD", "MBE"]


def test_work_and_german_certificate_decide_job_and_language_offers():
    directory = [org("Jobcenter", "jobcenter", ["de"], ["arbeit"]),
                 org("Sprachschule", "sprachkurstraeger", ["de"], ["sprache"])]
    assert selected(directory, Profile(age_min=40, age_max=40)) == ["Jobcenter", "Sprachschule"]
    assert selected(directory, Profile(age_min=40, age_max=40, working=True, german_b1=True)) == []
    assert selected(directory, Profile(age_min=70, age_max=70, working=False)) == ["Sprachschule"]


def test_inactive_offers_and_return_counselling_alone_are_left_out():
    directory = [org("Alt", "ehrenamt", ["ar"], ["ehrenamt"], active=False),
                 org("Rückkehr", "sonstige", ["ar"], ["rueckkehr"])]
    assert selected(directory, Profile(languages=("ar",))) == []


def test_the_profile_reads_languages_age_work_and_certificates(lotse, person):
    person.languages.create(code="fa")
    Employment.objects.create(person=person, source="declared", source_date=TODAY, kind="employed",
                              starts_on=date(2025, 1, 1))
    LanguageCertificate.objects.create(person=person, source="verified", source_date=TODAY, level="B1",
                                       scope="complete", issued_on=date(2025, 6, 1))
    profile = offers.profile_for(lotse, person, TODAY, extra_language="uk")
    assert profile.languages == ("ar", "fa", "uk")
    assert (profile.age_min, profile.age_max) == (35, 35)
    assert profile.working is True and profile.german_b1 is True
    person.birth_date = PartialDate(2010)
    person.save()
    profile = offers.profile_for(lotse, person, TODAY)
    assert (profile.age_min, profile.age_max) == (15, 16)


def test_an_ended_job_does_not_count(lotse, person):
    Employment.objects.create(person=person, source="declared", source_date=TODAY, kind="minijob",
                              starts_on=date(2024, 1, 1), ends_on=date(2025, 12, 31))
    assert offers.profile_for(lotse, person, TODAY).working is False


def test_the_residence_status_plays_no_part(lotse, person, mbe, jobcenter):
    before = [o.organisation.pk for o in offers.offers_pdf(lotse, person, "de")[2]]
    ResidencePeriod.objects.create(person=person, status="duldung", duldung_kind="60a",
                                   valid_from=date(2024, 1, 1), valid_until=date(2026, 12, 31))
    assert [o.organisation.pk for o in offers.offers_pdf(lotse, person, "de")[2]] == before


def client_text(msgid: str, language: str) -> str:
    with translation.override(language):
        return translation.pgettext("client", msgid)


def test_the_german_sheet_lists_fitting_offers_with_contact_data(lotse, person, mbe, jmd, jobcenter):
    pdf, meta, _selected = offers.offers_pdf(lotse, person, "de")
    content = text(pdf)
    assert "Angebote für Sie" in content
    assert mbe.name in content and jobcenter.name in content
    assert jmd.name not in content  # the JMD serves people up to 26; the person is 35
    assert "Spricht Ihre Sprache" in content  # the MBE counsels in Arabic
    assert content.index(mbe.name) < content.index(jobcenter.name)
    assert "Lindenweg 12" in content and "Mo–Do 9–12 Uhr" in content
    assert meta.number in content and meta.sha256 in content.replace("\n", "")
    assert str(reader(pdf).trailer["/Root"]["/Lang"]) == "de"


def test_the_arabic_sheet_is_in_arabic_and_german(lotse, person, mbe):
    pdf, _meta, _selected = offers.offers_pdf(lotse, person, "ar")
    content = text(pdf)
    title = client_text("Angebote für Sie", "ar")
    assert title != "Angebote für Sie", "no Arabic translation of the sheet's title"
    assert contains_words(content, title)
    assert contains_words(content, client_text("Spricht Ihre Sprache", "ar"))
    assert contains_words(content, "Angebote für Sie")  # the German text is always there
    assert contains_words(content, "Haddad Samir")
    with translation.override("ar"):
        arabic = language_name("ar")
    assert arabic != "Arabic" and contains_words(content, arabic)  # language names in the sheet's language
    assert str(reader(pdf).trailer["/Root"]["/Lang"]) == "ar"
    assert reader(pdf).metadata.title == title


def test_the_sheet_is_deterministic(lotse, person, mbe):
    assert offers.offers_pdf(lotse, person, "ar")[0] == offers.offers_pdf(lotse, person, "ar")[0]


def test_the_view_checks_export_and_audits_the_pdf(user_factory, person, mbe):
    client = verified_client(user_factory(Role.SACHBEARBEITUNG))
    response = client.get(reverse("network:offers_pdf", kwargs={"person_pk": person.pk}), {"lang": "xx"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert str(reader(response.content).trailer["/Root"]["/Lang"]) == "ar"  # unknown lang: the letter language
    entry = AuditEntry.objects.get(action="export", person_id=person.pk)
    assert entry.details["document"] == "angebote" and entry.details["language"] == "ar"
    denied = verified_client(user_factory(Role.AUSWERTUNG))
    assert denied.get(reverse("network:offers_pdf", kwargs={"person_pk": person.pk})).status_code == 403
