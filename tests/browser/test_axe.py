"""axe-core scans (WCAG 2.1 A and AA) of every staff page, with zero violations allowed.

The pages come from the permission matrix: every GET row that some role may open and that answers with an
HTML page. A page added later gets a matrix row (``tests/test_permission_matrix.py`` insists) and is thereby
scanned here too. Further scans cover forms after a failed submit, the log-in steps and the English UI.

axe-core is injected as a script, which the Content-Security-Policy would block, so the scans run in a
browser context that bypasses the CSP (``axe_context``); the pages themselves are unchanged.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from wegweiser.accounts.roles import Role
from wegweiser.core.permission_matrix import ANONYMOUS, OK, UNVERIFIED, Row
from wegweiser.core.testing import PASSWORD, make_user
from wegweiser.persons.tests.factories import PersonFactory

from ..test_permission_matrix import ROWS
from ..world import World
from .helpers import assert_accessible, use_half_session, use_verified_session

#: Which allowed role to scan a page as: the one that sees the most on it (buttons, sensitive parts) first.
ROLE_PREFERENCE = [Role.TEAMLEITUNG, Role.SACHBEARBEITUNG, *Role]


#: URL names that answer with a file (PDF) although their name does not say "pdf", "download" or "export".
FILE_ROUTES = frozenset({"printing:sheet_104c", "printing:protocol_copy", "booking:ics"})
#: URL names that answer with a fragment of another page (htmx swaps it in); axe scans them inside that page.
FRAGMENT_ROUTES = frozenset({"appointments:display_feed"})


def _serves_html(row: Row) -> bool:
    """API answers, file downloads, PDFs and CSV exports are no pages; every other GET row is one."""
    last_part = row.url_name.rpartition(":")[2]
    if row.api or row.url_name in FILE_ROUTES | FRAGMENT_ROUTES:
        return False
    return not any(word in last_part for word in ("download", "export", "pdf"))


def _scanned_as(row: Row) -> Role | str | None:
    """Anonymous where a page is public, half-logged-in where that is the page's state, else a role."""
    if row.expected(ANONYMOUS) == OK:
        return ANONYMOUS
    if row.expected(UNVERIFIED) == OK:
        return UNVERIFIED
    return next((role for role in ROLE_PREFERENCE if row.expected(role) == OK), None)


PAGE_ROWS = [row for row in ROWS if row.method == "get" and _serves_html(row) and _scanned_as(row) is not None]


def _ids(rows: list[Row]) -> list[str]:
    """``url_name`` (plus query), numbered where several rows open the same page in different states."""
    names = [row.url_name + (f"?{row.query}" if row.query else "") for row in rows]
    counts, seen = Counter(names), Counter()
    ids = []
    for name in names:
        seen[name] += 1
        ids.append(f"{name}#{seen[name]}" if counts[name] > 1 else name)
    return ids


def _open(context, server: str, path: str, who, world: World, status: int = 200):
    if who == UNVERIFIED:
        use_half_session(context, server, make_user(Role.SACHBEARBEITUNG, username="halb-angemeldet", team=world.team))
    elif who != ANONYMOUS:
        use_verified_session(context, server, world.user(who))
    page = context.new_page()
    response = page.goto(path)
    assert response is not None and response.status == status, f"{path}: status {response and response.status}"
    content_type = response.headers.get("content-type", "")
    assert content_type.startswith("text/html"), (
        f"{path} answers with {content_type!r}, not a page; if that is intended, teach _serves_html to skip it"
    )
    return page


def test_every_html_page_is_scanned():
    """The selection must not silently shrink: the core pages of each app are in it."""
    scanned = {row.url_name for row in PAGE_ROWS}
    expected = {"core:home", "accounts:login", "accounts:otp", "persons:search", "persons:detail",
                "persons:create", "facts:list", "facts:create", "documents:upload", "accounts:user_list"}
    assert expected <= scanned, f"not scanned: {sorted(expected - scanned)}"


@pytest.mark.parametrize("row", PAGE_ROWS, ids=_ids(PAGE_ROWS))
def test_page_has_no_violations(row: Row, axe_context, server):
    world = World()
    kwargs = row.setup(world)
    path = reverse(row.url_name, kwargs=kwargs) + (f"?{row.query}" if row.query else "")
    page = _open(axe_context, server, path, _scanned_as(row), world)
    assert_accessible(page)


