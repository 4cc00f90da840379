"""Figures and amounts of money as each language counts them."""

from decimal import Decimal

import pytest
from django.utils import translation

from common.numbers import amount, figure, rate_figure


@pytest.mark.parametrize(
    ("value", "en", "ko", "zh"),
    [
        ("999", "999", "999", "999"),
        ("9999.50", "9,999.50", "9,999.50", "9,999.50"),
        # Korean and Chinese count in ten thousands (만 / 万) and hundred millions (억 / 亿).
        ("10000", "10,000", "1만", "1万"),
        ("300000", "300,000", "30만", "30万"),
        ("999999", "999,999", "100만", "100万"),
        ("1000000", "1M", "100만", "100万"),
        ("32500000", "32.5M", "3,250만", "3,250万"),
        ("60400000", "60.4M", "6,040만", "6,040万"),
        ("99999999", "100M", "1억", "1亿"),
        ("100000000", "100M", "1억", "1亿"),
        ("1250000000", "1.3B", "12.5억", "12.5亿"),
        ("375000000000", "375B", "3,750억", "3,750亿"),
        ("1250000000000", "1,250B", "1.3조", "1.3万亿"),
        ("-60400000", "-60.4M", "-6,040만", "-6,040万"),
    ],
)
def test_amounts_are_shortened_in_each_language_own_scale(value, en, ko, zh):
    shown = {}
    for language in ("en", "ko", "zh-hans"):
        with translation.override(language):
            shown[language] = amount(Decimal(value))

    assert shown == {"en": en, "ko": ko, "zh-hans": zh}


def test_a_language_without_a_table_of_its_own_counts_as_english():
    with translation.override("fr"):  # with French's decimal comma
        assert amount(Decimal("60400000")) == "60,4M"


def test_figures_are_grouped_by_thousands_in_every_language():
    for language in ("en", "ko", "zh-hans"):
        with translation.override(language):
            assert (figure(Decimal("1500000.00")), figure(Decimal("1500000.5")), figure(12345)) == (
                "1,500,000",
                "1,500,000.50",
                "12,345",
            )
            assert rate_figure(Decimal("1234.00073000")) == "1,234.00073"
