"""Hypothesis strategies for batches of valid ``situation/1`` documents (property test of the two speeds).

Why seeds: Hypothesis gives one example about 8 KB of choices. A batch of 500 rich documents (dozens of
fields each) does not fit, and the vectorised speed has a fixed cost per call, so batches must be large.
Each document is therefore drawn as (profile, seed) by Hypothesis and expanded deterministically by
``document``: the profile picks an archetype (random, near § 25a, near § 25b, near a settled permit holder,
sparse with unknowns) and the seeded generator fills and mutates it. The assessment date of a batch is drawn
by Hypothesis from the change dates of all registered pathways (the day before and the day of each) and from
a free range, so new pathways and their versions are covered automatically.

Generated documents cover: unknowns (null) for facts and lists, empty lists, partial birth dates, dates
on and around the thresholds (anniversaries ± 1 day), every residence status and Duldung kind, § 104c
permits, fines around 50/90 daily rates, sentences around the § 54 thresholds, and judgements of every kind
for general, pathway and condition subjects — present or absent.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from hypothesis import strategies as st

from wegweiser.rules.dates import add_months
from wegweiser.rules.pathway import AnyOf
from wegweiser.rules.pathways import PATHWAYS
from wegweiser.rules.situation import DULDUNG_KINDS, JUDGEMENT_KINDS, RESIDENCE_STATUSES

Doc = dict[str, Any]

PROFILES = ("random", "young_25a", "integrated_25b", "settled_permit", "sparse")
CEFR = ("A1", "A2", "B1", "B2", "C1", "C2")
LEGAL_BASES = (None, "aufenthg_104c", "aufenthg_25_5", "aufenthg_25a", "aufenthg_25b", "aufenthg_23_1",
               "aufenthg_16g", "aufenthg_19d", "aufenthg_25_2", "aufenthg_28_1", "asylg_3")
#: Month offsets that hit the thresholds of the encoded rules (12 months, 30 months, 3/4/5/6/8 years ...).
THRESHOLD_MONTHS = (0, 1, 3, 6, 12, 18, 20, 24, 30, 36, 48, 60, 72, 84, 96, 120)
AGES = (5, 6, 13, 14, 15, 16, 17, 18, 20, 21, 22, 26, 27, 28, 35, 50, 67)
FREE_RANGE = (date(2014, 1, 1), date(2030, 12, 31))


@cache
def key_dates() -> tuple[date, ...]:
    """The day before and the day of every change date of every registered pathway, plus fixed dates."""
    out = {date(2026, 11, 23), date(2021, 6, 15), date(2024, 1, 10)}
    for p in PATHWAYS.values():
        for d in p.change_dates():
            out |= {d - timedelta(days=1), d}
    return tuple(sorted(d for d in out if date(1990, 1, 1) <= d <= date(2040, 12, 31)))


@cache
def judgement_subjects() -> tuple[str | None, ...]:
    """None (general), every pathway id and every ``pathway.condition`` id, read at run time."""
    out: list[str | None] = [None]
    for p in PATHWAYS.values():
        out.append(p.id)
        for node in p.conditions:
            out.append(f"{p.id}.{node.id}")
            if isinstance(node, AnyOf):
                out += [f"{p.id}.{o.id}" for o in node.options]
    return tuple(s for s in out if s is None or len(s) <= 80)


def as_of_dates() -> st.SearchStrategy[date]:
    return st.one_of(st.sampled_from(key_dates()), st.dates(*FREE_RANGE))


@dataclass(frozen=True)
class Batch:
    """Documents for one assessment date (short repr: Hypothesis prints failing examples)."""

    as_of: date
    docs: list[Doc]

    def __repr__(self) -> str:
        return f"Batch(as_of={self.as_of.isoformat()}, {len(self.docs)} documents)"


def batches(size: int = 500) -> st.SearchStrategy[Batch]:
    """One assessment date and ``size`` documents for it."""
    doc_keys = st.tuples(st.integers(0, len(PROFILES) - 1), st.integers(0, 2**32 - 1))
    return st.tuples(as_of_dates(), st.lists(doc_keys, min_size=size, max_size=size)).map(
        lambda t: Batch(t[0], [document(t[0], PROFILES[p], seed, i) for i, (p, seed) in enumerate(t[1])]))


# --- the seeded generator ------------------------------------------------------------------------------------

class Gen:
    """Draws for one document; ``a`` is the assessment date."""

    def __init__(self, rng: random.Random, a: date, null_rate: float) -> None:
        self.r, self.a, self.null_rate = rng, a, null_rate

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def pick(self, seq: Any) -> Any:
        return self.r.choice(seq)

    def maybe(self, value: Any) -> Any:
        """The value, or null (unknown) at the document's null rate."""
        return None if self.chance(self.null_rate) else value

    def back(self, months: int | None = None, jitter: int | None = None) -> date:
        """A date ``months`` before the assessment date (a threshold by default) moved by a few days."""
        m = self.pick(THRESHOLD_MONTHS) if months is None else months
        d = add_months(self.a, -m)
        j = self.pick((-1, 0, 0, 1, self.r.randint(-400, 400))) if jitter is None else jitter
        return _clip(d + timedelta(days=j))

    def after(self, start: date, max_days: int = 2000) -> date:
        return _clip(start + timedelta(days=self.r.randint(0, max_days)))

    def until(self, start: date) -> date | None:
        """An end on or after ``start``: ongoing, near the assessment date, or somewhere later."""
        roll = self.r.random()
        if roll < 0.45:
            return None
        if roll < 0.7:
            return max(start, _clip(self.a + timedelta(days=self.pick((-1, 0, 1, 30, -30, 365)))))
        return self.after(start, 1500)

    def items(self, make: Any, max_n: int = 3, empty: float = 0.25) -> list[Doc] | None:
        if self.chance(self.null_rate):
            return None
        if self.chance(empty):
            return []
        return [make() for _ in range(self.r.randint(1, max_n))]

    def bool(self) -> bool | None:
        return self.maybe(self.chance(0.5))

    # --- parts --------------------------------------------------------------------------------------------

    def birth_date(self) -> str | None:
        roll = self.r.random()
        if roll < self.null_rate:
            return None
        d = _clip(add_months(self.a, -12 * self.pick(AGES)) + timedelta(days=self.pick((-1, 0, 1, 0, 200, -200))))
        if roll < self.null_rate + 0.05:
            return f"{d.year:04d}-00-00"
        if roll < self.null_rate + 0.1:
            return f"{d.year:04d}-{d.month:02d}-00"
        return d.isoformat()

    def residence(self) -> list[Doc] | None:
        if self.chance(self.null_rate / 2):
            return None
        if self.chance(0.05):
            return []
        out: list[Doc] = []
        start = self.back(self.pick(THRESHOLD_MONTHS[2:]))
        for _ in range(self.r.randint(1, 4)):
            status = self.pick(RESIDENCE_STATUSES + ("duldung", "duldung", "aufenthaltserlaubnis"))
            item: Doc = {"status": status, "valid_from": start.isoformat()}
            if status == "duldung":
                item["duldung_kind"] = self.pick(DULDUNG_KINDS + (None, "60a"))
            elif self.chance(0.1):
                item["duldung_kind"] = self.pick(DULDUNG_KINDS)
            if status in ("aufenthaltserlaubnis", "fiktionsbescheinigung") or self.chance(0.05):
                item["legal_basis"] = self.pick(LEGAL_BASES)
            end = self.until(start) if self.chance(0.4) else self.after(start, 1200)
            item["valid_until"] = None if end is None else end.isoformat()
            out.append(item)
            if end is None:
                break
            start = _clip(end + timedelta(days=self.pick((1, 1, 1, 2, 30, 100))))
        self.r.shuffle(out)
        return out

    def stay_abroad(self) -> Doc:
        left = self.back(self.pick((1, 3, 6, 12, 24, 36)), self.r.randint(-60, 60))
        back = None if self.chance(0.1) else self.after(left, 400)
        return {"left_on": left.isoformat(), "returned_on": None if back is None else back.isoformat()}

    def passport(self) -> Doc:
        """Valid until around the assessment date (or unknown); valid from some time before that."""
        until = _clip(self.a + timedelta(days=self.pick((-1, 0, 1, 900))))
        start = min(self.back(), until)
        return {"kind": self.pick(("national", "substitute", "travel_document")),
                "valid_from": self.maybe(start.isoformat()), "valid_until": self.maybe(until.isoformat())}

    def certificate(self) -> Doc:
        return {"level": self.pick(CEFR), "scope": self.maybe(self.pick(("oral", "complete"))),
                "issued_on": self.back().isoformat()}

    def employment(self) -> Doc:
        start = self.back()
        end = self.until(start)
        return {"kind": self.pick(("employed", "self_employed", "minijob")), "starts_on": start.isoformat(),
                "ends_on": None if end is None else end.isoformat(),
                "hours_per_week": self.maybe(self.pick((10, 15, 19.5, 20, 25, 34, 35, 38, 40))),
                "social_insurance": self.bool(), "full_time": self.bool()}

    def conviction(self) -> Doc:
        decided = self.back()
        erased = self.after(decided, 3000) if self.chance(0.15) else None
        fine = self.chance(0.5)
        return {
            "decided_on": decided.isoformat(), "intentional": self.bool(),
            "daily_rates": self.maybe(self.pick((1, 30, 49, 50, 51, 89, 90, 91, 120, 360))) if fine else None,
            "prison_months": None if fine else self.maybe(self.pick((1, 3, 4, 5, 6, 11, 12, 23, 24, 36))),
            "suspended": self.bool(), "juvenile_law": self.bool(), "immigration_only_offence": self.bool(),
            "erased_on": None if erased is None else erased.isoformat(),
        }

    def child(self) -> Doc:
        born = _clip(add_months(self.a, -12 * self.pick((0, 2, 5, 6, 10, 17, 18, 19)))
                     + timedelta(days=self.pick((-1, 0, 1, 90))))
        bd = born.isoformat() if self.chance(0.9) else f"{born.year:04d}-00-00"
        return {"birth_date": self.maybe(bd), "unmarried": self.bool(), "lives_together": self.bool(),
                "school_attendance_proven": self.bool()}

    def judgement(self) -> Doc:
        return {"id": f"J{self.r.randint(0, 10**9)}", "kind": self.pick(JUDGEMENT_KINDS),
                "subject": self.pick(judgement_subjects()), "value": self.pick(("positive", "negative")),
                "recorded_on": self.back(self.pick((0, 1, 12, 60)), self.r.randint(-30, 30)).isoformat()}

    def period(self, start_key: str, end_key: str, extra: Doc) -> Doc:
        start = self.back()
        end = self.until(start)
        return {start_key: start.isoformat(), end_key: None if end is None else end.isoformat(), **extra}

    def date_or_none(self) -> str | None:
        return self.maybe(self.back().isoformat())


