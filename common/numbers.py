"""Numbers as the reader's locale writes them: figures, exchange rates and shortened amounts of money.

Here rather than in one app because the plans of teams and the achievements report of assemblies show
the same figures the same way.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import pgettext_lazy

# Large amounts, shortened: "32.5M". Translators may pick their own scale words.
SCALES = (
    (Decimal(10**9), pgettext_lazy("an amount in billions, abbreviated", "%(number)sB")),
    (Decimal(10**6), pgettext_lazy("an amount in millions, abbreviated", "%(number)sM")),
)


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


def amount(value: Decimal) -> str:
    """An amount of money, millions and billions shortened: 32,500,000 → "32.5M"."""
    for scale, template in SCALES:
        if abs(value) >= scale:
            scaled = (value / scale).quantize(Decimal("0.1"), ROUND_HALF_UP)
            places = 0 if scaled == scaled.to_integral_value() else 1
            return template % {"number": number_format(scaled, decimal_pos=places, force_grouping=True)}
    return figure(value)
