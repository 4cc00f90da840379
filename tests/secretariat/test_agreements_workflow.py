"""The agreements register's rules, through its services: the status workflow, the dates, the commitments."""

import datetime as dt
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.utils import timezone

from secretariat.models import Agreement, Commitment
from secretariat.services import agreements as services
from tests.factories import ExchangeFactory
from tests.fixtures.agreements import make_agreement

S = Agreement.Status
# The workflow as the register's issue describes it, written out here rather than imported.
ALLOWED = {
    (S.DRAFT, S.SIGNED),
    (S.SIGNED, S.IN_FORCE),
    (S.IN_FORCE, S.UNDER_REVIEW),
    (S.IN_FORCE, S.EXPIRED),
    (S.IN_FORCE, S.TERMINATED),
    (S.UNDER_REVIEW, S.IN_FORCE),
    (S.UNDER_REVIEW, S.EXPIRED),
    (S.UNDER_REVIEW, S.TERMINATED),
}
ALL_MOVES = [(a, b) for a, b in itertools.permutations(S.values, 2)]


def state(agreement: Agreement) -> tuple:
    fresh = Agreement.objects.get(pk=agreement.pk)
    return model_to_dict(fresh), fresh.updated_at, fresh.history.count()


def commitment_state(commitment: Commitment) -> tuple:
    fresh = Commitment.objects.get(pk=commitment.pk)
    return model_to_dict(fresh), fresh.updated_at, fresh.history.count()


def new_agreement(council, **fields) -> Agreement:
    values = {
        "language": "en",
        "title": "Agreement on river restoration",
        "parties": "Seoul\nBeijing",
        **fields,
    }
    return Agreement(council=council, **values)


# The status workflow


@pytest.mark.parametrize(("current", "to"), [m for m in ALL_MOVES if m in ALLOWED])
def test_each_allowed_step_is_taken(economy, current, to):
    agreement = make_agreement(economy.council, status=current)

    moved = services.change_status(agreement=agreement, to=to)

    assert (moved.status, Agreement.objects.get(pk=agreement.pk).status) == (to, to)


@pytest.mark.parametrize(("current", "to"), [m for m in ALL_MOVES if m not in ALLOWED])
def test_every_other_step_is_refused_with_a_message_and_nothing_changes(economy, current, to):
    agreement = make_agreement(economy.council, status=current)
    before = state(agreement)

    with pytest.raises(ValidationError) as refused:
        services.change_status(agreement=agreement, to=to)

    current_label, to_label = S(current).label, S(to).label
    assert refused.value.message_dict == {
        "status": [f"An agreement that is “{current_label}” cannot become “{to_label}”."]
    }
    assert state(agreement) == before


def test_the_table_in_the_service_is_the_one_the_issue_describes():
    pairs = {(a, b) for a, targets in services.TRANSITIONS.items() for b in targets}
    assert pairs == ALLOWED
    assert services.allowed_next_statuses(Agreement(status=S.EXPIRED)) == ()
    assert services.allowed_next_statuses(Agreement(status=S.TERMINATED)) == ()


def test_an_unknown_status_is_refused(economy):
    agreement = make_agreement(economy.council)
    before = state(agreement)

    with pytest.raises(ValidationError) as refused:
        services.change_status(agreement=agreement, to="cancelled")

    assert refused.value.message_dict == {"status": ["An agreement that is “In force” cannot become “cancelled”."]}
    assert state(agreement) == before


def test_an_edit_may_take_one_step_and_change_details_at_once(economy):
    agreement = make_agreement(economy.council, status=S.IN_FORCE)
    agreement.status, agreement.review_on = S.UNDER_REVIEW, dt.date(2024, 1, 1)

    services.update_agreement(agreement=agreement)

    fresh = Agreement.objects.get(pk=agreement.pk)
    assert (fresh.status, fresh.review_on) == (S.UNDER_REVIEW, dt.date(2024, 1, 1))


def test_an_edit_that_skips_a_step_is_refused_and_nothing_changes(economy):
    agreement = make_agreement(economy.council, status=S.DRAFT, signed_on=None)
    before = state(agreement)
    agreement.status, agreement.signed_on, agreement.title = S.IN_FORCE, dt.date(2024, 1, 1), "Renamed"

    with pytest.raises(ValidationError) as refused:
        services.update_agreement(agreement=agreement)

    assert refused.value.message_dict == {"status": ["An agreement that is “Draft” cannot become “In force”."]}
    assert state(agreement) == before


