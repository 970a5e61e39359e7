"""Writing the demo population to the database fast, and removing it again.

Households are written in batches, each batch in one transaction with ``bulk_create`` per table; search
keys are computed before the insert and the indexed key table is rebuilt per batch. Nothing is audited
per row: one audit entry records the whole run ("Demodaten erzeugt") and one the removal.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connections, router, transaction
from django.db.models import Model
from django.utils import timezone

from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.persons import search
from wegweiser.persons.models import (
    FamilyRelation,
    Household,
    Nationality,
    Note,
    Person,
    PersonLanguage,
    ResidencePeriod,
)

from . import accounts
from .generator import FILE_NUMBER_PREFIX, DemoGenerator, HouseholdPlan
from .models import DemoDataset

AUDIT_PURPOSE_CREATED = "Demodaten erzeugt"
AUDIT_PURPOSE_DELETED = "Demodaten gelöscht"
DEFAULT_BATCH_SIZE = 1000

_PLAIN_FIELDS = frozenset({
    "CharField", "TextField", "BooleanField", "IntegerField", "BigIntegerField", "SmallIntegerField",
    "PositiveIntegerField", "PositiveSmallIntegerField", "PositiveBigIntegerField", "ForeignKey",
})

Progress = Callable[[int, int, float], None]


class NotEmpty(Exception):
    """The database holds persons and the caller did not ask to reset."""


class RealDataPresent(Exception):
    """The database holds persons that are not demo data; demo data is never mixed with real files."""


@dataclass
class SeedResult:
    persons: int
    counts: dict[str, int]
    logins: list[accounts.DemoLogin]
    seconds: float
    search_keys: int | None  # None: the search module offers no key table to rebuild


def demo_persons():
    return Person.objects.filter(file_number__startswith=FILE_NUMBER_PREFIX)


def check_database(reset: bool) -> None:
    """Refuse a database with persons unless ``reset``; refuse real (non-demo) persons always."""
    total = Person.objects.count()
    if not total:
        return
    real = total - demo_persons().count()
    if real:
        raise RealDataPresent(real)
    if not reset:
        raise NotEmpty(total)


def seed(persons: int, seed_value: int, today: date, *, batch_size: int = DEFAULT_BATCH_SIZE,
         progress: Progress | None = None) -> SeedResult:
    """Create teams, demo accounts and ``persons`` demo persons; the database must hold no persons."""
    started = time.monotonic()
    if Person.objects.exists():
        raise NotEmpty(Person.objects.count())
    with transaction.atomic():  # a taken username leaves no half-made teams behind
        teams = accounts.ensure_teams()
        logins = accounts.ensure_accounts(seed_value, teams)
    team_ids = {key: team.pk for key, team in teams.items()}
    counts: Counter[str] = Counter()
    keys: int | None = 0 if hasattr(search, "rebuild_search_keys") else None
    written = 0
    batch: list[HouseholdPlan] = []
    in_batch = 0
    for plan in DemoGenerator(seed_value, persons, today).households():
        batch.append(plan)
        in_batch += len(plan.members)
        if in_batch >= batch_size:
            keys = _add(keys, _write(batch, team_ids, counts))
            written += in_batch
            batch, in_batch = [], 0
            if progress:
                progress(written, persons, time.monotonic() - started)
    if batch:
        keys = _add(keys, _write(batch, team_ids, counts))
        written += in_batch
        if progress:
            progress(written, persons, time.monotonic() - started)
    counts["teams"] = len(teams)
    counts["accounts"] = len(logins)
    seconds = time.monotonic() - started
    details = {"seed": seed_value, "reference_date": today.isoformat(), "counts": dict(sorted(counts.items()))}
    with transaction.atomic():
        DemoDataset.objects.create(seed=seed_value, persons=written, reference_date=today, counts=details["counts"],
                                   seconds=round(seconds, 1))
        record(actor=None, action=AuditAction.CREATE, purpose=AUDIT_PURPOSE_CREATED, object_type="demo.dataset",
               details=details)
    return SeedResult(written, dict(counts), logins, seconds, keys)


def _add(total: int | None, value: int | None) -> int | None:
    return None if total is None or value is None else total + value


def _write(batch: list[HouseholdPlan], team_ids: dict[str, int], counts: Counter[str]) -> int | None:
    """Store one batch of households in one transaction; returns the number of search keys written."""
    with transaction.atomic():
        households = [plan.household for plan in batch if plan.household is not None]
        Household.objects.bulk_create(households, batch_size=500)
        persons: list[Person] = []
        for plan in batch:
            for member in plan.members:
                person = member.person
                person.household = plan.household
                person.team_id = team_ids[plan.team]
                person.search_text, person.search_phonetic = search.compute_search_fields(*_names(person))
                persons.append(person)
        Person.objects.bulk_create(persons, batch_size=500)
        rows: dict[type[Model], list[Any]] = defaultdict(list)
        for plan in batch:
            for member in plan.members:
                pk = member.person.pk
                rows[Nationality].extend({"person_id": pk, "code": code} for code in member.nationalities)
                rows[PersonLanguage].extend(
                    {"person_id": pk, "code": code, "is_native": native} for code, native in member.languages
                )
                rows[ResidencePeriod].extend(
                    {"person_id": pk, "status": p.status, "legal_basis": p.legal_basis,
                     "duldung_kind": p.duldung_kind, "valid_from": p.valid_from, "valid_until": p.valid_until,
                     "document_number": p.document_number, "note": p.note}
                    for p in member.story.periods
                )
                for obj in (*member.entries, *member.stays, *member.facts):
                    obj.person_id = pk
                    rows[type(obj)].append(obj)
                rows[Note].extend({"person_id": pk, "text": text} for text in member.notes)
            for person_index, relative_index, kind, custody, since in plan.relations:
                rows[FamilyRelation].append({
                    "person_id": plan.members[person_index].person.pk,
                    "relative_id": plan.members[relative_index].person.pk,
                    "kind": kind, "has_custody": custody, "since": since,
                })
        for model, objects in rows.items():
            _insert(model, objects)
            counts[model._meta.model_name] += len(objects)
        counts["person"] += len(persons)
        counts["household"] += len(households)
        rebuild = getattr(search, "rebuild_search_keys", None)
        return rebuild(persons) if rebuild is not None else None


def _insert(model: type[Model], rows: list[Any], chunk: int = 2000) -> None:
    """INSERT rows whose primary keys nobody needs back: ``COPY`` on PostgreSQL, else ``executemany``.

    ``bulk_create`` spends most of its time compiling one placeholder per value, and building a model
    instance per row costs as much again; for the million rows of a large demo set a plain parameterised
    INSERT of plain values is several times faster. Rows are model instances or dicts of attribute
    values; the fields prepare every value themselves (``get_db_prep_save`` adapts dates, decimals and
    choices; missing values take the field default, ``auto_now_add`` the current time), so what is
    stored is what ``bulk_create`` would store.
    """
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    defaults = {
        f.attname: now if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False) else f.get_default()
        for f in fields
    }
    quote = connection.ops.quote_name
    # Only quoted table and column names from the model's metadata go into the text; values are parameters.
    table, columns = quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608
    sql_copy = f"COPY {table} ({columns}) FROM STDIN"

    # Text, number and flag values of these field types are stored as they are: skip the preparation.
    plain = [f.get_internal_type() in _PLAIN_FIELDS for f in fields]

    def prepared(field: Any, is_plain: bool, value: Any) -> Any:
        if value is None or (is_plain and type(value) in (str, int, bool)):
            return value
        return field.get_db_prep_save(value, connection)

    def values(row: Any) -> list[Any]:
        if isinstance(row, dict):
            return [prepared(f, p, row.get(f.attname, defaults[f.attname])) for f, p in zip(fields, plain, strict=True)]
        return [prepared(f, p, f.pre_save(row, True)) for f, p in zip(fields, plain, strict=True)]

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY streams the rows in one command; many single INSERTs cost a round of parsing each.
            with cursor.cursor.copy(sql_copy) as copy:
                for row in rows:
                    copy.write_row(values(row))
            return
        for start in range(0, len(rows), chunk):
            cursor.executemany(sql, [values(row) for row in rows[start : start + chunk]])


def _names(person: Person) -> tuple[str, ...]:
    names = getattr(search, "person_names", None)
    if names is not None:
        return names(person)
    return (person.family_name, person.given_names, person.family_name_latin, person.given_names_latin,
            person.birth_name)


def reset(*, batch_size: int = 2000, progress: Progress | None = None) -> dict[str, int]:
    """Delete the demo data: persons (with everything attached), their households, demo accounts and teams.

    Audit entries stay (they are never deleted); one more records the removal.
    """
    persons = demo_persons()
    ids = list(persons.order_by("pk").values_list("pk", flat=True))
    household_ids = set(persons.exclude(household=None).values_list("household_id", flat=True))
    for start in range(0, len(ids), batch_size):
        with transaction.atomic():
            Person.objects.filter(pk__in=ids[start : start + batch_size]).delete()
        if progress:
            progress(min(start + batch_size, len(ids)), len(ids), 0.0)
    with transaction.atomic():
        empty = Household.objects.filter(pk__in=household_ids, members__isnull=True)
        counts = {
            "persons": len(ids),
            "households": empty.count(),
            "accounts": accounts.demo_users().count(),
            "teams": accounts.demo_teams().filter(persons__isnull=True).count(),
            "datasets": DemoDataset.objects.count(),
        }
        ids_of_empty = list(empty.values_list("pk", flat=True))
        for start in range(0, len(ids_of_empty), batch_size):
            Household.objects.filter(pk__in=ids_of_empty[start : start + batch_size]).delete()
        prune = getattr(search, "prune_search_tokens", None)
        if prune is not None and ids:
            prune()
        accounts.demo_users().delete()
        accounts.demo_teams().filter(persons__isnull=True).delete()
        DemoDataset.objects.all().delete()
        if any(counts.values()):
            record(actor=None, action=AuditAction.DELETE, purpose=AUDIT_PURPOSE_DELETED, object_type="demo.dataset",
                   details={"counts": counts})
    return counts
