"""Partly unknown dates as recorded in practice ("00.00.1990")."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wegweiser.core.forms import PartialDateFormField
from wegweiser.core.partial_dates import PartialDate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14.03.1990", PartialDate(1990, 3, 14)),
        ("4.3.1990", PartialDate(1990, 3, 4)),
        ("00.03.1990", PartialDate(1990, 3, 0)),
        ("00.00.1990", PartialDate(1990, 0, 0)),
        ("03.1990", PartialDate(1990, 3, 0)),
        ("1990", PartialDate(1990, 0, 0)),
        ("1990-03-14", PartialDate(1990, 3, 14)),
        ("1990-00-00", PartialDate(1990, 0, 0)),
    ],
)
def test_parses_the_forms_used_in_files(text, expected):
    assert PartialDate.parse(text) == expected


@pytest.mark.parametrize("text", ["31.02.1990", "14.13.1990", "05.00.1990", "1990-02-30", "abc", "", "14.03.90", "01.01.1700"])
def test_rejects_impossible_or_malformed_dates(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_bounds_of_a_partly_unknown_date():
    assert PartialDate(1990).earliest() == date(1990, 1, 1)
    assert PartialDate(1990).latest() == date(1990, 12, 31)
    assert PartialDate(2024, 2).latest() == date(2024, 2, 29)
    assert PartialDate(2023, 12).latest() == date(2023, 12, 31)
    assert not PartialDate(1990, 3).is_complete and PartialDate(1990, 3, 1).is_complete


def test_storage_sorts_like_the_dates():
    values = [PartialDate(1990, 3, 14), PartialDate(1990), PartialDate(1989, 12, 31), PartialDate(1990, 3)]
    assert sorted(v.storage() for v in values) == [v.storage() for v in sorted(values)]


@given(st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31)), st.sampled_from(["full", "month", "year"]))
def test_round_trips_through_text_and_storage(day, precision):
    value = PartialDate(day.year, day.month if precision != "year" else 0, day.day if precision == "full" else 0)
    assert PartialDate.parse(str(value)) == value
    assert PartialDate.parse(value.storage()) == value
    assert value.earliest() <= day <= value.latest()


def test_form_field_gives_a_plain_message_and_accepts_partial_dates():
    field = PartialDateFormField(required=False)
    assert field.clean("00.00.1990") == PartialDate(1990)
    assert field.clean("") is None
    with pytest.raises(Exception) as excinfo:
        field.clean("31.02.1990")
    assert "gültiges Datum" in str(excinfo.value)