def test_an_edit_checks_the_step_against_the_stored_status_not_the_one_the_editor_saw(economy):
    agreement = make_agreement(economy.council, status=S.IN_FORCE)
    seen_by_editor = Agreement.objects.get(pk=agreement.pk)
    services.change_status(agreement=agreement, to=S.TERMINATED)  # someone else, meanwhile
    seen_by_editor.status = S.UNDER_REVIEW

    with pytest.raises(ValidationError):
        services.update_agreement(agreement=seen_by_editor)

    assert Agreement.objects.get(pk=agreement.pk).status == S.TERMINATED


@pytest.mark.parametrize("status", [S.DRAFT, S.SIGNED, S.IN_FORCE])
def test_a_new_agreement_starts_as_draft_signed_or_in_force(economy, status):
    signed_on = None if status == S.DRAFT else dt.date(2013, 4, 21)

    agreement = services.create_agreement(agreement=new_agreement(economy.council, status=status, signed_on=signed_on))

    assert Agreement.objects.get(pk=agreement.pk).status == status


@pytest.mark.parametrize("status", [S.UNDER_REVIEW, S.EXPIRED, S.TERMINATED])
def test_a_new_agreement_cannot_start_further_along(economy, status):
    count = Agreement.objects.count()

    with pytest.raises(ValidationError) as refused:
        services.create_agreement(
            agreement=new_agreement(economy.council, status=status, signed_on=dt.date(2020, 1, 1))
        )

    assert list(refused.value.message_dict) == ["status"]
    assert Agreement.objects.count() == count


# Dates


@pytest.mark.parametrize("status", [S.SIGNED, S.IN_FORCE])
def test_a_signed_agreement_needs_its_signing_date(economy, status):
    with pytest.raises(ValidationError) as refused:
        services.create_agreement(agreement=new_agreement(economy.council, status=status))

    label = S(status).label
    assert refused.value.message_dict == {
        "signed_on": [f"An agreement that is “{label}” needs the date it was signed."]
    }


def test_signing_a_draft_without_a_signing_date_is_refused_and_nothing_changes(economy):
    agreement = make_agreement(economy.council, status=S.DRAFT, signed_on=None)
    before = state(agreement)

    with pytest.raises(ValidationError) as refused:
        services.change_status(agreement=agreement, to=S.SIGNED)

    assert list(refused.value.message_dict) == ["signed_on"]
    assert state(agreement) == before


def test_a_signed_agreement_cannot_be_signed_in_the_future_but_a_draft_may_plan_its_signing(economy):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    with pytest.raises(ValidationError) as refused:
        services.create_agreement(agreement=new_agreement(economy.council, status=S.SIGNED, signed_on=tomorrow))
    draft = services.create_agreement(agreement=new_agreement(economy.council, status=S.DRAFT, signed_on=tomorrow))

    assert refused.value.message_dict == {"signed_on": ["A signed agreement cannot have been signed in the future."]}
    assert Agreement.objects.get(pk=draft.pk).signed_on == tomorrow


@pytest.mark.parametrize("field", ["review_on", "expires_on"])
def test_review_and_expiry_cannot_come_before_the_signing(economy, field):
    signed_on = dt.date(2015, 10, 20)
    day_before = {field: signed_on - dt.timedelta(days=1)}

    with pytest.raises(ValidationError) as refused:
        services.create_agreement(
            agreement=new_agreement(economy.council, status=S.IN_FORCE, signed_on=signed_on, **day_before)
        )
    same_day = services.create_agreement(
        agreement=new_agreement(economy.council, status=S.IN_FORCE, signed_on=signed_on, **{field: signed_on})
    )

    expected = {
        "review_on": "The review cannot come before the signing (20 Oct 2015).",
        "expires_on": "The agreement cannot expire before it was signed (20 Oct 2015).",
    }[field]
    assert refused.value.message_dict == {field: [expected]}
    assert getattr(Agreement.objects.get(pk=same_day.pk), field) == signed_on


