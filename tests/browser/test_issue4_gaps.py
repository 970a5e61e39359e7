"""The last gaps of positive case work in a real browser: the § 104c refusal page and the pages changed for
issue 4's gaps scanned with axe; the PDFs of a Zielvereinbarung and of a stored assessment downloaded and read."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pypdf
from django.utils import timezone, translation
from django.utils.translation import pgettext
from playwright.sync_api import expect

from wegweiser.accounts.roles import Role
from wegweiser.core.testing import make_user
from wegweiser.goals.models import GoalStatus, Zielvereinbarung
from wegweiser.persons.tests.factories import PersonFactory
from wegweiser.perspectives.tests.samples import make_tolerated
from wegweiser.screening.models import RunStatus, ScreeningRun

from .helpers import assert_accessible, use_verified_session


def read_pdf(data: bytes) -> pypdf.PdfReader:
    assert data.startswith(b"%PDF-")
    return pypdf.PdfReader(io.BytesIO(data))


def test_sheet_104c_refusal_page_is_accessible(axe_context, server):
    person = PersonFactory(family_name="Ohnetitel", file_number="AZ-409")
    use_verified_session(axe_context, server, make_user(Role.TEAMLEITUNG))
    page = axe_context.new_page()
    response = page.goto(f"/personen/{person.pk}/104c-hinweise/pdf/")
    assert response is not None and response.status == 409
    assert response.headers["content-type"].startswith("text/html")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


def test_goal_pdf_links_download_pdfs(context, server):
    user = make_user(Role.INTEGRATIONSLOTSE)
    person = PersonFactory(family_name="Musterfrau", file_number="AZ-PDF-1", letter_language="ar")
    goal = Zielvereinbarung.objects.create(person=person, title="Deutschkurs B1 abschließen",
                                           indicator="Zertifikat B1 liegt vor.", language="ar")
    use_verified_session(context, server, user)
    page = context.new_page()
    page.goto(f"/ziele/{goal.pk}/")
    with translation.override("ar"):  # both links print in the goal's language (German beside it)
        title = pgettext("client", "Zielvereinbarung")
    assert title != "Zielvereinbarung"
    for name in ("Als PDF drucken", "PDF in der Sprache der Person (ar)"):
        link = page.get_by_role("link", name=name)
        href = link.get_attribute("href")
        answer = context.request.get(server + href)
        assert answer.status == 200 and answer.headers["content-type"] == "application/pdf"
        with page.expect_download() as info:
            link.click()
        with open(info.value.path(), "rb") as handle:
            pdf = read_pdf(handle.read())
        assert pdf.metadata.title == title
        assert "AZ-PDF-1" in "".join(p.extract_text() for p in pdf.pages)


def test_snapshot_pdf_from_the_panel(context, server):
    user = make_user(Role.SACHBEARBEITUNG)
    person = make_tolerated()
    use_verified_session(context, server, user)
    page = context.new_page()
    page.goto(f"/personen/{person.pk}/")
    page.get_by_label("Bezug der Entscheidung (z. B. Aktenzeichen des Antrags)").fill("AZ-ANTRAG-77")
    with page.expect_download() as info:
        page.get_by_role("button", name="Prüfung als PDF").click()
    assert info.value.suggested_filename.startswith("pruefung-BP-")
    with open(info.value.path(), "rb") as handle:
        pdf = read_pdf(handle.read())
    assert pdf.metadata.title == "Prüfung der Bleibeperspektiven"
    assert "AZ-ANTRAG-77" in "".join(p.extract_text() for p in pdf.pages)


def test_changed_pages_are_accessible(axe_context, server):
    lead = make_user(Role.TEAMLEITUNG)
    lotsin = make_user(Role.INTEGRATIONSLOTSE, first_name="Lena", last_name="Lotsin")
    person = PersonFactory(family_name="Haddad", lotse=lotsin)
    Zielvereinbarung.objects.create(person=person, title="Arbeitsstelle finden", indicator="Vertrag",
                                    status=GoalStatus.IN_PROGRESS, due_date=date.today() - timedelta(days=3))
    long_ago = timezone.now() - timedelta(hours=3)
    run = ScreeningRun.objects.create(as_of=date.today(), status=RunStatus.RUNNING, active=True, total=9, processed=3)
    ScreeningRun.objects.filter(pk=run.pk).update(created_at=long_ago, started_at=long_ago, heartbeat_at=long_ago)
    use_verified_session(axe_context, server, lead)
    page = axe_context.new_page()

    page.goto("/pruefungen/")
    expect(page.locator("#run-table")).to_contain_text("Keine Rückmeldung")
    assert_accessible(page)

    page.goto("/fallbegleitung/")
    assert_accessible(page)
    page.get_by_role("link", name="1 – Liste anzeigen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zielvereinbarungen")
    expect(page.locator("main")).to_contain_text("Arbeitsstelle finden")
    assert_accessible(page)
