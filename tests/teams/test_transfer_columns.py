"""The column definition both directions share: formula neutralising, headings, reading cells."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from council.models import Council
from teams.transfer.columns import (
    Amount,
    CellInvalid,
    Count,
    Day,
    exchange_columns,
    in_every_language,
    neutralise,
    restore,
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@given(st.text())
def test_restore_takes_away_exactly_what_neutralise_added(text):
    assert restore(neutralise(text)) == text


@given(st.text(alphabet=st.sampled_from("'=+-@\t\rAa1 "), max_size=6))
def test_a_neutralised_cell_never_starts_a_formula(text):
    assert not neutralise(text).startswith(FORMULA_STARTS)


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+82 2 120", "'+82 2 120"),
        ("-", "'-"),
        ("@user", "'@user"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("'=1", "''=1"),
        ("'quoted", "'quoted"),
        ("Seoul = Beijing", "Seoul = Beijing"),
        ("", ""),
    ],
)
def test_neutralise(text, cell):
    assert neutralise(text) == cell


def test_no_two_columns_share_a_heading_in_any_language(db):
    columns = exchange_columns(Council.objects.get(name_en="Seoul–Beijing Integration Council").rotation())

    headings = [heading for column in columns for heading in column.headings()]

    assert len(headings) == len(set(headings))


def test_headings_are_recognised_in_every_language(db):
    seoul = Council.objects.get(name_en="Seoul–Beijing Integration Council").rotation()[0]
    participants = exchange_columns([seoul])[12]

    assert participants.headings() == {"participants_sel"} | in_every_language(participants.heading)
    assert "participants from seoul" in participants.headings()


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("2025-04-21", dt.date(2025, 4, 21)),
        ("2025/4/21", dt.date(2025, 4, 21)),
        ("2025.04.21.", dt.date(2025, 4, 21)),
        ("2025년 4월 21일", dt.date(2025, 4, 21)),
        ("2025年4月21日", dt.date(2025, 4, 21)),
        ("2025-04-21 00:00:00", dt.date(2025, 4, 21)),
        (dt.datetime(2025, 4, 21, tzinfo=dt.UTC), dt.date(2025, 4, 21)),
        (dt.date(2025, 4, 21), dt.date(2025, 4, 21)),
    ],
)
def test_dates_are_read_as_people_write_them(cell, value):
    assert Day().parse(cell, lookups=None, row={}) == value


@pytest.mark.parametrize("cell", ["21/04/2025", "2025-13-01", "tomorrow", 45000, "2025-04-21 09:30"])
def test_other_dates_are_refused(cell):
    with pytest.raises(CellInvalid):
        Day().parse(cell, lookups=None, row={})


@pytest.mark.parametrize(("cell", "value"), [("1,200", 1200), (12.0, 12), (7, 7), (" 3 ", 3), ("0", 0)])
def test_counts(cell, value):
    assert Count().parse(cell, lookups=None, row={}) == value


@pytest.mark.parametrize("cell", ["1.5", 2.5, "-1", "Infinity", "NaN", "1e12", True, "twelve"])
def test_counts_refused(cell):
    with pytest.raises(CellInvalid):
        Count().parse(cell, lookups=None, row={})


@pytest.mark.parametrize(
    ("cell", "value"), [("1,500,000.50", Decimal("1500000.50")), (1500000.5, Decimal("1500000.5")), ("0", Decimal(0))]
)
def test_amounts(cell, value):
    assert Amount().parse(cell, lookups=None, row={}) == value