def test_an_edit_moving_the_expiry_before_the_signing_is_refused_and_nothing_changes(economy):
    agreement = make_agreement(economy.council, signed_on=dt.date(2020, 5, 1), expires_on=dt.date(2025, 5, 1))
    before = state(agreement)
    agreement.expires_on = dt.date(2019, 5, 1)

    with pytest.raises(ValidationError):
        services.update_agreement(agreement=agreement)

    assert state(agreement) == before


# Commitments


def test_a_commitment_of_an_owner_team_links_that_teams_exchanges(economy):
    agreement = make_agreement(economy.council)
    exchanges = ExchangeFactory.create_batch(2, team=economy)

    commitment = services.create_commitment(
        commitment=Commitment(agreement=agreement, clause="Art. 2", text="An annual forum.", owner_team=economy),
        exchanges=exchanges,
    )

    assert sorted(commitment.exchanges.values_list("pk", flat=True)) == sorted(e.pk for e in exchanges)


def test_a_commitment_without_owner_team_may_link_any_exchange_of_the_council(economy, culture):
    agreement = make_agreement(economy.council)
    exchanges = [ExchangeFactory(team=economy), ExchangeFactory(team=culture)]

    commitment = services.create_commitment(
        commitment=Commitment(agreement=agreement, text="Council-wide promise."), exchanges=exchanges
    )

    assert commitment.exchanges.count() == 2


def test_an_owner_team_commitment_refuses_another_teams_exchange(economy, culture):
    agreement = make_agreement(economy.council)
    count = Commitment.objects.count()

    with pytest.raises(ValidationError) as refused:
        services.create_commitment(
            commitment=Commitment(agreement=agreement, text="An annual forum.", owner_team=economy),
            exchanges=[ExchangeFactory(team=economy), ExchangeFactory(team=culture)],
        )

    assert refused.value.message_dict == {"exchanges": ["Choose exchanges of the owner team, Economy team."]}
    assert Commitment.objects.count() == count


def test_a_commitment_refuses_another_councils_team_and_exchanges(economy, foreign_team):
    agreement = make_agreement(economy.council)
    count = Commitment.objects.count()

    with pytest.raises(ValidationError) as foreign_owner:
        services.create_commitment(commitment=Commitment(agreement=agreement, text="x", owner_team=foreign_team))
    with pytest.raises(ValidationError) as foreign_exchange:
        services.create_commitment(
            commitment=Commitment(agreement=agreement, text="x"), exchanges=[ExchangeFactory(team=foreign_team)]
        )

    assert foreign_owner.value.message_dict == {"owner_team": ["Choose a team of the council."]}
    assert foreign_exchange.value.message_dict == {"exchanges": ["Choose exchanges of the council."]}
    assert Commitment.objects.count() == count


def test_an_edit_replaces_the_linked_exchanges_and_keeps_the_agreement(economy):
    agreement = make_agreement(economy.council)
    first, second = ExchangeFactory.create_batch(2, team=economy)
    commitment = services.create_commitment(
        commitment=Commitment(agreement=agreement, text="A forum.", owner_team=economy), exchanges=[first]
    )

    commitment.text = "A forum every year."
    services.update_commitment(commitment=commitment, exchanges=[second])

    fresh = Commitment.objects.get(pk=commitment.pk)
    assert (fresh.text, list(fresh.exchanges.all())) == ("A forum every year.", [second])


def test_a_commitment_cannot_move_to_another_agreement(economy):
    commitment = Commitment.objects.create(agreement=make_agreement(economy.council), text="A forum.")
    before = commitment_state(commitment)
    commitment.agreement = make_agreement(economy.council, title="Another agreement")

    with pytest.raises(ValidationError) as refused:
        services.update_commitment(commitment=commitment)

    assert refused.value.messages == ["A commitment stays with its agreement."]
    assert commitment_state(commitment) == before


def test_a_refused_commitment_edit_keeps_its_exchanges(economy, culture):
    own = ExchangeFactory(team=economy)
    commitment = Commitment.objects.create(agreement=make_agreement(economy.council), text="x", owner_team=economy)
    commitment.exchanges.set([own])
    before = commitment_state(commitment)

    with pytest.raises(ValidationError):
        services.update_commitment(commitment=commitment, exchanges=[own, ExchangeFactory(team=culture)])

    assert commitment_state(commitment) == before
    assert list(commitment.exchanges.all()) == [own]