def _clip(d: date) -> date:
    return min(max(d, date(1950, 1, 1)), date(2060, 12, 31))


def random_document(g: Gen) -> Doc:
    """Every field of situation/1, each independently known, unknown or empty."""
    a = g.a
    return {
        "format": "situation/1",
        "as_of": a.isoformat(),
        "application_date": None if g.chance(0.6) else g.back(g.pick((0, 1, 3)), g.r.randint(-3, 3)).isoformat(),
        "person": {"id": g.maybe(f"P{g.r.randint(0, 99999)}"), "birth_date": g.birth_date(),
                   "nationalities": g.items(lambda: {"code": g.pick(("SY", "AF", "IQ", "XX", "XU"))}, 2)},
        "residence": g.residence(),
        "entries": g.items(lambda: {"date": g.back().isoformat(), "first_entry": g.bool()}, 2),
        "stays_abroad": g.items(g.stay_abroad, 2, empty=0.6),
        "identity": g.maybe({"status": g.maybe(g.pick(("clarified", "not_clarified", "in_progress"))),
                             "clarified_on": g.date_or_none()}),
        "identity_steps": g.items(lambda: {"kind": g.pick(("passport_application", "embassy_appointment", "other")),
                                           "taken_on": g.back().isoformat()}, 2),
        "passports": g.items(g.passport, 2),
        "language_certificates": g.items(g.certificate, 2),
        "civic_tests": g.items(lambda: {"kind": g.pick(("lid", "einbuergerungstest")), "passed": g.bool(),
                                        "taken_on": g.back().isoformat()}, 2),
        "integration_course": g.maybe({
            "obliged": g.bool(), "status": g.maybe(g.pick(("obliged", "enrolled", "completed", "attended", "exempt",
                                                          "not_obliged"))),
            "status_date": g.date_or_none(), "was_possible": g.bool()}),
        "school_attendance": g.items(lambda: g.period("attended_from", "attended_until", {"regular": g.bool()}), 2),
        "qualifications": g.items(lambda: {
            "kind": g.pick(("hauptschule", "mittlere_reife", "abitur", "vocational", "academic", "foreign")),
            "obtained_on": g.date_or_none(), "obtained_in_germany": g.bool(), "recognised": g.bool()}, 2),
        "vocational_training": g.items(lambda: _training(g), 1),
        "university_studies": g.items(lambda: g.period("from", "until", {}), 1),
        "employment": g.items(g.employment, 2),
        "livelihood": g.items(lambda: g.period("period_from", "period_until", {
            "secured": g.maybe(g.pick(("fully", "partly", "not"))), "by_employment": g.bool(),
            "benefits": g.maybe(g.pick(("none", "sgb2", "sgb12", "asylblg", "bafoeg_bab", "housing_child")))}), 2),
        "housing": g.maybe({"adequate": g.bool()}),
        "pension": g.maybe({"months": g.maybe(g.pick((0, 12, 59, 60, 61, 240))), "as_of": g.date_or_none()}),
        "convictions": g.items(g.conviction, 2, empty=0.5),
        "expulsion_interests": g.items(lambda: _interest(g), 1, empty=0.6),
        "expulsion_order": g.bool(),
        "extremism_indications": g.items(lambda: {"noted_on": g.back().isoformat(), "confirmed": g.bool()}, 1, 0.7),
        "health_exemptions": g.items(lambda: {
            "scope": g.pick(("language", "civic_test", "livelihood", "school", "all")),
            "ground": g.maybe(g.pick(("illness_or_disability", "age"))), "certificate_date": g.date_or_none()}, 1, 0.6),
        "fdgo_declared_on": g.date_or_none(),
        "historical_responsibility_declared_on": g.date_or_none(),
        "removal_obstruction": g.maybe({"false_statements_or_deception": g.bool(), "non_cooperation": g.bool(),
                                        "repeated": g.bool()}),
        "household": g.maybe({
            "has_spouse": g.bool(),
            "spouse": g.maybe({"lives_together": g.bool(), "language_certificates": g.items(g.certificate, 1),
                               "employment": g.items(g.employment, 1), "convictions": g.items(g.conviction, 1, 0.6),
                               "pension_months": g.maybe(g.pick((0, 36, 60)))}),
            "children": g.items(g.child, 3),
            "single_parent": g.bool(), "cares_for_relative": g.bool()}),
        "judgements": g.items(g.judgement, 4, empty=0.35),
    }


