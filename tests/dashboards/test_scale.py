"""The dashboard's number of queries does not grow with the number of exchanges."""

import io

import pytest
from django.core.management import call_command

from common import change_tokens
from teams.models import Exchange
from tests.texts import warm_content_types


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("exchanges", [10, 10_000])
def test_dashboard_query_count_is_the_same_at_10_and_10000_exchanges(
    client, demo_user, django_assert_num_queries, exchanges
):
    call_command("seed_bulk", exchanges=exchanges, replace=True, seed=3, stdout=io.StringIO())
    client.force_login(demo_user("mayor-office-beijing"))

    warm_content_types()
    # Literal, read off the first run: 1 of them the texts' versions. The bulk exchanges all record the
    # people reached, so the one that reads the participants of those left empty is not made.
    change_tokens.current()  # the records' token exists: the figures are computed (kept ones: test_pages)
    with django_assert_num_queries(23):
        response = client.get("/dashboard/")

    assert response.status_code == 200
    completed = Exchange.objects.filter(team__council=response.context["dashboard"].scope.council, status="completed")
    assert response.context["dashboard"].ever.exchanges == completed.count() > exchanges * 0.8
