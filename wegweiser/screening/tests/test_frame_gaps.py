"""The vectorised count of achievable gaps equals what the per-person engine lists (``engine.assess``)."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from wegweiser.rules.engine import assess_record
from wegweiser.rules.pathways import PATHWAYS
from wegweiser.rules.situation import normalise
from wegweiser.rules.tests.strategies import PROFILES, document, key_dates
from wegweiser.rules.vector import ACHIEVABLE_KINDS, evaluate_frame, frame_from_records

PER_DATE = 400


def dates() -> list[date]:
    keys = key_dates()
    return [date(2026, 11, 23), date(2024, 3, 1), *keys[:: max(1, len(keys) // 4)]]


@pytest.mark.parametrize("as_of", dates(), ids=str)
def test_achievable_gaps_equal_the_engine(as_of: date) -> None:
    docs = [document(as_of, PROFILES[i % len(PROFILES)], 1000 + i, i) for i in range(PER_DATE)]
    records = [normalise(d) for d in docs]
    wide = evaluate_frame(frame_from_records(records), as_of, achievable=True).to_dict(as_series=False)
    seen: Counter[int] = Counter()
    for i, rec in enumerate(records):
        for p in assess_record(rec)["pathways"]:
            kinds = [g["kind"] for g in p["missing"]]
            achievable = sum(k in ACHIEVABLE_KINDS for k in kinds)
            got = (wide[f"{p['id']}.gaps"][i], wide[f"{p['id']}.achievable_gaps"][i])
            assert got == (len(kinds), achievable), (p["id"], as_of, kinds, got)
            seen[achievable] += 1
    # the comparison covers none, one ("one step away") and several achievable gaps
    assert seen[0] and seen[1] and sum(n for k, n in seen.items() if k > 1)


def test_without_the_flag_the_output_is_unchanged() -> None:
    as_of = date(2026, 11, 23)
    frame = frame_from_records([normalise(document(as_of, "integrated_25b", 1, 0))])
    plain = evaluate_frame(frame, as_of)
    assert plain.columns == [f"{pid}.{k}" for pid in PATHWAYS for k in ("outcome", "earliest_date", "gaps")]
    extended = evaluate_frame(frame, as_of, achievable=True)
    assert extended.select(plain.columns).equals(plain)
