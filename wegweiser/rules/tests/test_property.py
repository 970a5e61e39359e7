"""Property: the scalar and the vectorised evaluation give the same outcome and earliest date, for every
registered pathway (read from ``PATHWAYS`` at run time) and at least 10 000 generated situations.

Each Hypothesis example is a batch of 500 documents for one assessment date (see ``strategies``): the batch is
evaluated once vectorised (``evaluate_frame``) and each document once scalar (``assess_record``). Shrinking is
off — a batch of 500 shrinks slowly; the failure message names the first differing document instead.
"""

from __future__ import annotations

import json
from collections import Counter

from hypothesis import HealthCheck, Phase, given, settings

from wegweiser.rules.engine import assess_record
from wegweiser.rules.pathways import PATHWAYS
from wegweiser.rules.situation import normalise
from wegweiser.rules.vector import evaluate_frame, frame_from_records

from .builders import duldung, residence, situation, stay_abroad
from .strategies import Batch, batches

BATCH = 500
EXAMPLES = 22
MINIMUM = 10_000
#: Outcomes the generator must reach for the pathways of issue 3, so the comparison covers the deep branches.
MUST_REACH = {pid: {"eligible", "eligible_later", "not_eligible", "undetermined"}
              for pid in ("aufenthg_25a", "aufenthg_25b")}


def test_scalar_and_vectorised_agree_for_all_pathways() -> None:
    pathways = list(PATHWAYS.values())
    counted: list[int] = []
    reached: Counter[tuple[str, str]] = Counter()

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None, print_blob=False,
              phases=(Phase.explicit, Phase.generate),
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
    @given(batches(BATCH))
    def check(batch: Batch) -> None:
        as_of, docs = batch.as_of, batch.docs
        records = [normalise(d) for d in docs]
        wide = evaluate_frame(frame_from_records(records), as_of, pathways).to_dict(as_series=False)
        for i, rec in enumerate(records):
            scalar = assess_record(rec, pathways)["pathways"]
            for p in scalar:
                earliest = wide[f"{p['id']}.earliest_date"][i]
                vector = (wide[f"{p['id']}.outcome"][i], earliest.isoformat() if earliest else None)
                reached[(p["id"], p["outcome"])] += 1
                assert vector == (p["outcome"], p["earliest_date"]), (
                    f"{p['id']} on {as_of}: vectorised {vector} != scalar {(p['outcome'], p['earliest_date'])}\n"
                    + json.dumps(docs[i], ensure_ascii=False))
        counted.append(len(docs))

    check()
    assert sum(counted) >= MINIMUM, f"only {sum(counted)} situations were generated"
    for pid, outcomes in MUST_REACH.items():
        missing = {o for o in outcomes if not reached[(pid, o)]}
        assert not missing, f"the generator never reached {sorted(missing)} for {pid}"


#: Found by the property test: § 104c's stretch on the cut-off day (31.10.2022) was shared with the § 25b
#: stretch on the assessment date when § 25b was compiled first (the stay abroad interrupts only the latter).
STAY_ABROAD_AFTER_CUTOFF = situation(
    "2023-12-23", "1988-12-24",
    residence=[residence("aufenthaltsgestattung", "2013-12-23", "2021-06-21"), duldung("2021-06-22", kind=None)],
    stays_abroad=[stay_abroad("2023-07-02")], identity={"status": "clarified"}, convictions=[],
    expulsion_interests=[], extremism_indications=[], fdgo_declared_on="2021-12-23", judgements=[],
    removal_obstruction={"false_statements_or_deception": False, "non_cooperation": False, "repeated": False},
)


def test_pathways_evaluated_together_equal_each_alone() -> None:
    """Shared intermediate columns of one vectorised run must not leak between pathways, in any order."""
    pathways = list(PATHWAYS.values())
    rec = normalise(STAY_ABROAD_AFTER_CUTOFF)
    frame = frame_from_records([rec])
    alone = {p.id: evaluate_frame(frame, rec["as_of"], [p]).row(0) for p in pathways}
    scalar = {p["id"]: p for p in assess_record(rec, pathways)["pathways"]}
    for order in (pathways, pathways[::-1]):
        together = evaluate_frame(frame, rec["as_of"], order).to_dict(as_series=False)
        for p in order:
            got = tuple(together[f"{p.id}.{k}"][0] for k in ("outcome", "earliest_date", "gaps"))
            assert got == alone[p.id], f"{p.id}: together {got} != alone {alone[p.id]}"
            earliest = got[1].isoformat() if got[1] else None
            assert (got[0], earliest) == (scalar[p.id]["outcome"], scalar[p.id]["earliest_date"]), p.id
