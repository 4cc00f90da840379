"""The opportunity workflow in teams.services.opportunities: every move allowed and refused, exact outcomes."""

import pytest
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict

from council.models import City
from teams.models import Exchange, Opportunity
from teams.services.opportunities import (
    convert_to_exchange,
    create_opportunity,
    move_opportunity,
    update_opportunity,
)
from tests.factories import ExchangeFactory, PersonFactory
from tests.fixtures.opportunities import OpportunityFactory, demo_person

S = Opportunity.Status
# Written out here rather than read from the service, so that a change to the table fails a test.
ALLOWED_MOVES = {
    (S.IDENTIFIED, S.UNDER_REVIEW),
    (S.IDENTIFIED, S.DROPPED),
    (S.UNDER_REVIEW, S.APPROVED),
    (S.UNDER_REVIEW, S.DROPPED),
    (S.APPROVED, S.DROPPED),
}
REFUSED_MOVES = sorted(
    (current, new)
    for current in S.values
    for new in S.values
    if (current, new) not in ALLOWED_MOVES and (current, new) != (S.APPROVED, S.BECAME_EXCHANGE)
)
LABELS = dict(S.choices)


def state(opportunity: Opportunity) -> tuple:
    """Everything about the row, its update time and its history: a refusal must leave all of it as it was."""
    fresh = Opportunity.objects.get(pk=opportunity.pk)
    return model_to_dict(fresh), fresh.updated_at, fresh.history.count()


def in_status(opportunity: Opportunity, status: str, **extra) -> Opportunity:
    Opportunity.objects.filter(pk=opportunity.pk).update(status=status, **extra)
    return Opportunity.objects.get(pk=opportunity.pk)


@pytest.mark.parametrize(("current", "new"), sorted(ALLOWED_MOVES))
def test_an_allowed_move_changes_the_status(economy_opportunity, current, new):
    opportunity = in_status(economy_opportunity, current)
    reason = "The partner withdrew." if new == S.DROPPED else ""

    returned = move_opportunity(opportunity=opportunity, to=new, reason=reason)

    opportunity.refresh_from_db()
    assert (returned.status, opportunity.status, opportunity.dropped_reason, opportunity.exchange) == (
        new,
        new,
        reason,
        None,
    )


@pytest.mark.parametrize(("current", "new"), REFUSED_MOVES)
def test_a_refused_move_says_why_and_changes_nothing(economy_opportunity, current, new):
    opportunity = in_status(economy_opportunity, current)
    before = state(opportunity)

    with pytest.raises(ValidationError) as refused:
        move_opportunity(opportunity=opportunity, to=new, reason="Because.")

    assert refused.value.messages == [f"An opportunity that is “{LABELS[current]}” cannot become “{LABELS[new]}”."]
    assert state(opportunity) == before


def test_an_unknown_status_is_refused(economy_opportunity):
    before = state(economy_opportunity)

    with pytest.raises(ValidationError) as refused:
        move_opportunity(opportunity=economy_opportunity, to="postponed")

    assert refused.value.messages == ["An opportunity that is “Identified” cannot become “postponed”."]
    assert state(economy_opportunity) == before


def test_becoming_an_exchange_needs_the_exchange(economy_opportunity):
    opportunity = in_status(economy_opportunity, S.APPROVED)
    before = state(opportunity)

    with pytest.raises(ValidationError) as refused:
        move_opportunity(opportunity=opportunity, to=S.BECAME_EXCHANGE)

    assert refused.value.messages == [
        "Say which exchange the opportunity became: create it, or choose an existing one."
    ]
    assert state(opportunity) == before


@pytest.mark.parametrize("current", [S.IDENTIFIED, S.UNDER_REVIEW, S.APPROVED])
@pytest.mark.parametrize("reason", ["", "   \n "])
def test_dropping_without_a_reason_is_refused(economy_opportunity, current, reason):
    opportunity = in_status(economy_opportunity, current)
    before = state(opportunity)

    with pytest.raises(ValidationError) as refused:
        move_opportunity(opportunity=opportunity, to=S.DROPPED, reason=reason)

    assert refused.value.message_dict == {"reason": ["Say why the opportunity is dropped."]}
    assert state(opportunity) == before


