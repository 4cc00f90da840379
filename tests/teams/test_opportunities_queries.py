"""The board, the table and the detail page keep the same number of queries however many rows they show."""

import pytest
from django.conf import settings
from django.urls import reverse

from teams.models import Exchange, Opportunity
from tests.factories import ExchangeFactory
from tests.fixtures.opportunities import OpportunityFactory, demo_person
from tests.texts import warm_content_types

S = Opportunity.Status


def opportunities(team, rows: int) -> list[Opportunity]:
    """Rows in every status, each with a proposer, and the final ones with their exchange or reason."""
    people = [demo_person("Zhang Wei"), demo_person("Lee Min-jun")]
    made = []
    for n in range(rows):
        status = S.values[n % len(S.values)]
        person = people[n % 2]
        made.append(
            OpportunityFactory(
                team=team,
                title=f"Opportunity {n:02d}",
                proposed_by=person,
                proposing_city=person.city,
                status=status,
                exchange=ExchangeFactory(team=team) if status == S.BECAME_EXCHANGE else None,
                dropped_reason="Out of budget." if status == S.DROPPED else "",
            )
        )
    return made


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("rows", [1, 30])
def test_the_board_query_count_is_constant(client, demo_user, economy, django_assert_num_queries, rows):
    opportunities(economy, rows)
    client.force_login(demo_user("lead-economy-seoul"))

    # session, user, person, roles; the teams shown; the opportunities (with team, focus area,
    # proposer and city, exchange), their texts' versions and their exchanges'; the filter's team and
    # focus area choices
    warm_content_types()
    with django_assert_num_queries(11):
        response = client.get(reverse("teams:opportunity-list"))

    economy_board = response.context["boards"][0]
    assert economy_board.team == economy
    assert economy_board.total == economy.opportunities.count()


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("rows", [1, 30])
def test_the_table_query_count_is_constant(client, demo_user, economy, django_assert_num_queries, rows):
    opportunities(economy, rows)
    client.force_login(demo_user("lead-economy-seoul"))

    # session, user, person, roles; the readable teams (may this person create?); the count and the page
    # of opportunities, their texts' versions and their exchanges'; the team filter's check, and its team
    # and focus area choices
    warm_content_types()
    with django_assert_num_queries(13):
        response = client.get(reverse("teams:opportunity-list"), {"display": "table", "team": economy.pk})

    assert len(response.context["opportunities"]) == min(economy.opportunities.count(), settings.PAGE_SIZE)


@pytest.mark.parametrize("rows", [1, 30])
def test_the_detail_query_count_is_constant(client, demo_user, economy, django_assert_num_queries, rows):
    """Rows here are changes in the history, and exchanges the approved opportunity could become."""
    opportunity = OpportunityFactory(team=economy, proposed_by=demo_person("Zhang Wei"), status=S.APPROVED)
    for n in range(rows):
        opportunity.title = f"Rail freight corridor, version {n}"
        opportunity.save()
        ExchangeFactory(team=economy, status=Exchange.Status.COMPLETED)
    client.force_login(demo_user("lead-economy-seoul"))

    # session, user, person, roles; the opportunity with its team, focus area, proposer, city and
    # exchange; its history, and the team, focus area, proposer and city the history names; the
    # exchanges it could become, and their versions; the opportunity's versions
    warm_content_types()
    with django_assert_num_queries(14):
        response = client.get(opportunity.get_absolute_url())

    assert len(response.context["history"]) == rows + 1
    assert response.context["can_convert"]