def _training(g: Gen) -> Doc:
    start = g.back()
    end = g.after(start, 1500)
    return {"kind": g.pick(("qualified", "assistant", "preparatory")), "starts_on": start.isoformat(),
            "ends_on": g.maybe(end.isoformat()), "registered": g.bool(),
            "terminated_on": g.after(start, 900).isoformat() if g.chance(0.15) else None}


def _interest(g: Gen) -> Doc:
    since = g.back()
    return {"absatz": g.maybe(g.pick((1, 2))), "nummer": g.maybe(g.pick(("1", "2", "3", "9"))),
            "since": g.maybe(since.isoformat()), "until": g.maybe(g.after(since).isoformat()) if g.chance(0.3) else None}


def _clean(g: Gen, doc: Doc) -> Doc:
    """An archetype: most facts known and favourable, so that deep branches and positive outcomes occur."""
    a = g.a
    doc.update({
        "identity": {"status": "clarified", "clarified_on": g.back(24).isoformat()},
        "passports": [{"kind": "national", "valid_until": (a + timedelta(days=900)).isoformat()}],
        "convictions": [], "expulsion_interests": [], "expulsion_order": False, "extremism_indications": [],
        "stays_abroad": [], "health_exemptions": [], "entries": [],
        "removal_obstruction": {"false_statements_or_deception": False, "non_cooperation": False, "repeated": False},
        "fdgo_declared_on": g.back(24).isoformat(), "historical_responsibility_declared_on": g.back(24).isoformat(),
        "livelihood": [{"period_from": g.back(60).isoformat(), "secured": "fully", "by_employment": True,
                        "benefits": "none"}],
        "language_certificates": [{"level": g.pick(("A2", "B1", "C1")), "scope": "complete",
                                   "issued_on": g.back(12).isoformat()}],
        "civic_tests": [{"kind": g.pick(("lid", "einbuergerungstest")), "passed": True,
                         "taken_on": g.back(12).isoformat()}],
        "integration_course": {"status": "completed", "was_possible": True},
        "housing": {"adequate": True}, "pension": {"months": g.pick((59, 60, 61, 120)), "as_of": a.isoformat()},
        "household": {"has_spouse": False, "children": [], "single_parent": False, "cares_for_relative": False},
        "judgements": [],
    })
    return doc