def test_the_drop_reason_is_kept_trimmed(economy_opportunity):
    move_opportunity(opportunity=economy_opportunity, to=S.DROPPED, reason="  Beijing chose another partner.\n")

    economy_opportunity.refresh_from_db()
    assert (economy_opportunity.status, economy_opportunity.dropped_reason) == (
        S.DROPPED,
        "Beijing chose another partner.",
    )


def test_a_move_from_a_stale_copy_is_judged_on_the_current_status(economy_opportunity):
    """Someone else dropped it meanwhile: the page they had open cannot bring it back to review."""
    stale = Opportunity.objects.get(pk=economy_opportunity.pk)
    move_opportunity(opportunity=economy_opportunity, to=S.DROPPED, reason="Out of budget.")

    with pytest.raises(ValidationError) as refused:
        move_opportunity(opportunity=stale, to=S.UNDER_REVIEW)

    assert refused.value.messages == ["An opportunity that is “Dropped” cannot become “Under review”."]
    assert Opportunity.objects.get(pk=stale.pk).status == S.DROPPED


# convert_to_exchange


def test_an_approved_opportunity_becomes_the_exchange_of_its_team(economy_opportunity, economy):
    opportunity = in_status(economy_opportunity, S.APPROVED)
    exchange = ExchangeFactory(team=economy, title="Rail freight forum")

    returned = convert_to_exchange(opportunity=opportunity, exchange=exchange)

    opportunity.refresh_from_db()
    assert (returned.status, opportunity.status, opportunity.exchange) == (
        S.BECAME_EXCHANGE,
        S.BECAME_EXCHANGE,
        exchange,
    )
    assert Exchange.objects.get(pk=exchange.pk).opportunity == opportunity


@pytest.mark.parametrize("current", [S.IDENTIFIED, S.UNDER_REVIEW, S.DROPPED])
def test_only_an_approved_opportunity_becomes_an_exchange(economy_opportunity, economy, current):
    opportunity = in_status(economy_opportunity, current)
    exchange = ExchangeFactory(team=economy)
    before = state(opportunity)

    with pytest.raises(ValidationError) as refused:
        convert_to_exchange(opportunity=opportunity, exchange=exchange)

    assert refused.value.messages == [
        f"Only an approved opportunity can become an exchange; this one is “{LABELS[current]}”."
    ]
    assert state(opportunity) == before
    assert not Opportunity.objects.filter(exchange=exchange).exists()


def test_an_opportunity_becomes_an_exchange_only_once(economy_opportunity, economy):
    first, second = ExchangeFactory(team=economy), ExchangeFactory(team=economy)
    convert_to_exchange(opportunity=in_status(economy_opportunity, S.APPROVED), exchange=first)
    before = state(economy_opportunity)

    with pytest.raises(ValidationError) as refused:
        convert_to_exchange(opportunity=economy_opportunity, exchange=second)

    assert refused.value.messages == [
        "Only an approved opportunity can become an exchange; this one is “Became an exchange”."
    ]
    assert state(economy_opportunity) == before


def test_the_exchange_must_be_of_the_opportunitys_team(economy_opportunity, culture_exchange):
    opportunity = in_status(economy_opportunity, S.APPROVED)
    before = state(opportunity)

    with pytest.raises(ValidationError) as refused:
        convert_to_exchange(opportunity=opportunity, exchange=culture_exchange)

    assert refused.value.messages == ["Choose an exchange of the opportunity's team."]
    assert state(opportunity) == before


def test_an_exchange_another_opportunity_became_is_refused(economy_opportunity, economy):
    exchange = ExchangeFactory(team=economy)
    other = OpportunityFactory(team=economy, status=S.BECAME_EXCHANGE, exchange=exchange)
    opportunity = in_status(economy_opportunity, S.APPROVED)
    before = state(opportunity)

    with pytest.raises(ValidationError) as refused:
        convert_to_exchange(opportunity=opportunity, exchange=exchange)

    assert refused.value.messages == ["That exchange is already linked to another opportunity."]
    assert state(opportunity) == before
    assert Exchange.objects.get(pk=exchange.pk).opportunity == other


