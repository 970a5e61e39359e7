"""Vectorised date arithmetic equals the scalar one: month ends, leap days, the sentinels and null, on a column
and inside ``list.eval`` (where nothing can be materialised)."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from wegweiser.rules.dates import MAX_DATE, MIN_DATE, add_days, add_months
from wegweiser.rules.expr import pl_add_days, pl_add_months

DATES = [
    date(2020, 1, 31), date(2020, 2, 29), date(2021, 2, 28), date(2019, 3, 31), date(2023, 8, 31), date(2023, 12, 31),
    date(2024, 1, 1), date(2000, 2, 29), date(1999, 12, 1), MIN_DATE, MAX_DATE, None,
]


def _expected(d: date | None, f) -> date | None:
    return None if d is None else f(d)


@pytest.mark.parametrize("months", [-216, -24, -13, -1, 0, 1, 6, 12, 13, 30, 72, 216])
def test_add_months_matches_the_scalar_rule(months: int) -> None:
    frame = pl.DataFrame({"d": DATES}, schema={"d": pl.Date})
    column = frame.select(pl_add_months(pl.col("d"), months).alias("r"))["r"].to_list()
    shared = frame.select(pl_add_months(pl.col("d"), months, lambda e: e.alias("x")).alias("r"))["r"].to_list()
    items = (pl.DataFrame({"l": [DATES]}, schema={"l": pl.List(pl.Date)})
             .select(pl.col("l").list.eval(pl_add_months(pl.element(), months)))["l"][0].to_list())
    expected = [_expected(d, lambda x: add_months(x, months)) for d in DATES]
    assert column == expected
    assert shared == expected
    assert items == expected


@pytest.mark.parametrize("days", [-400, -1, 0, 1, 365])
def test_add_days_matches_the_scalar_rule(days: int) -> None:
    frame = pl.DataFrame({"d": DATES}, schema={"d": pl.Date})
    result = frame.select(pl_add_days(pl.col("d"), days).alias("r"))["r"].to_list()
    assert result == [_expected(d, lambda x: add_days(x, days)) for d in DATES]
