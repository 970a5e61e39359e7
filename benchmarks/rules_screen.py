"""Benchmark: screening many persons against all pathways at once (vectorised, polars), compared with a loop.

    python benchmarks/rules_screen.py                      # 1 000 000 persons
    python benchmarks/rules_screen.py --persons 100000

Generates N persons' flat records directly as a polars frame in the layout of ``vector.frame_schema()``
(vectorised with numpy and polars, realistic distributions, unknown facts as null), writes them to a
temporary Parquet file and measures, each phase in its own child process so that the peak memory of one
phase does not hide another's (peak = ``ru_maxrss`` of that child, including reading the Parquet file):

1. generating the frame;
2. ``vector.evaluate_frame`` for all pathways (the figure that counts), and for § 25b alone;
3. the naive per-person loop (``engine.assess_record`` per row, full explanation) on a sample, extrapolated
   to N and labelled so; the sample's outcomes are compared with the vectorised ones;
4. an OpenFisca model of § 25b's core conditions (years of stay, oral German A2, livelihood, no serious
   conviction), if ``openfisca-core`` is installed (``pip install -e ".[bench]"``).

Prints a table: method, rows, seconds, rows/s, peak MB. Targets: N = 1 000 000 × all pathways in < 30 s and
< 4 GB, faster than OpenFisca. Nothing is asserted; ``--strict`` exits with status 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

import _common
from _common import table

AS_OF = date(2026, 11, 23)
EPOCH = date(1970, 1, 1)
TARGET_SECONDS = 30.0
TARGET_MB = 4096.0
TARGET_ROWS = 1_000_000


def peak_mb() -> float:
    """Peak resident set size of this process (Linux reports kilobytes, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024


def _day(d: date) -> int:
    return (d - EPOCH).days


# --- generating the frame ----------------------------------------------------------------------------------


class Generator:
    """Column-wise random data: every draw is one numpy call for all persons (or all list items)."""

    def __init__(self, n: int, seed: int) -> None:
        import numpy as np

        self.np = np
        self.n = n
        self.rng = np.random.default_rng(seed)

    def pick(self, values: list[Any], p: list[float], size: int | None = None, dtype: Any = None):
        """Values drawn with probabilities ``p`` (``None`` among the values gives nulls)."""
        import polars as pl

        p = self.np.asarray(p, dtype=float)
        idx = self.rng.choice(len(values), size=self.n if size is None else size, p=p / p.sum())
        return pl.Series(values, dtype=dtype).gather(idx)

    def dates(self, days, null=None):
        """Days since 1970 as a Date series; ``null`` (bool array) marks unknown dates."""
        import polars as pl

        arr = self.np.asarray(days, dtype=float)
        if null is not None:
            arr = arr.copy()
            arr[null] = self.np.nan
        return pl.Series(arr, nan_to_null=True).cast(pl.Int32).cast(pl.Date)

    def days_between(self, lo: date, hi: date, size: int | None = None):
        return self.rng.integers(_day(lo), _day(hi) + 1, size=self.n if size is None else size)

    def chance(self, p: float, size: int | None = None):
        return self.rng.random(self.n if size is None else size) < p

    def counts(self, p_null: float, p_counts: list[float]):
        """Per person: whether the list is unknown (null), and how many items it has otherwise."""
        null = self.chance(p_null)
        p = self.np.asarray(p_counts, dtype=float)
        counts = self.rng.choice(len(p), size=self.n, p=p / p.sum())
        counts[null] = 0
        return null, counts

    def owners(self, counts):
        return self.np.repeat(self.np.arange(self.n), counts)


def list_column(name: str, dtype: Any, n: int, owner, null, items: dict[str, Any], keep=None):
    """A list-of-struct column from items (owner = person index of each item, ascending).

    Persons without items get ``[]`` (known: none) unless ``null`` marks the list as unknown. Struct fields
    follow ``dtype`` exactly; fields not given are null.
    """
    import numpy as np
    import polars as pl

    fields = dtype.inner.fields
    m = len(owner)
    cols = {f.name: (items[f.name] if f.name in items else pl.Series([None] * m)).cast(f.dtype) for f in fields}
    inner = pl.DataFrame({"__o": np.asarray(owner, dtype=np.int64), **cols})
    if keep is not None:
        inner = inner.filter(pl.Series(keep))
    grouped = inner.select("__o", pl.struct([f.name for f in fields]).alias(name)).group_by(
        "__o", maintain_order=True).agg(pl.col(name))
    full = pl.DataFrame({"__o": np.arange(n, dtype=np.int64), "__null": null}).join(
        grouped, on="__o", how="left", maintain_order="left")
    empty = pl.lit(pl.Series([[]], dtype=dtype))
    return full.select(
        pl.when(pl.col("__null")).then(None).otherwise(pl.col(name).fill_null(empty)).cast(dtype).alias(name)
    ).to_series()


def generate(n: int, seed: int = 1):
    """N persons as the screening frame; assessment date ``AS_OF``."""
    import numpy as np
    import polars as pl

    from wegweiser.rules.situation import JUDGEMENT_KINDS
    from wegweiser.rules.vector import frame_schema

    schema = frame_schema()
    g = Generator(n, seed)
    as_of = _day(AS_OF)
    out: dict[str, Any] = {}
    out["format"] = pl.Series(["situation/1"]).gather(np.zeros(n, dtype=np.int64))
    out["as_of"] = g.dates(np.full(n, as_of))
    out["application_date"] = g.dates(as_of - g.rng.integers(0, 400, n), ~g.chance(0.2))
    out["person.id"] = pl.Series("id", np.arange(1, n + 1)).cast(pl.String).str.zfill(8).str.replace(r"^", "P")

    # Birth date: 8 % only the year known (month/day 00), 2 % unknown.
    birth = g.days_between(date(1950, 1, 1), date(2010, 12, 31))
    year_only = g.chance(0.08)
    unknown = g.chance(0.02)
    years = pl.Series(birth, dtype=pl.Int32).cast(pl.Date).dt.year().to_numpy()
    jan1 = pl.select(pl.date(pl.Series(years), 1, 1)).to_series().cast(pl.Int32).to_numpy()
    dec31 = pl.select(pl.date(pl.Series(years), 12, 31)).to_series().cast(pl.Int32).to_numpy()
    out["person.birth_date_min"] = g.dates(np.where(year_only, jan1, birth), unknown)
    out["person.birth_date_max"] = g.dates(np.where(year_only, dec31, birth), unknown)

    null, counts = g.counts(0.03, [0, 0.9, 0.1])
    owner = g.owners(counts)
    codes = ["SY", "AF", "IQ", "UA", "TR", "ER", "IR", "XX", "XU", "NG", "RU", "GE"]
    out["person.nationalities"] = list_column(
        "person.nationalities", schema["person.nationalities"], n, owner, null,
        {"code": g.pick(codes, [25, 20, 10, 15, 8, 4, 5, 2, 3, 3, 3, 2], len(owner))})

    # Residence: a chain of 1-4 periods from the first entry; waves of arrivals in 2015/16 and 2022/23.
    wave = g.rng.random(n)
    entry = np.where(
        wave < 0.30, g.days_between(date(2015, 6, 1), date(2016, 12, 31)),
        np.where(wave < 0.45, g.days_between(date(2022, 3, 1), date(2023, 12, 31)),
                 g.days_between(date(2008, 1, 1), date(2026, 6, 30))))
    null, counts = g.counts(0.03, [0, 30, 35, 25, 10])
    owner = g.owners(counts)
    m = len(owner)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    first = np.zeros(m, dtype=bool)
    first[starts[counts > 0]] = True
    last = np.zeros(m, dtype=bool)
    last[(starts + counts - 1)[counts > 0]] = True
    duration = g.rng.integers(90, 1461, m)
    gap = np.where(first | ~g.chance(0.10, m), 0, g.rng.integers(10, 200, m))
    inc = gap + duration
    cs = np.cumsum(inc)
    base = np.zeros(n, dtype=np.int64)
    has = counts > 0
    base[has] = cs[starts[has]] - inc[starts[has]]
    end = entry[owner] + cs - base[owner] - 1
    valid_from = end - duration + 1
    ongoing = last & g.chance(0.55, m)
    statuses = ["aufenthaltserlaubnis", "niederlassungserlaubnis", "visum", "aufenthaltsgestattung", "duldung",
                "fiktionsbescheinigung", "none"]
    first_status = g.pick(statuses, [15, 0, 10, 55, 15, 5, 0], m)
    later_status = g.pick(statuses, [40, 5, 0, 5, 40, 5, 5], m)
    status = pl.select(pl.when(pl.Series(first)).then(first_status).otherwise(later_status)).to_series()
    kind = g.pick(["60a", "60b", "60c", "60d", None], [75, 10, 7, 5, 3], m)
    basis = g.pick(["aufenthg_25_2", "aufenthg_104c", "aufenthg_25_5", "aufenthg_25a", "aufenthg_25b", None],
                   [30, 20, 15, 5, 5, 25], m)
    items = pl.DataFrame({"status": status, "kind": kind, "basis": basis}).select(
        "status",
        pl.when(pl.col("status") == "duldung").then(pl.col("kind")).alias("duldung_kind"),
        pl.when(pl.col("status") == "aufenthaltserlaubnis").then(pl.col("basis")).alias("legal_basis"),
    )
    out["residence"] = list_column("residence", schema["residence"], n, owner, null, {
        "status": items["status"], "duldung_kind": items["duldung_kind"], "legal_basis": items["legal_basis"],
        "valid_from": g.dates(valid_from), "valid_until": g.dates(end, ongoing),
    }, keep=valid_from <= as_of)

    null, counts = g.counts(0.04, [0, 1])
    owner = g.owners(counts)
    out["entries"] = list_column("entries", schema["entries"], n, owner, null, {
        "date": g.dates(entry[owner]), "first_entry": g.pick([True, None], [95, 5], len(owner))})

    null, counts = g.counts(0.05, [80, 15, 5])
    owner = g.owners(counts)
    left = np.maximum(entry[owner] + 30, as_of - g.rng.integers(20, 3000, len(owner)))
    out["stays_abroad"] = list_column("stays_abroad", schema["stays_abroad"], n, owner, null, {
        "left_on": g.dates(left), "returned_on": g.dates(left + g.rng.integers(1, 120, len(owner)), g.chance(0.03, len(owner)))},
        keep=left <= as_of)

    out["identity.status"] = g.pick(["clarified", "not_clarified", "in_progress", None], [50, 25, 10, 15])
    clarified = (out["identity.status"] == "clarified").fill_null(False).to_numpy()
    out["identity.clarified_on"] = g.dates(np.minimum(entry + g.rng.integers(0, 1500, n), as_of),
                                           ~clarified | g.chance(0.2))
    null, counts = g.counts(0.5, [60, 25, 15])
    owner = g.owners(counts)
    out["identity_steps"] = list_column("identity_steps", schema["identity_steps"], n, owner, null, {
        "kind": g.pick(["passport_application", "embassy_appointment", "civil_documents", "lawyer_in_country", "other"],
                       [40, 30, 15, 5, 10], len(owner)),
        "taken_on": g.dates(as_of - g.rng.integers(0, 2000, len(owner)))})
    null, counts = g.counts(0.3, [30, 65, 5])
    owner = g.owners(counts)
    issued = as_of - g.rng.integers(0, 3650, len(owner))
    out["passports"] = list_column("passports", schema["passports"], n, owner, null, {
        "kind": g.pick(["national", "substitute", "travel_document"], [80, 10, 10], len(owner)),
        "valid_from": g.dates(issued, g.chance(0.1, len(owner))),
        "valid_until": g.dates(issued + 3650, g.chance(0.1, len(owner)))})

    null, counts = g.counts(0.3, [35, 50, 15])
    owner = g.owners(counts)
    out["language_certificates"] = list_column(
        "language_certificates", schema["language_certificates"], n, owner, null, {
            "level": g.pick(["A1", "A2", "B1", "B2", "C1", "C2"], [20, 35, 30, 10, 4, 1], len(owner)),
            "scope": g.pick(["oral", "complete", None], [25, 70, 5], len(owner)),
            "issued_on": g.dates(np.minimum(entry[owner] + g.rng.integers(180, 3000, len(owner)), as_of))})
    null, counts = g.counts(0.4, [50, 50])
    owner = g.owners(counts)
    out["civic_tests"] = list_column("civic_tests", schema["civic_tests"], n, owner, null, {
        "kind": g.pick(["lid", "einbuergerungstest"], [80, 20], len(owner)),
        "passed": g.pick([True, False, None], [80, 15, 5], len(owner)),
        "taken_on": g.dates(np.minimum(entry[owner] + g.rng.integers(180, 3000, len(owner)), as_of))})
    out["integration_course.obliged"] = g.pick([True, False, None], [50, 20, 30])
    out["integration_course.status"] = g.pick(
        ["obliged", "enrolled", "completed", "attended", "exempt", "not_obliged", None], [10, 10, 25, 10, 3, 7, 35])
    out["integration_course.status_date"] = g.dates(as_of - g.rng.integers(0, 2500, n), g.chance(0.5))
    out["integration_course.was_possible"] = g.pick([True, False, None], [40, 10, 50])

    age_days = as_of - birth
    young = age_days < 25 * 365
    null, counts = g.counts(0.5, [70, 30])
    counts[~young] = 0
    owner = g.owners(counts)
    school_from = np.maximum(entry[owner], birth[owner] + 6 * 365)
    out["school_attendance"] = list_column("school_attendance", schema["school_attendance"], n, owner, null, {
        "attended_from": g.dates(school_from),
        "attended_until": g.dates(school_from + g.rng.integers(300, 4000, len(owner)), g.chance(0.4, len(owner))),
        "regular": g.pick([True, False, None], [70, 10, 20], len(owner))}, keep=school_from <= as_of)
    null, counts = g.counts(0.5, [40, 55, 5])
    owner = g.owners(counts)
    out["qualifications"] = list_column("qualifications", schema["qualifications"], n, owner, null, {
        "kind": g.pick(["hauptschule", "mittlere_reife", "abitur", "vocational", "academic", "foreign"],
                       [15, 10, 5, 15, 5, 50], len(owner)),
        "obtained_on": g.dates(as_of - g.rng.integers(100, 9000, len(owner)), g.chance(0.3, len(owner))),
        "obtained_in_germany": g.pick([True, False, None], [45, 45, 10], len(owner)),
        "recognised": g.pick([True, False, None], [30, 20, 50], len(owner))})
    null, counts = g.counts(0.6, [85, 15])
    owner = g.owners(counts)
    t_start = as_of - g.rng.integers(-200, 1500, len(owner))
    out["vocational_training"] = list_column("vocational_training", schema["vocational_training"], n, owner, null, {
        "kind": g.pick(["qualified", "assistant", "preparatory"], [70, 20, 10], len(owner)),
        "starts_on": g.dates(t_start), "ends_on": g.dates(t_start + 1095, g.chance(0.1, len(owner))),
        "registered": g.pick([True, False, None], [70, 5, 25], len(owner)),
        "terminated_on": g.dates(t_start + 200, ~g.chance(0.1, len(owner)))}, keep=t_start <= as_of + 200)
    null, counts = g.counts(0.7, [90, 10])
    owner = g.owners(counts)
    u_from = as_of - g.rng.integers(0, 2500, len(owner))
    out["university_studies"] = list_column("university_studies", schema["university_studies"], n, owner, null, {
        "from": g.dates(u_from), "until": g.dates(u_from + 1500, g.chance(0.6, len(owner)))})

    # Employment and livelihood, as the job centre and the person report them.
    null, counts = g.counts(0.25, [40, 45, 15])
    owner = g.owners(counts)
    e_start = np.minimum(entry[owner] + g.rng.integers(100, 4000, len(owner)), as_of)
    e_kind = g.pick(["employed", "self_employed", "minijob"], [75, 5, 20], len(owner))
    out["employment"] = list_column("employment", schema["employment"], n, owner, null, {
        "kind": e_kind, "starts_on": g.dates(e_start),
        "ends_on": g.dates(e_start + g.rng.integers(30, 2000, len(owner)), g.chance(0.55, len(owner))),
        "hours_per_week": pl.Series(np.round(g.rng.uniform(5, 42, len(owner)) * 2) / 2).set(
            pl.Series(g.chance(0.15, len(owner))), None),
        "social_insurance": pl.select(pl.when(e_kind == "minijob").then(False).otherwise(
            g.pick([True, False, None], [80, 5, 15], len(owner)))).to_series(),
        "full_time": g.pick([True, False, None], [40, 30, 30], len(owner))})
    null, counts = g.counts(0.25, [10, 75, 15])
    owner = g.owners(counts)
    l_from = np.minimum(entry[owner] + g.rng.integers(0, 4000, len(owner)), as_of)
    out["livelihood"] = list_column("livelihood", schema["livelihood"], n, owner, null, {
        "period_from": g.dates(l_from), "period_until": g.dates(l_from + 700, g.chance(0.7, len(owner))),
        "secured": g.pick(["fully", "partly", "not", None], [35, 25, 35, 5], len(owner)),
        "by_employment": g.pick([True, False, None], [50, 40, 10], len(owner)),
        "benefits": g.pick(["none", "sgb2", "sgb12", "asylblg", "bafoeg_bab", "housing_child", None],
                           [35, 25, 3, 20, 3, 9, 5], len(owner))})
    out["housing.adequate"] = g.pick([True, False, None], [60, 10, 30])
    out["pension.months"] = pl.Series(g.rng.integers(0, 240, n)).set(pl.Series(g.chance(0.4)), None)
    out["pension.as_of"] = g.dates(as_of - g.rng.integers(0, 365, n), out["pension.months"].is_null().to_numpy())

    # Conduct: most have none; a few fines, fewer prison sentences.
    null, counts = g.counts(0.2, [90, 8, 2])
    owner = g.owners(counts)
    k = len(owner)
    prison = g.chance(0.3, k)
    decided = np.maximum(entry[owner] + 200, as_of - g.rng.integers(30, 4000, k))
    conviction_items = {
        "decided_on": g.dates(decided),
        "intentional": g.pick([True, False, None], [80, 10, 10], k),
        "daily_rates": pl.Series(g.rng.integers(5, 181, k)).set(pl.Series(prison), None),
        "prison_months": pl.Series(g.rng.integers(1, 60, k)).set(pl.Series(~prison), None),
        "suspended": g.pick([True, False, None], [60, 30, 10], k),
        "juvenile_law": g.pick([True, False, None], [15, 75, 10], k),
        "immigration_only_offence": g.pick([True, False, None], [20, 70, 10], k),
        "erased_on": g.dates(decided + 1825, ~g.chance(0.1, k)),
    }
    out["convictions"] = list_column("convictions", schema["convictions"], n, owner, null, conviction_items,
                                     keep=decided <= as_of)
    null, counts = g.counts(0.3, [97, 3])
    owner = g.owners(counts)
    out["expulsion_interests"] = list_column("expulsion_interests", schema["expulsion_interests"], n, owner, null, {
        "absatz": g.pick([1, 2, None], [20, 70, 10], len(owner), dtype=pl.Int64),
        "nummer": g.pick(["1", "2", "9", "1a", None], [30, 20, 30, 5, 15], len(owner)),
        "since": g.dates(as_of - g.rng.integers(0, 2000, len(owner)), g.chance(0.2, len(owner)))})
    out["expulsion_order"] = g.pick([False, True, None], [80, 1, 19])
    null, counts = g.counts(0.3, [998, 2])
    owner = g.owners(counts)
    out["extremism_indications"] = list_column("extremism_indications", schema["extremism_indications"], n, owner,
                                               null, {"noted_on": g.dates(as_of - g.rng.integers(0, 2000, len(owner))),
                                                      "confirmed": g.pick([True, False, None], [30, 30, 40], len(owner))})
    null, counts = g.counts(0.4, [92, 8])
    owner = g.owners(counts)
    out["health_exemptions"] = list_column("health_exemptions", schema["health_exemptions"], n, owner, null, {
        "scope": g.pick(["language", "civic_test", "livelihood", "school", "all"], [35, 25, 20, 5, 15], len(owner)),
        "ground": g.pick(["illness_or_disability", "age", None], [70, 20, 10], len(owner)),
        "certificate_date": g.dates(as_of - g.rng.integers(0, 1500, len(owner)), g.chance(0.2, len(owner)))})
    out["fdgo_declared_on"] = g.dates(as_of - g.rng.integers(0, 1500, n), ~g.chance(0.3))
    out["historical_responsibility_declared_on"] = g.dates(as_of - g.rng.integers(0, 700, n), ~g.chance(0.1))
    out["removal_obstruction.false_statements_or_deception"] = g.pick([False, True, None], [60, 5, 35])
    out["removal_obstruction.non_cooperation"] = g.pick([False, True, None], [55, 10, 35])
    out["removal_obstruction.repeated"] = g.pick([False, True, None], [40, 5, 55])

    # Household: spouse and children (children's birth dates after the parent's).
    out["household.has_spouse"] = g.pick([True, False, None], [45, 40, 15])
    spouse = (out["household.has_spouse"]).fill_null(False).to_numpy()
    out["household.spouse.lives_together"] = pl.select(pl.when(pl.Series(spouse)).then(
        g.pick([True, False, None], [80, 10, 10]))).to_series()
    null, counts = g.counts(0.5, [50, 50])
    null |= ~spouse
    counts[null] = 0
    owner = g.owners(counts)
    out["household.spouse.language_certificates"] = list_column(
        "household.spouse.language_certificates", schema["household.spouse.language_certificates"], n, owner, null, {
            "level": g.pick(["A1", "A2", "B1", "B2"], [25, 40, 30, 5], len(owner)),
            "scope": g.pick(["oral", "complete"], [30, 70], len(owner)),
            "issued_on": g.dates(as_of - g.rng.integers(0, 2500, len(owner)))})
    null, counts = g.counts(0.5, [50, 50])
    null |= ~spouse
    counts[null] = 0
    owner = g.owners(counts)
    s_start = as_of - g.rng.integers(0, 3000, len(owner))
    out["household.spouse.employment"] = list_column(
        "household.spouse.employment", schema["household.spouse.employment"], n, owner, null, {
            "kind": g.pick(["employed", "minijob"], [80, 20], len(owner)), "starts_on": g.dates(s_start),
            "ends_on": g.dates(s_start + 1000, g.chance(0.6, len(owner))),
            "hours_per_week": pl.Series(g.rng.uniform(10, 40, len(owner)).round(1)),
            "social_insurance": g.pick([True, False, None], [75, 10, 15], len(owner))})
    null, counts = g.counts(0.5, [97, 3])
    null |= ~spouse
    counts[null] = 0
    owner = g.owners(counts)
    out["household.spouse.convictions"] = list_column(
        "household.spouse.convictions", schema["household.spouse.convictions"], n, owner, null, {
            "decided_on": g.dates(as_of - g.rng.integers(30, 3000, len(owner))),
            "intentional": g.pick([True, None], [90, 10], len(owner)),
            "daily_rates": pl.Series(g.rng.integers(5, 91, len(owner)))})
    out["household.spouse.pension_months"] = pl.Series(g.rng.integers(0, 200, n)).set(
        pl.Series(~spouse | g.chance(0.5)), None)
    null, counts = g.counts(0.15, [45, 20, 20, 10, 5])
    owner = g.owners(counts)
    k = len(owner)
    child_birth = np.maximum(birth[owner] + 18 * 365, as_of - g.rng.integers(0, 9000, k))
    out["household.children"] = list_column("household.children", schema["household.children"], n, owner, null, {
        "birth_date_min": g.dates(child_birth, g.chance(0.03, k)),
        "birth_date_max": g.dates(child_birth, g.chance(0.03, k)),
        "unmarried": g.pick([True, False, None], [85, 5, 10], k),
        "lives_together": g.pick([True, False, None], [80, 10, 10], k),
        "school_attendance_proven": g.pick([True, False, None], [50, 5, 45], k)}, keep=child_birth <= as_of)
    out["household.single_parent"] = g.pick([True, False, None], [10, 60, 30])
    out["household.cares_for_relative"] = g.pick([True, False, None], [3, 67, 30])

    null, counts = g.counts(0.1, [93, 7])
    owner = g.owners(counts)
    k = len(owner)
    out["judgements"] = list_column("judgements", schema["judgements"], n, owner, null, {
        "id": pl.Series(np.arange(k)).cast(pl.String).str.replace(r"^", "J"),
        "kind": g.pick(list(JUDGEMENT_KINDS), [30, 10, 15, 25, 10, 5, 5], k),
        "subject": g.pick([None, "aufenthg_25b", "aufenthg_25a", "stag_10"], [40, 30, 20, 10], k),
        "value": g.pick(["positive", "negative"], [75, 25], k),
        "recorded_on": g.dates(as_of - g.rng.integers(0, 1000, k))})

    if "employment_ban.entered_for_benefits" in schema:
        out["employment_ban.entered_for_benefits"] = g.pick([False, True, None], [60, 1, 39])
        out["employment_ban.safe_country_asylum_rejected"] = g.pick([False, True, None], [60, 5, 35])
    if "removal_measures" in schema:
        null, counts = g.counts(0.3, [95, 5])
        owner = g.owners(counts)
        started_on = as_of - g.rng.integers(0, 700, len(owner))
        out["removal_measures"] = list_column("removal_measures", schema["removal_measures"], n, owner, null, {
            "kind": g.pick(["medical_examination", "voluntary_return_application", "transport_booking", "comparable",
                            "dublin_procedure", "ammr_procedure"], [20, 10, 20, 10, 35, 5], len(owner)),
            "initiated_on": g.dates(started_on),
            "ended_on": g.dates(started_on + 90, g.chance(0.6, len(owner)))})
    # Columns added to situation/1 after this generator was written stay unknown (null) for everyone.
    for name in sorted(set(schema) - set(out)):
        NOT_GENERATED.append(name)
        out[name] = pl.Series(name, [None] * n, dtype=schema[name])
    return pl.DataFrame({k: out[k].alias(k) for k in schema}).cast(schema)


#: Columns of the frame schema the generator leaves null (printed with the figures).
NOT_GENERATED: list[str] = []


# --- phases, each run in a child process ------------------------------------------------------------------


def phase_generate(args: argparse.Namespace) -> dict[str, Any]:
    started = time.perf_counter()
    df = generate(args.persons, args.seed)
    seconds = time.perf_counter() - started
    df.write_parquet(args.data)
    return {"rows": df.height, "seconds": seconds, "peak_mb": peak_mb(), "not_generated": NOT_GENERATED,
            "frame_mb": df.estimated_size() / 1024 / 1024, "parquet_mb": Path(args.data).stat().st_size / 1024 / 1024}


def _read(path: str):
    import polars as pl

    return pl.read_parquet(path)


def phase_vector(args: argparse.Namespace) -> dict[str, Any]:
    import polars as pl

    from wegweiser.rules.pathways import PATHWAYS
    from wegweiser.rules.vector import evaluate_frame

    df = _read(args.data)
    loaded_mb = peak_mb()
    if args.pathways == CORE_25B:
        chosen = [core_25b()]
    else:
        chosen = [PATHWAYS[p] for p in args.pathways.split(",")] if args.pathways else None
    started = time.perf_counter()
    wide = evaluate_frame(df, AS_OF, chosen)
    seconds = time.perf_counter() - started
    outcomes = {
        c.removesuffix(".outcome"): {str(k): v for k, v in wide.get_column(c).cast(pl.String).value_counts()
                                     .iter_rows()}
        for c in wide.columns if c.endswith(".outcome")
    }
    return {"rows": df.height, "seconds": seconds, "peak_mb": peak_mb(), "loaded_mb": loaded_mb,
            "pathways": len(outcomes), "outcomes": outcomes}


CORE_25B = "core-25b"
#: The § 25b conditions the OpenFisca model covers: stay, livelihood, oral German, no serious expulsion interest.
CORE_25B_CONDITIONS = ("voraufenthalt", "lebensunterhalt", "deutsch_a2_muendlich", "versagung_ausweisungsinteresse")


def core_25b():
    """§ 25b with only the conditions the OpenFisca model has (same id, so judgements still apply)."""
    from dataclasses import replace

    from wegweiser.rules.pathways import PATHWAYS

    full = PATHWAYS["aufenthg_25b"]
    return replace(full, conditions=[c for c in full.conditions if c.id in CORE_25B_CONDITIONS])


def phase_loop(args: argparse.Namespace) -> dict[str, Any]:
    """``assess_record`` per row (full explanation) on the first ``--sample`` rows; compared with the vector."""
    import polars as pl

    from wegweiser.rules import assess_record
    from wegweiser.rules.vector import evaluate_frame


    df = pl.read_parquet(args.data, n_rows=args.sample)
    started = time.perf_counter()
    records = df.to_dicts()
    convert = time.perf_counter() - started
    started = time.perf_counter()
    # each full assessment is built and then reduced to what the vector gives, as a caller would use and drop it
    results = [[(p["id"], p["outcome"], p["earliest_date"], len(p["missing"])) for p in assess_record(r)["pathways"]]
               for r in records]
    seconds = time.perf_counter() - started
    peak = peak_mb()
    wide = evaluate_frame(df, AS_OF)
    mismatches = 0
    examples: list[str] = []
    for p_index, pid in enumerate(p[0] for p in results[0]):
        outcome = wide.get_column(f"{pid}.outcome").cast(pl.String).to_list()
        earliest = wide.get_column(f"{pid}.earliest_date").to_list()
        gaps = wide.get_column(f"{pid}.gaps").to_list()
        for row, result in enumerate(results):
            vec = (outcome[row], earliest[row] and earliest[row].isoformat(), gaps[row])
            scalar = result[p_index][1:]
            if vec != scalar:
                mismatches += 1
                if len(examples) < 5:
                    examples.append(f"row {row + 1} {pid}: vector {vec} / per person {scalar}")
    return {"rows": df.height, "seconds": seconds, "convert_seconds": convert, "peak_mb": peak,
            "mismatches": mismatches, "examples": examples, "compared": len(results) * len(results[0])}


def openfisca_inputs(df):
    """§ 25b core inputs per person, derived from the same frame with polars (OpenFisca has no lists and no null:
    unknown becomes the default, False or 0)."""
    import polars as pl

    a = pl.lit(AS_OF)
    qualifying = pl.col("status").is_in(["duldung", "aufenthaltsgestattung", "aufenthaltserlaubnis",
                                         "fiktionsbescheinigung"]) & (pl.col("duldung_kind").fill_null("") != "60b")
    periods = (
        df.select(pl.int_range(pl.len()).alias("pid"), "residence").explode("residence").unnest("residence")
        .filter(pl.col("valid_from").is_not_null() & (pl.col("valid_from") <= a))
        .sort("pid", "valid_from")
        .with_columns(
            until=pl.col("valid_until").fill_null(pl.date(2200, 12, 31)), ok=qualifying,
        )
        .with_columns(
            brk=(~pl.col("ok") | pl.col("ok").shift(1).over("pid").not_()
                 | (pl.col("valid_from") > pl.col("until").shift(1).over("pid") + pl.duration(days=1)))
            .fill_null(True),
        )
        .with_columns(chain=pl.col("brk").cum_sum().over("pid"))
        .filter(pl.col("chain") == pl.col("chain").max().over("pid"))
        .group_by("pid")
        .agg(since=pl.col("valid_from").min(), covers=(pl.col("ok") & (pl.col("until") >= a)).last())
        .filter(pl.col("covers"))
    )
    levels = {"A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6}
    lang = pl.col("language_certificates").list.eval(
        pl.when(pl.element().struct.field("issued_on") <= a)
        .then(pl.element().struct.field("level").replace_strict(levels, default=0, return_dtype=pl.Int8))
    ).list.max().fill_null(0)
    livelihood = pl.col("livelihood").list.eval(
        (pl.element().struct.field("period_from") <= a)
        & (pl.element().struct.field("period_until").is_null() | (pl.element().struct.field("period_until") >= a))
        & pl.element().struct.field("secured").is_in(["fully", "partly"])
        & pl.element().struct.field("by_employment").fill_null(False)
    ).list.any().fill_null(False)
    c = pl.element().struct.field
    prison = c("prison_months").fill_null(0)
    serious = pl.col("convictions").list.eval(
        (c("decided_on") <= a) & (c("erased_on").is_null() | (c("erased_on") > a)) & c("intentional").fill_null(False)
        & ((prison >= 24) | (~c("juvenile_law").fill_null(True) & (prison >= 6))
           | (c("juvenile_law").fill_null(False) & (prison >= 12) & ~c("suspended").fill_null(True)))
    ).list.any().fill_null(False)
    base = df.select(pl.int_range(pl.len()).alias("pid"), lang.alias("german_level"),
                     livelihood.alias("livelihood_by_employment"), serious.alias("serious_conviction"))
    return base.join(periods.select("pid", "since"), on="pid", how="left", maintain_order="left")


def phase_openfisca(args: argparse.Namespace) -> dict[str, Any]:
    try:
        import openfisca_core  # noqa: F401
    except ImportError:
        return {"skipped": "openfisca-core not installed"}
    import numpy as np

    df = _read(args.data)
    started = time.perf_counter()
    inputs = openfisca_inputs(df)
    prepare = time.perf_counter() - started
    tbs = openfisca_system()
    started = time.perf_counter()
    sim = _openfisca_simulation(tbs, inputs)
    eligible = sim.calculate("aufenthg_25b_core", AS_OF.isoformat())
    seconds = time.perf_counter() - started
    return {"rows": df.height, "seconds": seconds, "prepare_seconds": prepare, "peak_mb": peak_mb(),
            "eligible": int(np.count_nonzero(eligible)), "version": _openfisca_version()}


def _openfisca_version() -> str:
    from importlib.metadata import version

    return version("openfisca-core")


def _openfisca_simulation(tbs, inputs):
    import numpy as np
    from openfisca_core.simulations import SimulationBuilder

    sim = SimulationBuilder().build_default_simulation(tbs, inputs.height)
    since = inputs.get_column("since")
    no_stay = since.is_null().to_numpy()
    since_arr = since.fill_null(AS_OF).to_numpy().astype("datetime64[D]")
    sim.set_input("stay_since", "eternity", since_arr)
    sim.set_input("has_qualifying_stay", "eternity", ~no_stay)
    sim.set_input("german_level", "eternity", inputs.get_column("german_level").to_numpy().astype(np.int32))
    sim.set_input("livelihood_by_employment", "eternity", inputs.get_column("livelihood_by_employment").to_numpy())
    sim.set_input("serious_conviction", "eternity", inputs.get_column("serious_conviction").to_numpy())
    return sim


def openfisca_system():
    """A small OpenFisca tax-benefit system: § 25b core conditions, the years as a dated parameter."""
    import datetime

    import numpy as np
    from openfisca_core.entities import build_entity
    from openfisca_core.parameters import ParameterNode
    from openfisca_core.periods import DateUnit
    from openfisca_core.taxbenefitsystems import TaxBenefitSystem
    from openfisca_core.variables import Variable

    person = build_entity(key="person", plural="persons", label="Person", is_person=True)

    def var(name: str, value_type: Any, unit: Any = DateUnit.ETERNITY, formula: Any = None) -> type:
        attrs = {"value_type": value_type, "entity": person, "definition_period": unit, "label": name}
        if formula is not None:
            attrs["formula"] = formula
        return type(name, (Variable,), attrs)

    def years_met(p, period, parameters):
        since = p("stay_since", period)
        today = np.datetime64(period.start.date, "D")
        years = parameters(period).aufenthg_25b.years_single
        # whole years: the anniversary is reached when (today - since) >= years * 365 + leap days (approx.)
        return p("has_qualifying_stay", period) & ((today - since).astype(np.int64) >= np.floor(years * 365.25))

    def german(p, period, parameters):
        return p("german_level", period) >= parameters(period).aufenthg_25b.oral_german_level

    def core(p, period, parameters):
        return (p("aufenthg_25b_years", period) & p("aufenthg_25b_german", period)
                & p("livelihood_by_employment", period) & ~p("serious_conviction", period))

    tbs = TaxBenefitSystem([person])
    tbs.parameters = ParameterNode("", data={"aufenthg_25b": {
        "years_single": {"values": {"2015-08-01": {"value": 8}, "2022-12-31": {"value": 6}}},
        "oral_german_level": {"values": {"2015-08-01": {"value": 2}}},  # A2
    }})
    tbs.add_variables(
        var("stay_since", datetime.date), var("has_qualifying_stay", bool), var("german_level", int),
        var("livelihood_by_employment", bool), var("serious_conviction", bool),
        var("aufenthg_25b_years", bool, DateUnit.DAY, years_met),
        var("aufenthg_25b_german", bool, DateUnit.DAY, german),
        var("aufenthg_25b_core", bool, DateUnit.DAY, core),
    )
    return tbs


PHASES = {"generate": phase_generate, "vector": phase_vector, "loop": phase_loop, "openfisca": phase_openfisca}


def run_phase(args: argparse.Namespace, phase: str, *extra: str) -> dict[str, Any]:
    """Run one phase in a fresh interpreter; its last stdout line is the JSON result."""
    command = [sys.executable, str(Path(__file__).resolve()), "--phase", phase, "--data", args.data,
               "--persons", str(args.persons), "--seed", str(args.seed), "--sample", str(args.sample), *extra]
    done = subprocess.run(command, capture_output=True, text=True, cwd=_common.ROOT)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"phase {phase} failed (exit status {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _rate(rows: float, seconds: float) -> str:
    return f"{rows / seconds:,.0f}" if seconds > 0 else "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=TARGET_ROWS, help="persons to generate (default 1000000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", type=int, default=20_000, help="rows for the per-person loop (default 20000)")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 if a target is missed")
    parser.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    parser.add_argument("--pathways", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(PHASES[args.phase](args), default=str))
        return 0

    import platform

    import polars as pl

    from wegweiser.rules.pathways import PATHWAYS

    args.sample = min(args.sample, args.persons)
    with tempfile.TemporaryDirectory(prefix="wegweiser-screen-") as tmp:
        args.data = str(Path(tmp) / "persons.parquet")
        print(f"Erzeuge {args.persons:,} Personen …", flush=True)
        gen = run_phase(args, "generate")
        print("Vektorisiert, alle Pfade …", flush=True)
        vec = run_phase(args, "vector")
        print("Vektorisiert, nur § 25b …", flush=True)
        vec25b = run_phase(args, "vector", "--pathways", "aufenthg_25b")
        print("Vektorisiert, nur die vier § 25b-Kernbedingungen des OpenFisca-Modells …", flush=True)
        core = run_phase(args, "vector", "--pathways", CORE_25B)
        print(f"Schleife je Person ({args.sample:,} Zeilen) …", flush=True)
        loop = run_phase(args, "loop")
        print("OpenFisca …", flush=True)
        ofc = run_phase(args, "openfisca")

    n = vec["rows"]
    n_pathways = len(PATHWAYS)
    rows = [
        ("Erzeugen (numpy/polars)", f"{gen['rows']:,}", f"{gen['seconds']:.2f}", _rate(gen["rows"], gen["seconds"]),
         f"{gen['peak_mb']:.0f}"),
        (f"evaluate_frame, alle {n_pathways} Pfade", f"{n:,}", f"{vec['seconds']:.2f}", _rate(n, vec["seconds"]),
         f"{vec['peak_mb']:.0f}"),
        ("evaluate_frame, nur § 25b", f"{n:,}", f"{vec25b['seconds']:.2f}", _rate(n, vec25b["seconds"]),
         f"{vec25b['peak_mb']:.0f}"),
        ("evaluate_frame, § 25b nur 4 Kernbedingungen", f"{n:,}", f"{core['seconds']:.2f}", _rate(n, core["seconds"]),
         f"{core['peak_mb']:.0f}"),
        (f"assess_record je Person, alle Pfade (Stichprobe {loop['rows']:,})", f"{loop['rows']:,}",
         f"{loop['seconds']:.2f}", _rate(loop["rows"], loop["seconds"]), f"{loop['peak_mb']:.0f}"),
        (f"  hochgerechnet auf {n:,} (extrapoliert)", f"{n:,}", f"{loop['seconds'] * n / loop['rows']:.0f}",
         _rate(loop["rows"], loop["seconds"]), "-"),
    ]
    if "skipped" in ofc:
        print("OpenFisca: skipped: openfisca-core not installed")
    else:
        rows += [
            (f"OpenFisca {ofc['version']}, § 25b Kern (4 Bedingungen)", f"{ofc['rows']:,}", f"{ofc['seconds']:.2f}",
             _rate(ofc["rows"], ofc["seconds"]), f"{ofc['peak_mb']:.0f}"),
            ("  + Eingaben aus Listen ableiten (polars)", f"{ofc['rows']:,}",
             f"{ofc['seconds'] + ofc['prepare_seconds']:.2f}",
             _rate(ofc["rows"], ofc["seconds"] + ofc["prepare_seconds"]), "-"),
        ]
    print()
    print(table(("Umgebung", ""), [
        ("CPU-Kerne", str(os.cpu_count())), ("Python", platform.python_version()), ("polars", pl.__version__),
        ("Stichtag", AS_OF.isoformat()), ("Frame im Speicher", f"{gen['frame_mb']:.0f} MB"),
        ("Parquet", f"{gen['parquet_mb']:.0f} MB"),
        ("nach dem Einlesen (vor evaluate_frame)", f"{vec['loaded_mb']:.0f} MB"),
    ]))
    if gen["not_generated"]:
        print("Nicht erzeugt (für alle null/unbekannt):", ", ".join(gen["not_generated"]))
    print()
    print(table(("Methode", "Zeilen", "Sekunden", "Zeilen/s", "Peak MB"), rows, numeric=True))
    print()
    print("Peak MB: höchster RSS (ru_maxrss) des Kindprozesses der Phase, einschließlich Einlesen der Parquet-Datei.")
    print(f"Vergleich Schleife/Vektor auf der Stichprobe: {loop['mismatches']} Abweichungen bei "
          f"{loop['compared']:,} Ergebnissen (Ergebnis, frühestes Datum, Zahl der Lücken).")
    for line in loop["examples"]:
        print("  ", line)
    if "skipped" not in ofc:
        print(f"OpenFisca: {ofc['eligible']:,} Personen erfüllen die vier Kernbedingungen (unbekannt = nein). "
              "Nicht gleichwertig: ohne null/Erklärungen/übrige Bedingungen; nur als Größenordnung.")
    print()
    print(table(("Pfad", "Ergebnisse (vektorisiert)"), [
        (pid, ", ".join(f"{k} {v:,}" for k, v in sorted(counts.items())))
        for pid, counts in vec["outcomes"].items()
    ]))

    ok_time = n < TARGET_ROWS or vec["seconds"] < TARGET_SECONDS
    ok_mem = n < TARGET_ROWS or vec["peak_mb"] < TARGET_MB
    # like for like: the same four conditions, both starting from the same frame
    ok_of = "skipped" in ofc or core["seconds"] < ofc["seconds"] + ofc["prepare_seconds"]
    print()
    print(f"Ziel < {TARGET_SECONDS:.0f} s bei {TARGET_ROWS:,} Personen: {'erreicht' if ok_time else 'VERFEHLT'}"
          + ("" if n >= TARGET_ROWS else " (weniger Personen gemessen)"))
    print(f"Ziel < {TARGET_MB / 1024:.0f} GB: {'erreicht' if ok_mem else 'VERFEHLT'}")
    verdict = "nicht gemessen (openfisca-core fehlt)" if "skipped" in ofc else ("ja" if ok_of else "NEIN")
    print(f"Schneller als OpenFisca (vier Kernbedingungen, beide ab demselben Frame): {verdict}")
    return 1 if args.strict and not (ok_time and ok_mem and ok_of) else 0


if __name__ == "__main__":
    sys.exit(main())
