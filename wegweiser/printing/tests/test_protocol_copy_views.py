"""The copy's download and the handover: policy, audit, language choice, draft refused, bad input."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from freezegun import freeze_time

from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.printing.models import Handover
from wegweiser.printing.services.protocol_copy import copy_meta

from .pdf_helpers import reader, text
from .protocols import add_addendum, make_protocol

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def frozen():
    with freeze_time("2026-03-05 10:00"):
        yield


@pytest.fixture
def protocol(person):
    return make_protocol(person)


def copy_url(protocol, lang: str = "") -> str:
    return reverse("printing:protocol_copy", kwargs={"pk": protocol.pk}) + (f"?lang={lang}" if lang else "")


def handover_url(protocol) -> str:
    return reverse("printing:protocol_handover", kwargs={"pk": protocol.pk})


def exports(person) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(person_id=person.pk, action=AuditAction.EXPORT,
                                          details__document="beratungsprotokoll"))


def test_the_copy_is_a_download_in_the_persons_language_and_audited(role_client, protocol):
    _user, client = role_client(Role.INTEGRATIONSLOTSE)
    response = client.get(copy_url(protocol))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "beratungsprotokoll-BP-2026-00017-ar.pdf" in response["Content-Disposition"]
    assert reader(response.content).trailer["/Root"]["/Lang"] == "ar"  # the person's letter language
    [entry] = exports(protocol.person)
    assert entry.details["number"] == "BP-2026-00017"
    assert entry.details["sha256"] == copy_meta(protocol, "ar").sha256
    assert entry.details["sha256"] in text(response.content).replace("\n", "")
    assert entry.details["language"] == "ar"
    assert entry.object_type == "counselling.protocol" and entry.object_id == str(protocol.pk)


def test_language_parameter_and_unknown_codes(role_client, protocol):
    _user, client = role_client(Role.SACHBEARBEITUNG)
    assert reader(client.get(copy_url(protocol, "ru")).content).trailer["/Root"]["/Lang"] == "ru"
    assert reader(client.get(copy_url(protocol, "xx")).content).trailer["/Root"]["/Lang"] == "ar"
    first = client.get(copy_url(protocol, "fr")).content
    assert client.get(copy_url(protocol, "fr")).content == first  # re-printing: the same bytes


def test_a_draft_cannot_be_printed_as_the_persons_copy(role_client, person):
    draft = make_protocol(person, final=False)
    _user, client = role_client(Role.SACHBEARBEITUNG)
    response = client.get(copy_url(draft, "de"))
    assert response.status_code == 409
    assert response["Content-Type"].startswith("text/html")
    assert "noch ein Entwurf" in response.content.decode()
    assert not exports(person)


def test_roles_without_case_files_get_no_copy(role_client, protocol):
    for role in (Role.AUSWERTUNG, Role.DATENSCHUTZ, Role.UNTERSTUETZENDE):
        _user, client = role_client(role)
        assert client.get(copy_url(protocol)).status_code == 403
    assert not exports(protocol.person)


def test_unknown_protocol_is_not_found(role_client, protocol):
    _user, client = role_client(Role.SACHBEARBEITUNG)
    assert client.get(reverse("printing:protocol_copy", kwargs={"pk": protocol.pk + 1000})).status_code == 404


def test_a_handover_is_recorded_with_number_and_checksum_and_audited(role_client, protocol):
    user, client = role_client(Role.INTEGRATIONSLOTSE)
    response = client.post(handover_url(protocol), {"handover-language": "fa", "handover-how": "post"})
    assert response.status_code == 302
    assert response["Location"] == reverse("counselling:protocol_detail", kwargs={"pk": protocol.pk})
    [handover] = Handover.objects.filter(protocol=protocol)
    meta = copy_meta(protocol, "fa")
    assert (handover.language, handover.how, handover.handed_over_by) == ("fa", "post", user)
    assert handover.document_number == "BP-2026-00017" and handover.checksum == meta.sha256
    [entry] = AuditEntry.objects.filter(person_id=protocol.person.pk, action=AuditAction.CREATE,
                                        object_type="printing.handover")
    assert entry.details["sha256"] == meta.sha256 and entry.details["number"] == "BP-2026-00017"
    assert entry.details["how"] == "post" and entry.actor_id == user.pk


def test_bad_handover_input_is_refused_with_a_message(role_client, protocol):
    _user, client = role_client(Role.SACHBEARBEITUNG)
    response = client.post(handover_url(protocol), {"handover-language": "xx", "handover-how": "pigeon"},
                           follow=False)
    assert response.status_code == 302
    assert not Handover.objects.exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("nicht eingetragen" in m and "Sprache" in m for m in messages), messages


def test_a_draft_has_no_handover(role_client, person):
    draft = make_protocol(person, final=False)
    _user, client = role_client(Role.SACHBEARBEITUNG)
    response = client.post(handover_url(draft), {"handover-language": "de", "handover-how": "in_person"})
    assert response.status_code == 409
    assert not Handover.objects.exists()


def test_handover_denied_without_counselling_rights(role_client, protocol):
    _user, client = role_client(Role.AUSWERTUNG)
    response = client.post(handover_url(protocol), {"handover-language": "de", "handover-how": "in_person"})
    assert response.status_code == 403
    assert not Handover.objects.exists()
    _user, client = role_client(Role.SACHBEARBEITUNG)
    assert client.get(handover_url(protocol)).status_code == 405  # recording changes only through POST


def _panel(protocol, user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    template = Template('{% include "printing/_protocol_copy_links.html" %}')
    return template.render(Context({"protocol": protocol, "request": request, "csrf_token": "token"}))


def test_the_panel_offers_every_language_and_lists_handovers(role_client, protocol, user_factory):
    user, client = role_client(Role.SACHBEARBEITUNG)
    html = _panel(protocol, user)
    for code in ("de", "en", "ar", "fa", "uk", "tr", "ru", "fr"):
        assert f"{copy_url(protocol, code)}" in html
    assert html.index("?lang=ar") < html.index("?lang=de")  # the person's language first
    assert 'action="' + handover_url(protocol) + '"' in html
    assert "Noch keine Übergabe eingetragen." in html
    client.post(handover_url(protocol), {"handover-language": "ar", "handover-how": "in_person"})
    html = _panel(protocol, user)
    assert copy_meta(protocol, "ar").sha256 in html
    assert "Ein späterer Nachtrag fehlt" not in html
    add_addendum(protocol, "Nachtrag zur Beratung.")
    assert "Ein späterer Nachtrag fehlt auf dieser Ausfertigung." in _panel(protocol, user)
    # a role that may not see the protocol's copy gets no links and no form
    statistics = user_factory(Role.AUSWERTUNG)
    html = _panel(protocol, statistics)
    assert "?lang=" not in html and "<form" not in html


def test_the_panel_of_a_draft_offers_no_copy(person):
    from wegweiser.core.testing import make_user

    draft = make_protocol(person, final=False)
    html = _panel(draft, make_user(Role.SACHBEARBEITUNG))
    assert "sobald das Protokoll abgeschlossen ist" in html
    assert "?lang=" not in html and "<form" not in html