def document(a: date, profile: str, seed: int, index: int) -> Doc:
    """A valid situation/1 document for assessment date ``a``, from a profile and a seed."""
    rng = random.Random(f"{profile}/{seed}/{index}")
    g = Gen(rng, a, null_rate=0.5 if profile == "sparse" else rng.choice((0.0, 0.05, 0.15)))
    doc = random_document(g)
    if profile in ("random", "sparse"):
        return doc
    chaos = random_document(g)  # the source of mutations
    doc = _clean(g, doc)
    if profile == "young_25a":
        doc["person"]["birth_date"] = _clip(add_months(a, -12 * g.pick((13, 14, 17, 21, 26, 27)))
                                            + timedelta(days=g.pick((-1, 0, 1, 100)))).isoformat()
        start = g.back(g.pick((12, 36, 48)))
        doc["residence"] = [{"status": "duldung", "duldung_kind": g.pick(("60a", "60a", "60b", None)),
                             "valid_from": start.isoformat(), "valid_until": None}]
        doc["school_attendance"] = [{"attended_from": g.back(g.pick((36, 48))).isoformat(), "regular": True}]
        doc["judgements"] = [{"id": "P", "kind": "integration_prognosis", "subject": g.pick(("aufenthg_25a", None)),
                              "value": "positive", "recorded_on": g.back(1).isoformat()}]
    elif profile == "integrated_25b":
        doc["person"]["birth_date"] = g.back(12 * 35).isoformat()
        kind = g.pick(("60a", "60d", "60b", None))
        doc["residence"] = [
            {"status": "aufenthaltsgestattung", "valid_from": g.back(g.pick((72, 96, 120)), g.pick((-1, 0, 1))).isoformat(),
             "valid_until": g.back(g.pick((30, 48)), g.pick((-2, -1, 0))).isoformat()},
            {"status": "duldung", "duldung_kind": kind, "valid_from": "", "valid_until": None},
        ]
        doc["residence"][1]["valid_from"] = (date.fromisoformat(doc["residence"][0]["valid_until"])
                                             + timedelta(days=1)).isoformat()
        if g.chance(0.2):  # a § 104c permit instead of the Duldung
            doc["residence"][1].update(status="aufenthaltserlaubnis", legal_basis="aufenthg_104c", duldung_kind=None)
        doc["employment"] = [{"kind": "employed", "starts_on": g.back(36).isoformat(), "hours_per_week": 38,
                              "social_insurance": True}]
        if g.chance(0.5):
            doc["household"]["children"] = [g.child()]
    else:  # settled_permit
        doc["person"]["birth_date"] = g.back(12 * 40).isoformat()
        doc["residence"] = [{"status": "aufenthaltserlaubnis", "legal_basis": g.pick(LEGAL_BASES[1:]),
                             "valid_from": g.back(g.pick((36, 60, 96))).isoformat(), "valid_until": None}]
        doc["employment"] = [{"kind": "employed", "starts_on": g.back(36).isoformat(), "hours_per_week": 40,
                              "social_insurance": True, "full_time": True}]
    for key in rng.sample(sorted(chaos), rng.randint(0, 3)):  # a few facts from the random document
        if key not in ("format", "as_of"):
            doc[key] = chaos[key]
    return doc
