"""Dates and times as each language writes them, never a row of numbers a reader must guess the order of."""

import datetime as dt
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format, time_format

SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
DAY = dt.date(2026, 12, 5)
MORNING = dt.datetime(2026, 12, 5, 10, 0, tzinfo=SEOUL)
AFTERNOON = dt.datetime(2026, 12, 5, 15, 30, tzinfo=SEOUL)


@pytest.mark.parametrize(
    ("language", "day", "morning", "afternoon"),
    [
        ("en", "5 Dec 2026", "5 Dec 2026, 10:00", "5 Dec 2026, 15:30"),
        ("ko", "2026년 12월 5일", "2026년 12월 5일 오전 10:00", "2026년 12월 5일 오후 3:30"),
        ("zh-hans", "2026年12月5日", "2026年12月5日 10:00", "2026年12月5日 15:30"),
    ],
)
def test_every_date_format_names_the_month(language, day, morning, afternoon):
    with translation.override(language):
        assert date_format(DAY, "DATE_FORMAT") == date_format(DAY, "SHORT_DATE_FORMAT") == day
        assert date_format(MORNING, "DATETIME_FORMAT") == date_format(MORNING, "SHORT_DATETIME_FORMAT") == morning
        assert date_format(AFTERNOON, "DATETIME_FORMAT") == afternoon


@pytest.mark.parametrize(
    ("language", "time", "month_day", "year_month"),
    [
        ("en", "10:00", "5 December", "December 2026"),
        ("ko", "오전 10:00", "12월 5일", "2026년 12월"),
        ("zh-hans", "10:00", "12月5日", "2026年12月"),
    ],
)
def test_times_and_partial_dates(language, time, month_day, year_month):
    with translation.override(language):
        assert time_format(MORNING) == time
        assert date_format(DAY, "MONTH_DAY_FORMAT") == month_day
        assert date_format(DAY, "YEAR_MONTH_FORMAT") == year_month


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "5 Dec 2026 · 5 Dec 2026"),
        ("ko", "2026년 12월 5일 · 2026년 12월 5일"),
        ("zh-hans", "2026年12月5日 · 2026年12月5日"),
    ],
)
def test_templates_show_dates_the_same_way(language, expected):
    """A date printed as it is and one through |date:"SHORT_DATE_FORMAT" (the lists' columns) agree."""
    with translation.override(language):
        html = Template('{{ day }} · {{ day|date:"SHORT_DATE_FORMAT" }}').render(Context({"day": DAY}))

    assert html == expected
