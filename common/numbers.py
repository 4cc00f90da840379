"""Numbers as the reader's locale writes them: figures, exchange rates and shortened amounts of money.

Here rather than in one app because the plans of teams and the achievements report of assemblies show
the same figures the same way.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import translation
from django.utils.formats import number_format

# Large amounts, shortened in the units each language counts in, largest first. English groups by
# thousands (million, billion); Korean and Chinese by ten thousands: 만/万 (10⁴), 억/亿 (10⁸), 조/万亿
# (10¹²). So 60,400,000 is "60.4M", "6,040만", "6,040万" — "60.4百万" is English word for word, which no
# Chinese document writes. A table here, not in the catalogs: how a language counts is not wording for
# a translator to choose. A language without a table of its own counts as English.
SCALES = {
    "en": ((Decimal(10**9), "B"), (Decimal(10**6), "M")),
    "ko": ((Decimal(10**12), "조"), (Decimal(10**8), "억"), (Decimal(10**4), "만")),
    "zh-hans": ((Decimal(10**12), "万亿"), (Decimal(10**8), "亿"), (Decimal(10**4), "万")),
}


def figure(value: Decimal | int) -> str:
    """A whole number without decimals, others with two; grouped in the reader's locale."""
    value = Decimal(value).quantize(Decimal("0.01"))
    places = 0 if value == value.to_integral_value() else 2
    return number_format(value, decimal_pos=places, force_grouping=True)


def rate_figure(value: Decimal) -> str:
    """An exchange rate with the decimals it needs and no trailing zeros: 0.00073000 → "0.00073"."""
    text = format(value.normalize(), "f")
    places = len(text.partition(".")[2])
    return number_format(Decimal(text), decimal_pos=places, force_grouping=True)


def _one_place(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), ROUND_HALF_UP)


def amount(value: Decimal) -> str:
    """An amount of money in the units of the reader's language: 32,500,000 → "32.5M", "3,250만", "3,250万"."""
    scales = SCALES.get(translation.get_language(), SCALES["en"])
    for index, (scale, unit) in enumerate(scales):
        if abs(value) < scale:
            continue
        # Rounding may reach the next unit up: 99,999,999 is "1억", not "10,000만".
        if index and abs(_one_place(value / scale)) * scale >= scales[index - 1][0]:
            scale, unit = scales[index - 1]
        scaled = _one_place(value / scale)
        places = 0 if scaled == scaled.to_integral_value() else 1
        return number_format(scaled, decimal_pos=places, force_grouping=True) + unit
    return figure(value)
