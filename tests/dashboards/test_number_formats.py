"""Large numbers on the dashboard and reports, grouped by three in every language."""

import pytest
from django.template import Context, Template
from django.utils import translation

NUMBERS = Template('{{ count|floatformat:"g" }} {{ amount|floatformat:"-2g" }}')


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "1,234,567 98,765.50"), ("ko", "1,234,567 98,765.50"), ("zh-hans", "1,234,567 98,765.50")],
)
def test_thousands_are_grouped_by_three(language, shown):
    with translation.override(language):
        assert NUMBERS.render(Context({"count": 1234567, "amount": 98765.5})) == shown
