"""The person's copy of a counselling protocol in the browser: download the Arabic copy from the protocol page,
record its handover and see it listed; a draft's copy is refused with a clear page. axe scans of both."""

from __future__ import annotations

import pypdf
from django.urls import reverse
from playwright.sync_api import expect

from wegweiser.accounts.roles import Role
from wegweiser.core.testing import make_user
from wegweiser.persons.tests.factories import PersonFactory
from wegweiser.printing.models import Handover
from wegweiser.printing.services.protocol_copy import copy_meta
from wegweiser.printing.tests.protocols import make_protocol

from .helpers import assert_accessible, use_verified_session


def test_copy_download_and_handover(page, context, server) -> None:
    user = make_user(Role.SACHBEARBEITUNG, username="sb-kopie")
    person = PersonFactory(family_name="Haddad", given_names="Lina", letter_language="ar", team=user.team)
    protocol = make_protocol(person, number="BP-2026-00042")
    use_verified_session(context, server, user)
    page.goto(reverse("counselling:protocol_detail", kwargs={"pk": protocol.pk}))

    panel = page.locator("section.protocol-copy")
    expect(panel.get_by_role("heading", name="Ausfertigung für die Person", level=2)).to_be_visible()
    with page.expect_download() as download:
        panel.get_by_role("link", name="العربية").click()
    pdf = pypdf.PdfReader(download.value.path())
    assert pdf.trailer["/Root"]["/Lang"] == "ar"
    assert "BP-2026-00042" in "".join(p.extract_text() for p in pdf.pages)

    panel.get_by_label("Sprache der Ausfertigung").select_option("ar")
    panel.get_by_label("Art der Übergabe").select_option("in_person")
    panel.get_by_role("button", name="Übergabe eintragen").click()
    table = page.get_by_role("table", name="Übergebene Ausfertigungen")
    row = table.get_by_role("row").filter(has_text="BP-2026-00042")
    expect(row).to_contain_text("persönlich übergeben")
    expect(row).to_contain_text(copy_meta(protocol, "ar").sha256)
    handover = Handover.objects.get(protocol=protocol)
    assert (handover.language, handover.how, handover.handed_over_by) == ("ar", "in_person", user)


def test_copy_panel_and_draft_refusal_are_accessible(axe_context, server) -> None:
    user = make_user(Role.TEAMLEITUNG, username="tl-kopie")
    person = PersonFactory(letter_language="fa", team=user.team)
    final = make_protocol(person, number="BP-2026-00043")
    draft = make_protocol(person, final=False)
    use_verified_session(axe_context, server, user)
    page = axe_context.new_page()

    page.goto(reverse("counselling:protocol_detail", kwargs={"pk": final.pk}))
    expect(page.locator("section.protocol-copy")).to_be_visible()
    assert_accessible(page)

    response = page.goto(reverse("printing:protocol_copy", kwargs={"pk": draft.pk}) + "?lang=fa")
    assert response is not None and response.status == 409
    expect(page.get_by_role("heading", level=1)).to_have_text("Ausfertigung des Beratungsprotokolls")
    expect(page.get_by_role("alert")).to_contain_text("noch ein Entwurf")
    assert_accessible(page)