# --- states the matrix does not reach: failed submits, the log-in steps, English ----------------------

def _submit(page, button: str, then) -> None:
    """Press the button and wait until ``then`` (a locator on the answer page) shows and the page has loaded."""
    page.get_by_role("button", name=button, exact=True).click()
    expect(then).to_be_visible()
    page.wait_for_load_state()


FORMS = [
    # (URL name, submit button, keyword for the person's pk)
    ("persons:create", "Person anlegen", None),
    ("persons:edit", "Änderungen speichern", "pk"),
    ("persons:residence_add", "Zeitraum speichern", "person_pk"),
    ("persons:entry_add", "Einreise speichern", "person_pk"),
    ("persons:stay_add", "Auslandsaufenthalt speichern", "person_pk"),
    ("persons:relation_add", "Beziehung speichern", "person_pk"),
    ("persons:note_add", "Notiz speichern", "person_pk"),
    ("facts:create", "Speichern", "person_pk"),
    ("documents:upload", "Hochladen", "person_pk"),
    ("accounts:password_change", "Passwort ändern", None),
    ("accounts:user_create", "Konto anlegen", None),
    ("accounts:team_create", "Team anlegen", None),
]


@pytest.mark.parametrize(("url_name", "button", "person_kwarg"), FORMS, ids=[f[0] for f in FORMS])
def test_form_with_errors_has_no_violations(url_name, button, person_kwarg, axe_context, server):
    world = World()
    kwargs = {person_kwarg: world.person.pk} if person_kwarg else {}
    if url_name == "facts:create":
        kwargs["kind"] = "language-certificates"
    role = Role.ADMINISTRATION if url_name in ("accounts:user_create", "accounts:team_create") else Role.TEAMLEITUNG
    page = _open(axe_context, server, reverse(url_name, kwargs=kwargs), role, world)
    if url_name == "persons:edit":
        page.get_by_label("Familienname").first.fill("")
    _submit(page, button, then=page.locator("#form-errors, .kern-error").first)
    assert_accessible(page)


def _full_case_file(world: World):
    """A file with something in every section (the matrix's person is nearly empty): residence history,
    family and household, notes, a fact of every kind and a document proving one of them."""
    from wegweiser.documents.services import store_document
    from wegweiser.documents.tests.samples import pdf_upload
    from wegweiser.facts.registry import FACT_KINDS
    from wegweiser.facts.tests.samples import make_fact
    from wegweiser.persons.tests import factories as f

    author = world.user(Role.SACHBEARBEITUNG)
    household = f.HouseholdFactory()
    person = f.PersonFactory(family_name="حداد", given_names="أمينة", family_name_latin="Haddad",
                             given_names_latin="Amina", team=world.team, household=household)
    child = f.PersonFactory(family_name="Haddad", given_names="Yusuf", team=world.team, household=household)
    f.FamilyRelationFactory(person=person, relative=child)
    f.NationalityFactory(person=person, code="SY")
    f.PersonLanguageFactory(person=person, code="ar")
    f.ResidencePeriodFactory(person=person, valid_from=date(2016, 1, 1), valid_until=date(2018, 12, 31))
    f.ResidencePeriodFactory(person=person)
    f.DuldungFactory(person=child, valid_from=date(2019, 1, 1), valid_until=None)
    f.EntryFactory(person=person)
    f.StayAbroadFactory(person=person)
    f.NoteFactory(person=person, created_by=author)
    facts = {kind.slug: make_fact(kind.slug, person, user=author) for kind in FACT_KINDS}
    store_document(user=author, person=person, upload=pdf_upload(), kind="certificate", title="Zertifikat B1",
                   fact=facts["language-certificates"])
    return person


