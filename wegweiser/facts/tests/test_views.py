"""Every fact kind can be created, edited and deleted through the generic views, with audit and locking."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.urls import reverse

from wegweiser.accounts.models import Team
from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.documents.models import Document
from wegweiser.facts import services
from wegweiser.facts.models import CivicTest, Conviction, LanguageCertificate
from wegweiser.facts.registry import FACT_KINDS
from wegweiser.persons.models import Person

from .samples import EDITS, MINIMAL, make_fact, post_data

pytestmark = pytest.mark.django_db

KIND_IDS = [k.slug for k in FACT_KINDS]


@pytest.fixture
def person():
    team, _ = Team.objects.get_or_create(name="Team 1")
    return Person.objects.create(file_number="AZ-F", family_name="Muster", given_names="Eva", team=team)


@pytest.fixture
def worker(role_client):
    return role_client(Role.SACHBEARBEITUNG)


def _url(name: str, person, slug: str, **kw) -> str:
    return reverse(f"facts:{name}", kwargs={"person_pk": person.pk, "kind": slug, **kw})


def test_samples_cover_every_kind():
    assert set(MINIMAL) == set(KIND_IDS) == set(EDITS)


@pytest.mark.parametrize("kind", FACT_KINDS, ids=KIND_IDS)
def test_create_and_edit_every_kind(kind, person, worker):
    user, client = worker
    assert client.get(_url("create", person, kind.slug)).status_code == 200

    response = client.post(_url("create", person, kind.slug), post_data(kind.slug))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    fact = kind.model.objects.get(person=person)
    assert (fact.recorded_by, fact.version) == (user, 1)
    created = AuditEntry.objects.get(action=AuditAction.CREATE, object_id=str(fact.pk))
    assert created.person_id == person.pk
    assert created.object_type == kind.model._meta.label_lower
    assert created.details["kind"] == kind.slug

    field, posted, expected = EDITS[kind.slug]
    assert client.get(_url("edit", person, kind.slug, pk=fact.pk)).status_code == 200
    response = client.post(
        _url("edit", person, kind.slug, pk=fact.pk),
        post_data(kind.slug, **{field: posted, "note": "nachgetragen", "version": "1"}),
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    fact.refresh_from_db()
    assert getattr(fact, field) == expected
    assert fact.note == "nachgetragen"
    assert fact.version == 2
    changed = AuditEntry.objects.get(action=AuditAction.CHANGE, object_id=str(fact.pk))
    assert sorted(changed.details["fields"]) == sorted([field, "note"])

    listing = client.get(_url("list", person, kind.slug))
    assert listing.status_code == 200
    assert "nachgetragen" in listing.content.decode()


def test_list_is_audited_as_view(person, worker):
    user, client = worker
    fact = make_fact("language-certificates", person, user)
    client.get(_url("list", person, "language-certificates"))
    entry = AuditEntry.objects.filter(action=AuditAction.VIEW).latest("id")
    assert (entry.actor_id, entry.person_id) == (user.pk, person.pk)
    assert entry.details["ids"] == [fact.pk]
    assert entry.purpose == "Fallbearbeitung"


def test_delete_asks_then_deletes_unlinks_documents_and_audits(person, role_client):
    user, client = role_client(Role.TEAMLEITUNG)
    fact = make_fact("language-certificates", person, user)
    doc = Document.objects.create(
        person=person, kind="certificate", title="B1", original_name="b1.pdf", content_type="application/pdf",
        size=1, sha256="0" * 64, fact_type=ContentType.objects.get_for_model(LanguageCertificate), fact_id=fact.pk,
    )
    url = _url("delete", person, "language-certificates", pk=fact.pk)
    page = client.get(url)
    assert page.status_code == 200 and "löschen" in page.content.decode()
    assert LanguageCertificate.objects.filter(pk=fact.pk).exists()

    assert client.post(url).status_code == 302
    assert not LanguageCertificate.objects.filter(pk=fact.pk).exists()
    doc.refresh_from_db()
    assert doc.fact_id is None and doc.fact_type_id is None
    entry = AuditEntry.objects.get(action=AuditAction.DELETE, object_id=str(fact.pk))
    assert entry.details["unlinked_documents"] == 1


def test_unknown_kind_and_foreign_fact_are_not_found(person, worker):
    user, client = worker
    assert client.get(_url("list", person, "horoscope")).status_code == 404
    other = Person.objects.create(file_number="AZ-X", family_name="Andere", team=person.team)
    fact = make_fact("language-certificates", other, user)
    assert client.get(_url("edit", person, "language-certificates", pk=fact.pk)).status_code == 404
    assert client.get(_url("edit", person, "civic-tests", pk=fact.pk)).status_code == 404


def test_other_team_may_read_but_not_change(person, role_client):
    _user, client = role_client(Role.SACHBEARBEITUNG, team=Team.objects.create(name="Team 7"))
    assert client.get(_url("list", person, "employment")).status_code == 200
    assert client.get(_url("create", person, "employment")).status_code == 403
    assert client.post(_url("create", person, "employment"), post_data("employment")).status_code == 403
    assert not person.employment_facts.exists()


# --- nullable booleans ------------------------------------------------------------------------------------


def test_unknown_answer_stays_null(person, worker):
    _user, client = worker
    response = client.post(_url("create", person, "civic-tests"), post_data("civic-tests", passed="", points=""))
    assert response.status_code == 302
    test = CivicTest.objects.get(person=person)
    assert test.passed is None

    # "nein" is stored as False, not confused with unknown ...
    client.post(_url("edit", person, "civic-tests", pk=test.pk), post_data("civic-tests", passed="false", points="", version="1"))
    test.refresh_from_db()
    assert test.passed is False
    # ... and back to "unbekannt" gives null again.
    client.post(_url("edit", person, "civic-tests", pk=test.pk), post_data("civic-tests", passed="", points="", version="2"))
    test.refresh_from_db()
    assert test.passed is None


def test_yes_no_unknown_is_a_select_with_unbekannt_first(person, worker):
    _user, client = worker
    html = client.get(_url("create", person, "convictions")).content.decode()
    select = html[html.index('name="suspended"'):]
    select = select[: select.index("</select>")]
    options = [part.split(">")[1].split("<")[0] for part in select.split("<option")[1:]]
    assert options == ["unbekannt", "ja", "nein"]
    assert 'value="" selected' in select
    assert "required" not in select  # "unbekannt" is a valid answer


# --- optimistic locking -------------------------------------------------------------------------------------


def test_stale_edit_keeps_typed_values_and_shows_current_state(person, worker, role_client):
    user, client = worker
    fact = make_fact("language-certificates", person, user, exam="telc")
    url = _url("edit", person, "language-certificates", pk=fact.pk)
    assert 'name="version" value="1"' in client.get(url).content.decode()

    # A colleague saves first.
    colleague, _ = role_client(Role.TEAMLEITUNG)
    other = LanguageCertificate.objects.get(pk=fact.pk)
    other.exam = "Goethe"
    services.update_fact(user=colleague, fact=other, expected_version=1, changed_fields=["exam"])

    response = client.post(url, post_data("language-certificates", exam="DTZ", level="B2", version="1"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "inzwischen von jemand anderem geändert" in html
    assert 'value="DTZ"' in html  # what the user typed
    assert "Goethe" in html  # the stored state, shown beside it
    assert 'name="version" value="2"' in html
    fact.refresh_from_db()
    assert (fact.exam, fact.level, fact.version) == ("Goethe", "B1", 2)
    assert not AuditEntry.objects.filter(action=AuditAction.CHANGE, actor_id=user.pk).exists()

    # Saving again, now knowingly over version 2, works.
    response = client.post(url, post_data("language-certificates", exam="DTZ", level="B2", version="2"))
    assert response.status_code == 302
    fact.refresh_from_db()
    assert (fact.exam, fact.level, fact.version) == ("DTZ", "B2", 3)


def test_unchanged_edit_saves_nothing(person, worker):
    user, client = worker
    fact = make_fact("pension", person, user)
    response = client.post(_url("edit", person, "pension", pk=fact.pk), post_data("pension", version="1"))
    assert response.status_code == 302
    fact.refresh_from_db()
    assert fact.version == 1
    assert not AuditEntry.objects.filter(action=AuditAction.CHANGE).exists()


# --- sensitive categories -------------------------------------------------------------------------------------


def test_sensitive_kinds_ask_the_policy_with_their_category(person, worker, monkeypatch):
    """When the policy (later: consent) refuses criminal data, list and overview hide convictions."""
    from wegweiser.accounts import policy
    from wegweiser.facts import access
    from wegweiser.facts.overview import facts_context

    user, client = worker
    Conviction.objects.create(
        person=person, decided_on=datetime.date(2020, 1, 1), offence="Betrug", source="verified",
        source_date=datetime.date(2020, 2, 1),
    )
    asked = []
    real_decide = policy.decide

    def decide(user, action, person=None, category=None):
        asked.append(category)
        if category == policy.DataCategory.CRIMINAL:
            return policy.Decision(False, "Keine Einwilligung")
        return real_decide(user, action, person, category)

    def require(user, action, person=None, category=None):
        decision = decide(user, action, person, category)
        if not decision:
            raise PermissionDenied(decision.reason)

    monkeypatch.setattr(access, "decide", decide)
    monkeypatch.setattr(access, "require", require)
    assert client.get(_url("list", person, "convictions")).status_code == 403
    assert client.get(_url("list", person, "health-exemptions")).status_code == 200
    ctx = facts_context(person, user)
    shown = {s.kind.slug for s in ctx["facts_sections"] + ctx["facts_empty_sections"]}
    assert "convictions" not in shown and "extremism" not in shown
    assert "health-exemptions" in shown
    assert policy.DataCategory.HEALTH in asked
    html = render_to_string("facts/_person_facts.html", ctx)
    assert "3 Arten von Angaben sind für Sie nicht sichtbar." in html
    assert "Betrug" not in html

