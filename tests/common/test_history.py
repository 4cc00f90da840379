"""A record's history shows its values as its page does: figures grouped, dates named, choices by label."""

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from assemblies.models import Assembly
from common.history import display_value, history_entries
from teams.models import Exchange, ExchangeRate, Goal
from tests.factories import ExchangeFactory

SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")


@pytest.fixture
def changed_exchange(economy) -> Exchange:
    exchange = ExchangeFactory(
        team=economy, title="Fintech day", starts_on=dt.date(2026, 12, 5), investment_amount=Decimal("1500000.00"),
        investment_currency="USD", participants_reached=1200,
    )  # fmt: skip
    exchange.investment_amount, exchange.participants_reached = Decimal("2750000.50"), 15000
    exchange.starts_on, exchange.starts_at = dt.date(2026, 12, 7), dt.datetime(2026, 12, 7, 1, 30, tzinfo=dt.UTC)
    exchange.status, exchange.joint_online = Exchange.Status.IN_PROGRESS, True
    exchange.save()
    return exchange


def changes(exchange: Exchange, language: str) -> list[tuple[str, str, str]]:
    with translation.override(language), timezone.override(SEOUL):
        return [(c.label, c.old, c.new) for c in history_entries(exchange)[0].changes]


def test_history_shows_values_as_the_pages_do(changed_exchange):
    assert changes(changed_exchange, "en") == [
        ("status", "Planned", "In progress"),
        ("start date", "5 Dec 2026", "7 Dec 2026"),
        ("starts at", "—", "7 Dec 2026, 10:30"),
        ("joint online event", "No", "Yes"),
        ("investment committed", "1,500,000", "2,750,000.50"),
        ("participants reached", "1,200", "15,000"),
    ]


def test_history_in_korean_and_chinese(changed_exchange):
    assert changes(changed_exchange, "ko")[1:5] == [
        ("시작일", "2026년 12월 5일", "2026년 12월 7일"),
        ("시작 시각", "—", "2026년 12월 7일 오전 10:30"),
        ("온라인 공동 행사", "아니오", "예"),
        ("투자 약정액", "1,500,000", "2,750,000.50"),
    ]
    assert changes(changed_exchange, "zh-hans")[1:3] == [
        ("开始日期", "2026年12月5日", "2026年12月7日"),
        ("开始时间", "—", "2026年12月7日 10:30"),
    ]


@pytest.mark.parametrize(
    ("model", "name", "value", "shown"),
    [
        (Assembly, "cycle", 2027, "2027"),  # a year is never grouped
        (Goal, "order", 12000, "12000"),
        (Goal, "target", Decimal("50000000.00"), "50,000,000"),
        (ExchangeRate, "rate", Decimal("0.00073000"), "0.00073"),  # not rounded away to "0.00"
        (ExchangeRate, "rate", Decimal("1380.50000000"), "1,380.5"),
        (Goal, "metric", Goal.Metric.INVESTMENT, "Investment committed"),
        (Exchange, "investment_amount", None, "—"),
    ],
)
def test_each_kind_of_value(model, name, value, shown):
    with translation.override("en"):
        assert display_value(model._meta.get_field(name), value) == shown