def test_a_cancelled_exchange_is_refused(economy_opportunity, economy):
    exchange = ExchangeFactory(team=economy, status=Exchange.Status.CANCELLED)
    opportunity = in_status(economy_opportunity, S.APPROVED)
    before = state(opportunity)

    with pytest.raises(ValidationError) as refused:
        convert_to_exchange(opportunity=opportunity, exchange=exchange)

    assert refused.value.messages == ["A cancelled exchange cannot be what an opportunity became."]
    assert state(opportunity) == before


# create and update


def new_opportunity(team, **fields) -> Opportunity:
    zhang = demo_person("Zhang Wei")
    values = {
        "team": team,
        "focus_area": team.focus_areas.first(),
        "title": "Hydrogen bus pilot",
        "proposed_by": zhang,
        "proposing_city": zhang.city,
    }
    return Opportunity(**{**values, **fields})


def test_a_new_opportunity_starts_as_identified(economy, economy_exchange):
    opportunity = new_opportunity(
        economy, status=S.APPROVED, exchange=economy_exchange, dropped_reason="Should not stay."
    )

    create_opportunity(opportunity=opportunity)

    saved = Opportunity.objects.get(pk=opportunity.pk)
    assert (saved.title, saved.status, saved.exchange, saved.dropped_reason) == (
        "Hydrogen bus pilot",
        S.IDENTIFIED,
        None,
        "",
    )


def test_a_focus_area_of_another_team_is_refused(economy, culture):
    count = Opportunity.objects.count()

    with pytest.raises(ValidationError) as refused:
        create_opportunity(opportunity=new_opportunity(economy, focus_area=culture.focus_areas.first()))

    assert refused.value.message_dict == {"focus_area": ["Choose a focus area of this opportunity's team."]}
    assert Opportunity.objects.count() == count


def test_a_proposer_and_city_of_another_council_are_refused(economy, foreign_team):
    stranger = PersonFactory(council=foreign_team.council)
    count = Opportunity.objects.count()

    with pytest.raises(ValidationError) as refused:
        create_opportunity(opportunity=new_opportunity(economy, proposed_by=stranger, proposing_city=stranger.city))

    assert refused.value.message_dict == {
        "proposing_city": ["Choose a member city of the council."],
        "proposed_by": ["Choose a person of the council."],
    }
    assert Opportunity.objects.count() == count


def test_the_proposing_city_is_the_proposers(economy):
    seoul = City.objects.get(code="SEL")
    count = Opportunity.objects.count()

    with pytest.raises(ValidationError) as refused:
        create_opportunity(opportunity=new_opportunity(economy, proposing_city=seoul))

    assert refused.value.message_dict == {"proposing_city": ["张伟 (Zhang Wei) works in Beijing: choose that city."]}
    assert Opportunity.objects.count() == count


def test_an_edit_keeps_a_move_made_meanwhile(economy_opportunity):
    stale = Opportunity.objects.get(pk=economy_opportunity.pk)
    move_opportunity(opportunity=economy_opportunity, to=S.UNDER_REVIEW)
    stale.title = "Rail freight corridor via Dandong and Shenyang"

    update_opportunity(opportunity=stale)

    saved = Opportunity.objects.get(pk=stale.pk)
    assert (saved.title, saved.status) == ("Rail freight corridor via Dandong and Shenyang", S.UNDER_REVIEW)


def test_an_opportunity_that_became_an_exchange_keeps_its_team(economy_opportunity, economy, culture):
    exchange = ExchangeFactory(team=economy)
    convert_to_exchange(opportunity=in_status(economy_opportunity, S.APPROVED), exchange=exchange)
    moved = Opportunity.objects.get(pk=economy_opportunity.pk)
    before = state(moved)
    moved.team, moved.focus_area = culture, culture.focus_areas.first()

    with pytest.raises(ValidationError) as refused:
        update_opportunity(opportunity=moved)

    assert refused.value.message_dict == {"team": ["This opportunity became an exchange of its team; its team stays."]}
    assert state(moved) == before


def test_the_proposer_may_be_left_out_when_the_person_is_gone(economy_opportunity):
    """A person deleted later leaves the opportunity without a proposer; it can still be edited."""
    economy_opportunity.proposed_by = None
    economy_opportunity.description = "Now with a route map."

    update_opportunity(opportunity=economy_opportunity)

    saved = Opportunity.objects.get(pk=economy_opportunity.pk)
    assert (saved.proposed_by, saved.proposing_city.code, saved.description) == (None, "BJS", "Now with a route map.")
