"""``seed_demo`` against the database: consistent data, working log-ins, determinism, refusals."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db.models import Count, Q
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from wegweiser.accounts.models import Team, User
from wegweiser.accounts.roles import Role
from wegweiser.accounts.services import current_code
from wegweiser.audit.models import AuditEntry
from wegweiser.demo import accounts
from wegweiser.demo.generator import DEMO_NOTE, FILE_NUMBER_PREFIX
from wegweiser.demo.models import DemoDataset
from wegweiser.demo.stories import add_years
from wegweiser.facts.registry import FACT_KINDS
from wegweiser.persons import codes
from wegweiser.persons.models import (
    Entry,
    FamilyRelation,
    Household,
    Note,
    Person,
    PersonNameKey,
    RelationKind,
    ResidencePeriod,
)
from wegweiser.persons.search import search_persons

TODAY = date(2025, 6, 30)
SEED = 7


def seed_demo(persons: int = 200, seed: int = SEED, **options) -> str:
    out = StringIO()
    call_command("seed_demo", persons=persons, seed=seed, today=TODAY, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def seeded(db) -> str:
    return seed_demo()


def snapshot() -> list[tuple]:
    rows = []
    for person in Person.objects.order_by("file_number").prefetch_related("residence_periods", "nationalities"):
        rows.append((
            person.file_number, person.family_name, person.given_names, person.family_name_latin,
            person.given_names_latin, str(person.birth_date), person.sex, person.address,
            tuple(sorted(n.code for n in person.nationalities.all())),
            tuple((p.status, p.legal_basis, p.duldung_kind, p.valid_from, p.valid_until)
                  for p in sorted(person.residence_periods.all(), key=lambda p: p.valid_from)),
        ))
    return rows


def test_creates_the_requested_number_of_persons_with_unique_file_numbers(seeded):
    numbers = list(Person.objects.values_list("file_number", flat=True))
    assert len(numbers) == 200 == len(set(numbers))
    assert all(number.startswith(FILE_NUMBER_PREFIX) for number in numbers)
    dataset = DemoDataset.objects.get()
    assert (dataset.seed, dataset.persons, dataset.reference_date) == (SEED, 200, TODAY)


def test_every_person_has_a_current_or_past_status_and_no_overlaps(seeded):
    for person in Person.objects.prefetch_related("residence_periods"):
        periods = sorted(person.residence_periods.all(), key=lambda p: p.valid_from)
        assert periods and periods[0].valid_from <= TODAY, person.file_number
        for earlier, later in zip(periods, periods[1:], strict=False):
            assert earlier.valid_until is not None and later.valid_from > earlier.valid_until, person.file_number


def test_children_are_younger_than_their_parents(seeded):
    relations = FamilyRelation.objects.filter(kind=RelationKind.PARENT).select_related("person", "relative")
    assert relations.exists()
    for relation in relations:
        parent, child = relation.person.birth_date, relation.relative.birth_date
        assert child.earliest() >= add_years(parent.latest(), 16), relation.pk
        if relation.has_custody is not None:
            assert add_years(relation.relative.birth_date.earliest(), 18) > TODAY
    assert FamilyRelation.objects.filter(kind=RelationKind.SPOUSE).exists()
    assert not FamilyRelation.objects.exclude(kind=RelationKind.PARENT).exclude(has_custody=None).exists()
    # Relatives share the household of the person they are recorded with.
    for relation in FamilyRelation.objects.select_related("person", "relative"):
        assert relation.person.household_id == relation.relative.household_id


def test_rows_pass_the_model_validation(seeded):
    for person in Person.objects.all():
        person.full_clean(exclude=["team", "household", "created_by", "birth_date"], validate_unique=False)
        if person.birth_country:
            assert codes.is_country(person.birth_country) or codes.is_historic_country(person.birth_country)
        if person.letter_language:
            assert codes.is_language(person.letter_language)
        assert person.email == "" or person.email.endswith("@example.org")
        nationalities = [n.code for n in person.nationalities.all()]
        assert nationalities and all(codes.is_country(c) or c in codes.SPECIAL_NATIONALITIES for c in nationalities)
        assert all(codes.is_language(lang.code) for lang in person.languages.all())
    for period in ResidencePeriod.objects.all():
        period.full_clean(exclude=["person"])
    for kind in FACT_KINDS:
        for fact in kind.model.objects.all():
            try:
                fact.full_clean(exclude=["person", "recorded_by"])
            except ValidationError as exc:  # pragma: no cover - the message says which fact
                pytest.fail(f"{kind.slug} {fact.pk}: {exc.message_dict}")


def test_entries_households_notes_and_teams(seeded):
    for person in Person.objects.annotate(first=Count("entries", filter=Q(entries__is_first_entry=True))):
        assert person.first <= 1
        if person.first == 0:
            assert person.birth_country == "DE", person.file_number
    for entry in Entry.objects.filter(is_first_entry=True).select_related("person"):
        assert entry.person.birth_date.earliest() <= entry.date <= TODAY
    assert Household.objects.count() > 0
    for household in Household.objects.prefetch_related("members"):
        assert {m.address for m in household.members.all()} == {household.address}
    assert Note.objects.filter(text=DEMO_NOTE).count() == 200
    teams = set(Team.objects.values_list("name", flat=True))
    assert teams == set(accounts.TEAM_NAMES.values())
    assert all("fiktiv" in name for name in teams)
    assert not Person.objects.filter(team=None).exists()


def test_facts_of_several_kinds_and_unknowns(seeded):
    present = {kind.slug for kind in FACT_KINDS if kind.model.objects.exists()}
    assert {"identity", "passports", "language-certificates", "employment", "school", "livelihood"} <= present
    # Unknown stays unknown: not every person has every fact.
    with_language = Person.objects.filter(languagecertificate_facts__isnull=False).distinct().count()
    assert 0 < with_language < 200


def test_search_keys_are_built_and_persons_are_found(seeded):
    assert PersonNameKey.objects.exists()
    persons = Person.objects.all()
    for person in persons.order_by("pk")[:25]:
        family = person.family_name_latin or person.family_name
        given = (person.given_names_latin or person.given_names).split(" ")[0]
        hits = [hit.person.pk for hit in search_persons(persons, f"{family} {given}", limit=200)]
        assert person.pk in hits, (person.file_number, family, given)


def test_one_audit_entry_for_the_whole_run(seeded):
    entries = AuditEntry.objects.filter(purpose="Demodaten erzeugt")
    assert entries.count() == 1
    entry = entries.get()
    assert entry.actor_id is None
    assert entry.details["counts"]["person"] == 200
    assert entry.details["seed"] == SEED
    # Besides it only the first screening run's one entry (it reads the whole caseload): none per row.
    others = AuditEntry.objects.exclude(pk=entry.pk)
    assert [(e.action, e.object_type) for e in others] == [("export", "screening.screeningrun")]


def test_output_lists_a_login_per_role(seeded):
    for account in accounts.ACCOUNTS:
        assert account.username in seeded
        assert accounts.demo_password(SEED, account.username) in seeded
    assert "python manage.py totp_code" in seeded
    assert {u.role for u in accounts.demo_users()} == set(Role.values)


@pytest.mark.parametrize("username", accounts.USERNAMES)
def test_demo_accounts_log_in_with_password_and_current_code(seeded, username):
    user = User.objects.get(username=username)
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    assert device.key == accounts.demo_totp_key(SEED, username)
    client = Client()
    response = client.post(reverse("accounts:login"),
                           {"username": username, "password": accounts.demo_password(SEED, username)})
    assert response.status_code == 302 and response.url == reverse("accounts:otp")
    response = client.post(reverse("accounts:otp"), {"token": current_code(device)})
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200
    assert client.session.get("otp_device_id") == device.persistent_id


def test_wrong_password_does_not_log_in(seeded):
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "sachbearbeitung", "password": "falsch-falsch-1"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_refuses_a_database_with_persons_without_reset(seeded):
    with pytest.raises(CommandError, match="--reset"):
        seed_demo(persons=50, seed=SEED + 1)
    assert Person.objects.count() == 200


def test_if_empty_leaves_a_filled_database_alone(seeded):
    """scripts/demo.sh runs ``seed_demo --if-empty`` on every start: the second start must change nothing."""
    before = snapshot()
    out = seed_demo(persons=50, seed=SEED + 1, if_empty=True)
    assert "200" in out and "--reset" in out
    assert snapshot() == before


@pytest.mark.django_db
def test_if_empty_seeds_an_empty_database():
    out = seed_demo(persons=30, if_empty=True)
    assert Person.objects.count() == 30
    assert "Benutzername" in out


def test_reset_recreates_identical_data_and_keeps_the_audit_trail(seeded):
    before = snapshot()
    entries = AuditEntry.objects.count()
    seed_demo(reset=True)
    assert snapshot() == before
    assert AuditEntry.objects.filter(purpose="Demodaten gelöscht").count() == 1
    assert AuditEntry.objects.filter(purpose="Demodaten erzeugt").count() == 2
    assert AuditEntry.objects.count() == entries + 2
    assert DemoDataset.objects.count() == 1
    assert Team.objects.count() == len(accounts.TEAM_NAMES)
    seed_demo(persons=60, seed=SEED + 1, reset=True)
    assert Person.objects.count() == 60
    assert snapshot() != before[:60]
    assert not Household.objects.filter(members=None).exists()


def test_never_mixes_demo_data_with_real_persons(db):
    team = Team.objects.create(name="Team echt")
    Person.objects.create(file_number="AZ-2024-1", family_name="Muster", given_names="Erika", team=team)
    for reset in (False, True):
        with pytest.raises(CommandError, match="nicht aus den Demodaten"):
            seed_demo(persons=20, reset=reset)
    assert Person.objects.count() == 1
    assert not AuditEntry.objects.exists()


def test_refuses_to_take_over_a_real_account(db):
    User.objects.create_user(username="admin", password="Echt-Sicheres-Passwort-1", role=Role.ADMINISTRATION,
                             email="it@amt.example.org")
    with pytest.raises(CommandError, match="admin"):
        seed_demo(persons=20)
    assert not Person.objects.exists()
    assert not Team.objects.exists()
    assert User.objects.get(username="admin").check_password("Echt-Sicheres-Passwort-1")


def test_rejects_bad_options(db):
    with pytest.raises(CommandError):
        call_command("seed_demo", persons=0, stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("seed_demo", persons=10, today=date(2999, 1, 1), stdout=StringIO())
    with pytest.raises(CommandError, match="JJJJ-MM-TT"):
        call_command("seed_demo", "--persons", "10", "--today", "30.06.2025", stdout=StringIO())
    assert not Person.objects.exists()


def _log_in(username: str) -> Client:
    client = Client()
    client.post(reverse("accounts:login"), {"username": username, "password": accounts.demo_password(SEED, username)})
    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    client.post(reverse("accounts:otp"), {"token": current_code(device)})
    return client


def test_reseeding_lifts_a_lockout_of_a_demo_account(seeded, settings):
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "lotsin", "password": "falsch-falsch-1"})
    locked = _log_in("lotsin")
    assert locked.session.get("otp_device_id") is None
    seed_demo(reset=True)
    assert _log_in("lotsin").session.get("otp_device_id") is not None


def test_totp_code_command_prints_the_code_of_a_demo_account(seeded, settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("totp_code", "kim", stdout=out)
    device = TOTPDevice.objects.get(user__username="kim", confirmed=True)
    assert out.getvalue().strip() == current_code(device)


def test_the_demo_lotsin_accompanies_people_with_a_perspective_to_work_on(seeded):
    """Duldung or § 104c today: the people the Integrationslotsin works for; the caseload is bounded."""
    from wegweiser.demo.casework import CASELOAD

    accompanied = list(Person.objects.filter(lotse__username="lotsin"))
    assert 0 < len(accompanied) <= CASELOAD
    for person in accompanied:
        today = person.residence_periods.filter(valid_from__lte=TODAY).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=TODAY))
        assert today.filter(Q(status="duldung") | Q(legal_basis__contains="104c")).exists(), person.file_number


def test_partner_accounts_see_exactly_their_consenting_demo_persons(seeded):
    from wegweiser.consent.services import valid_consents
    from wegweiser.demo.casework import DEMO_CONSENTS

    seen: set[int] = set()
    for username, categories, count, _purpose in DEMO_CONSENTS:
        user = User.objects.get(username=username)
        consents = valid_consents(user, on=TODAY)  # the demo's day; the consents run one year from it
        visible = set(consents.values_list("person_id", flat=True))
        assert len(visible) == count and not visible & seen  # each account its own persons
        assert all(Person.objects.get(pk=pk).lotse is not None for pk in visible)
        assert all(set(c.categories) == set(categories) for c in consents)
        seen |= visible


def test_the_appointment_catalogue_speaks_every_client_language_and_has_slots(seeded):
    from django.conf import settings

    from wegweiser.appointments.models import Counter, Service, Slot
    from wegweiser.demo import booking

    assert "Terminvergabe: 5 Leistungen" in seeded
    codes = {code for code, _ in settings.CLIENT_LANGUAGES}
    for service in Service.objects.all():
        assert set(service.name) == codes and all(service.name.values()), service.code
        assert set(service.what_to_bring) == codes and service.counters.exists(), service.code
    assert Counter.objects.get(name="Beratungsraum Integrationslotsin").staff.username == "lotsin"
    slots = Slot.objects.count()
    assert slots > 0
    assert booking.seed(TODAY) == slots  # a second run adds nothing
