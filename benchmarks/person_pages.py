"""Benchmark: person search and person overview page with 100 000 demo persons, through the full stack.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wegweiser python benchmarks/person_pages.py

Uses its own database on the server of DATABASE_URL (default name ``wegweiser_bench``, created if
missing), migrates it and seeds the demo data (skipped when the same number of persons with the same
seed is already there). Then it logs in through the real log-in views (password and TOTP code) with
django.test.Client -- every middleware, the policy checks, the audit trail and template rendering run as in
production, with DEBUG off -- and measures the response times of searches with realistic queries and of
overview pages of random persons. Prints count, p50, p95, p99 and max in milliseconds and whether the
target (p95 < 150 ms) is met. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections import defaultdict
from io import StringIO

import _common
from _common import TARGET_P95_MS, percentile, table

QUERY_KINDS = (
    # (kind, weight): how often each kind of query occurs in the mix
    ("Name", 20), ("andere Umschrift", 20), ("Originalschrift", 10), ("Tippfehler", 20),
    ("Aktenzeichen", 10), ("Name + Geburtsdatum", 15), ("nur Familienname", 5),
)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=100_000, help="demo persons (default 100000)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the demo data (default 1)")
    parser.add_argument("--requests", type=int, default=300, help="measured requests per page (default 300)")
    parser.add_argument("--warmup", type=int, default=30, help="unmeasured requests per page first (default 30)")
    parser.add_argument("--database-name", default="wegweiser_bench",
                        help="database created on the PostgreSQL server of DATABASE_URL (default wegweiser_bench)")
    parser.add_argument("--username", default="sachbearbeitung", help="demo account to measure with")
    parser.add_argument("--reseed", action="store_true", help="seed again even if the same demo data is there")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 if a target is missed")
    args = parser.parse_args()
    if args.requests < 200:
        parser.error("--requests: at least 200, otherwise p95/p99 say little")
    return args


def prepare_database(args: argparse.Namespace) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        sys.exit("DATABASE_URL fehlt, z. B. DATABASE_URL=postgres://postgres@127.0.0.1:5432/wegweiser_bench")
    if not _common.is_postgres(url):
        print("Hinweis: Das Ziel gilt für PostgreSQL; gemessen wird hier mit", url.split(":", 1)[0])
        return url
    bench_url = _common.with_database_name(url, args.database_name)
    if _common.create_database(url, args.database_name):
        print(f"Datenbank {args.database_name} angelegt.")
    return bench_url


def seed(args: argparse.Namespace) -> float | None:
    """Migrate and seed unless the same demo data is already there; returns the seeding time in seconds."""
    from django.core.management import call_command
    from django.db import connection

    from wegweiser.demo.models import DemoDataset
    from wegweiser.persons.models import Person

    call_command("migrate", verbosity=0)
    dataset = DemoDataset.objects.order_by("-created_at").first()
    same = dataset and dataset.seed == args.seed and dataset.persons == args.persons == Person.objects.count()
    if same and not args.reseed:
        print(f"Demodaten vorhanden ({dataset}); Erzeugung übersprungen "
              f"(damals {dataset.seconds or 0:.0f} s).")
        return None
    print(f"Erzeuge {args.persons} Demo-Personen (Startwert {args.seed}) …", flush=True)
    started = time.perf_counter()
    out = StringIO()
    call_command("seed_demo", persons=args.persons, seed=args.seed, reset=True, stdout=out)
    seconds = time.perf_counter() - started
    print(f"Demodaten erzeugt in {seconds:.0f} s.")
    if connection.vendor == "postgresql":
        # As autovacuum would do in time: planner statistics, and no dead rows left by --reset.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return seconds


def login(args: argparse.Namespace):
    """A client logged in through the real views: password, then the current TOTP code."""
    from django.test import Client
    from django.urls import reverse
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from wegweiser.accounts.services import current_code
    from wegweiser.demo import accounts

    # Passwords derive from SECRET_KEY: refresh them so an older seed with other settings still logs in.
    accounts.ensure_accounts(args.seed, accounts.ensure_teams())
    client = Client()
    response = client.post(reverse("accounts:login"), {
        "username": args.username, "password": accounts.demo_password(args.seed, args.username)})
    if response.status_code != 302:
        sys.exit(f"Anmeldung fehlgeschlagen (Passwortschritt, Status {response.status_code}).")
    device = TOTPDevice.objects.get(user__username=args.username, confirmed=True)
    response = client.post(reverse("accounts:otp"), {"token": current_code(device)})
    if response.status_code != 302 or client.get(reverse("core:home")).status_code != 200:
        sys.exit("Anmeldung fehlgeschlagen (zweiter Faktor).")
    return client


# --- realistic queries ----------------------------------------------------------------------------------


def _spelling_variants() -> dict[str, list[str]]:
    """Latin spelling -> the other spellings of the same name (from the demo name lists)."""
    from wegweiser.demo import names

    variants: dict[str, list[str]] = defaultdict(list)
    for origin in names.ORIGINS:
        for name_pool in (origin.male, origin.female, origin.family):
            for name in name_pool.names if name_pool else ():
                for spellings in (name.latin, name.latin_female):
                    for spelling in spellings:
                        variants[spelling].extend(s for s in spellings if s != spelling)
    return variants


def _typo(rng: random.Random, word: str) -> str:
    """One slip of the keyboard: letters swapped, one left out, one doubled or one replaced."""
    if len(word) < 5:
        return word + word[-1]
    index = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:index] + word[index + 1] + word[index] + word[index + 2:]
    if kind == 1:
        return word[:index] + word[index + 1:]
    if kind == 2:
        return word[:index] + word[index] + word[index:]
    vowels = "aeiou"
    replacement = rng.choice([v for v in vowels if v != word[index].lower()])
    return word[:index] + replacement + word[index + 1:]


def queries(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """``count`` (kind, query) pairs built from random demo persons."""
    from wegweiser.persons.models import Person

    variants = _spelling_variants()
    ids = list(Person.objects.values_list("pk", flat=True))
    picked = Person.objects.in_bulk(rng.sample(ids, min(len(ids), count * 2)))
    persons = list(picked.values())
    rng.shuffle(persons)
    kinds = [k for k, _w in QUERY_KINDS]
    weights = [w for _k, w in QUERY_KINDS]
    result: list[tuple[str, str]] = []
    for person in persons:
        if len(result) >= count:
            break
        family = person.family_name_latin or person.family_name
        given = (person.given_names_latin or person.given_names).split(" ")[0]
        kind = rng.choices(kinds, weights)[0]
        if kind == "Name":
            query = f"{given} {family}"
        elif kind == "andere Umschrift":
            other_family = rng.choice(variants.get(family) or [family])
            other_given = rng.choice(variants.get(given) or [given])
            if (other_family, other_given) == (family, given):
                kind, query = "Name", f"{family} {given}"
            else:
                query = f"{other_given} {other_family}"
        elif kind == "Originalschrift":
            if not person.family_name_latin:
                kind, query = "Name", f"{family}, {given}"
            else:
                query = f"{person.family_name} {person.given_names.split(' ')[0]}"
        elif kind == "Tippfehler":
            query = f"{given} {_typo(rng, family)}"
        elif kind == "Aktenzeichen":
            query = person.file_number if rng.random() < 0.7 else person.file_number.lower()
        elif kind == "Name + Geburtsdatum":
            query = f"{family} {person.birth_date}" if person.birth_date else f"{family} {given}"
        else:
            query = family
        result.append((kind, query))
    return result


# --- measuring ------------------------------------------------------------------------------------------


def measure(client, url: str, params: dict | None = None, **headers: str) -> float:
    started = time.perf_counter()
    response = client.get(url, params or {}, **headers)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{url} {params or ''}: Status {response.status_code}")
    return elapsed


def query_counts(client, search_url: str, detail_urls: list[str], sample: list[tuple[str, str]]) -> tuple[int, int]:
    """Median SQL queries per search and per overview page (measured apart from the timings)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def median_queries(calls) -> int:
        counts = []
        for call in calls:
            with CaptureQueriesContext(connection) as captured:
                call()
            counts.append(len(captured))
        return sorted(counts)[len(counts) // 2]

    searches = [lambda q=q: client.get(search_url, {"q": q}) for _kind, q in sample[:15]]
    details = [lambda u=u: client.get(u) for u in detail_urls[:15]]
    return median_queries(searches), median_queries(details)


def row(label: str, values: list[float], target: bool = True) -> list[object]:
    p95 = percentile(values, 95)
    verdict = ("erreicht" if p95 < TARGET_P95_MS else "VERFEHLT") if target else ""
    return [label, len(values), f"{percentile(values, 50):.1f}", f"{p95:.1f}", f"{percentile(values, 99):.1f}",
            f"{max(values):.1f}", verdict]


def main() -> int:
    args = parse_args()
    url = prepare_database(args)
    _common.setup_django(url)
    from django.urls import reverse

    from wegweiser.persons.models import Person

    seconds = seed(args)
    client = login(args)
    rng = random.Random(args.seed * 7919 + args.persons)
    total = args.requests + args.warmup
    search_queries = queries(total, rng)
    ids = list(Person.objects.values_list("pk", flat=True))
    detail_ids = rng.sample(ids, min(len(ids), total))
    detail_urls = [reverse("persons:detail", kwargs={"pk": pk}) for pk in detail_ids]
    # The staying-perspectives panel, which the overview page loads right after itself (htmx).
    panel_urls = [reverse("perspectives:panel", kwargs={"person_pk": pk}) for pk in detail_ids]
    search_url = reverse("persons:search")

    for (_kind, query), detail in zip(search_queries[: args.warmup], detail_urls[: args.warmup], strict=False):
        measure(client, search_url, {"q": query})
        measure(client, detail)
    search_times: list[float] = []
    search_by_kind: dict[str, list[float]] = defaultdict(list)
    detail_times: list[float] = []
    panel_times: list[float] = []
    measured = zip(search_queries[args.warmup :], detail_urls[args.warmup :], panel_urls[args.warmup :],
                   strict=False)
    for (kind, query), detail, panel in measured:  # interleaved, as staff would use both
        elapsed = measure(client, search_url, {"q": query})
        search_times.append(elapsed)
        search_by_kind[kind].append(elapsed)
        detail_times.append(measure(client, detail))
        panel_times.append(measure(client, panel, HTTP_HX_REQUEST="true"))

    search_queries_n, detail_queries_n = query_counts(client, search_url, detail_urls, search_queries)
    print()
    print(table(("Umgebung", ""), _common.environment() + [
        ("Personen", f"{Person.objects.count():,}".replace(",", ".")),
        ("Konto", args.username),
        ("Erzeugung der Demodaten", f"{seconds:.0f} s" if seconds is not None else "übersprungen (vorhanden)"),
    ]))
    print()
    headers = ("Messung", "Anzahl", "p50 ms", "p95 ms", "p99 ms", "max ms", f"Ziel p95 < {TARGET_P95_MS:.0f} ms")
    rows = [row("Personensuche", search_times), row("Personenübersicht", detail_times),
            row("Bleibeperspektiven (nachgeladen)", panel_times, target=False)]
    print(table(headers, rows, numeric=True))
    print()
    print("Personensuche nach Art der Anfrage:")
    by_kind = [row(kind, values, target=False)[:-1] for kind, values in sorted(search_by_kind.items())]
    print(table(headers[:-1], by_kind, numeric=True))
    print()
    print(f"SQL-Abfragen je Anfrage (Median): Suche {search_queries_n}, Übersicht {detail_queries_n}")
    missed = any(percentile(values, 95) >= TARGET_P95_MS for values in (search_times, detail_times))
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