@pytest.mark.parametrize(
    ("url_name", "kind"),
    [("persons:detail", None), ("persons:family", None), ("persons:household", None),
     ("facts:list", "language-certificates"), ("facts:list", "employment"), ("facts:list", "convictions")],
    ids=["persons:detail", "persons:family", "persons:household", "facts:list-certificates",
         "facts:list-employment", "facts:list-convictions"],
)
def test_full_case_file_has_no_violations(url_name, kind, axe_context, server):
    world = World()
    person = _full_case_file(world)
    kwargs = {"person_pk": person.pk, "kind": kind} if kind else {"pk" if url_name == "persons:detail" else
                                                                   "person_pk": person.pk}
    page = _open(axe_context, server, reverse(url_name, kwargs=kwargs), Role.TEAMLEITUNG, world)
    assert_accessible(page)


def test_search_without_results_has_no_violations(axe_context, server):
    world = World()
    page = _open(axe_context, server, reverse("persons:search") + "?q=Niemandsname", Role.SACHBEARBEITUNG, world)
    expect(page.get_by_role("heading", name="Keine Person zu „Niemandsname“ gefunden")).to_be_visible()
    assert_accessible(page)


def test_search_results_have_no_violations(axe_context, server):
    world = World()
    PersonFactory(family_name="Haddad", given_names="Amina", team=world.team)
    PersonFactory(family_name="Hadad", given_names="Amin", team=world.team)
    page = _open(axe_context, server, reverse("persons:search"), Role.SACHBEARBEITUNG, world)
    page.get_by_label("Suchbegriff").fill("Haddad Amina")
    page.get_by_role("table").wait_for()  # results arrive by htmx while typing
    assert_accessible(page)


def test_wrong_password_has_no_violations(axe_context, server):
    user = make_user(Role.SACHBEARBEITUNG, username="vertipper")
    page = _open(axe_context, server, reverse("accounts:login"), ANONYMOUS, World())
    page.get_by_label("Benutzername").fill(user.username)
    page.get_by_label("Passwort").fill("falsch")
    _submit(page, "Weiter", then=page.get_by_text("Benutzername oder Passwort ist falsch.").first)
    assert_accessible(page)


def test_wrong_code_has_no_violations(axe_context, server):
    world = World()
    page = _open(axe_context, server, reverse("accounts:otp"), UNVERIFIED, world)
    page.get_by_label("Sechsstelliger Code aus der Authenticator-App").fill("12")
    _submit(page, "Anmelden", then=page.get_by_text("Der Code besteht aus sechs Ziffern.").first)
    assert_accessible(page)


def test_authenticator_enrolment_has_no_violations(axe_context, server):
    """The first log-in shows the QR code and the key to set up the app."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = make_user(Role.SACHBEARBEITUNG, username="neu-hier")
    TOTPDevice.objects.filter(user=user).delete()
    page = _open(axe_context, server, reverse("accounts:login"), ANONYMOUS, World())
    page.get_by_label("Benutzername").fill(user.username)
    page.get_by_label("Passwort").fill(PASSWORD)
    _submit(page, "Weiter", then=page.get_by_role("heading", name="Authenticator-App einrichten"))
    assert_accessible(page)


def test_english_page_has_no_violations(axe_context, server):
    world = World()
    page = _open(axe_context, server, reverse("persons:detail", kwargs={"pk": world.person.pk}),
                 Role.TEAMLEITUNG, world)
    _submit(page, "English", then=page.get_by_role("button", name="Deutsch"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)


@pytest.mark.parametrize(("path", "status"), [("/personen/999999/", 404), ("/konto/verwaltung/", 403)],
                         ids=["404", "403"])
def test_error_page_has_no_violations(path, status, axe_context, server):
    world = World()
    page = _open(axe_context, server, path, Role.SACHBEARBEITUNG, world, status=status)
    assert_accessible(page)


def test_expired_form_page_has_no_violations(axe_context, server):
    """The CSRF failure page (its own minimal layout, rendered without the database)."""
    page = _open(axe_context, server, reverse("accounts:login"), ANONYMOUS, World())
    axe_context.clear_cookies()
    page.get_by_label("Benutzername").fill("jemand")
    page.get_by_label("Passwort").fill("egal")
    _submit(page, "Weiter", then=page.get_by_role("heading", name="Das Formular konnte nicht angenommen werden"))
    expect(page).to_have_title(re.compile("^Formular abgelaufen"))
    assert_accessible(page)
