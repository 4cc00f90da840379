"""Every list pages alike (common.pagination.page_of): settings.PAGE_SIZE rows, whatever `?page=` says."""

import pytest
from django.conf import settings
from django.test import RequestFactory

from common.pagination import page_of

ROWS = list(range(2 * settings.PAGE_SIZE + 1))  # two full pages and one row


@pytest.mark.parametrize(
    ("query", "number"),
    [({}, 1), ({"page": "2"}, 2), ({"page": "99"}, 3), ({"page": "-1"}, 3), ({"page": "zz"}, 1), ({"page": "²"}, 1)],
)
def test_the_page_asked_for_else_the_first_or_the_last(query, number):
    page = page_of(RequestFactory().get("/", query), ROWS)

    assert page.number == number
    assert len(page.object_list) == (settings.PAGE_SIZE if number < 3 else 1)
