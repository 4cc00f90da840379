"""Action items' writes: the workflow table, the one-source rule, the council's bounds, due dates."""

import itertools

import pytest
from django.core.exceptions import ValidationError

from secretariat.models import ActionItem
from secretariat.services.actions import TRANSITIONS, create_action, move_action, update_action
from tests.factories import ExchangeFactory, PersonFactory
from tests.fixtures.actions import ActionItemFactory, days, person

S = ActionItem.Status
ALLOWED = {(S.OPEN, S.IN_PROGRESS), (S.OPEN, S.DROPPED), (S.IN_PROGRESS, S.DONE), (S.IN_PROGRESS, S.DROPPED)}
ALL_MOVES = list(itertools.product(S.values, S.values))


def test_the_transitions_table_is_the_documented_workflow():
    assert {(start, end) for start, ends in TRANSITIONS.items() for end in ends} == ALLOWED


@pytest.mark.parametrize(("start", "end"), sorted(ALLOWED))
def test_each_allowed_move_is_made(economy_action, start, end):
    ActionItem.objects.filter(pk=economy_action.pk).update(status=start)
    economy_action.refresh_from_db()

    moved = move_action(item=economy_action, to=end, reason="No longer needed.")

    moved.refresh_from_db()
    assert moved.status == end
    assert moved.dropped_reason == ("No longer needed." if end == S.DROPPED else "")


@pytest.mark.parametrize(("start", "end"), [move for move in ALL_MOVES if move not in ALLOWED])
def test_each_other_move_is_refused_and_changes_nothing(economy_action, start, end):
    ActionItem.objects.filter(pk=economy_action.pk).update(status=start, dropped_reason="Was dropped.")
    economy_action.refresh_from_db()
    before = economy_action.updated_at

    with pytest.raises(ValidationError) as refused:
        move_action(item=economy_action, to=end, reason="Because.")

    assert refused.value.messages == [f"An action item that is “{S(start).label}” cannot become “{S(end).label}”."]
    economy_action.refresh_from_db()
    assert (economy_action.status, economy_action.dropped_reason, economy_action.updated_at) == (
        start,
        "Was dropped.",
        before,
    )


def test_an_unknown_status_is_refused(economy_action):
    with pytest.raises(ValidationError) as refused:
        move_action(item=economy_action, to="finished")

    assert refused.value.messages == ["An action item that is “Open” cannot become “finished”."]
    economy_action.refresh_from_db()
    assert economy_action.status == S.OPEN


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_dropping_without_a_reason_is_refused(economy_action, reason):
    with pytest.raises(ValidationError) as refused:
        move_action(item=economy_action, to=S.DROPPED, reason=reason)

    assert refused.value.message_dict == {"reason": ["Say why the action item is dropped."]}
    economy_action.refresh_from_db()
    assert (economy_action.status, economy_action.dropped_reason) == (S.OPEN, "")


def test_the_reason_is_kept_trimmed(economy_action):
    move_action(item=economy_action, to=S.DROPPED, reason="  Superseded by resolution 3.  ")

    economy_action.refresh_from_db()
    assert (economy_action.status, economy_action.dropped_reason) == (S.DROPPED, "Superseded by resolution 3.")


# Creating -----------------------------------------------------------------------------------------


def new_item(**fields) -> ActionItem:
    owner = fields.pop("owner", None) or person("Lee Min-jun")
    fields = {"title": "Draft the calendar", "due_on": days(7), **fields}
    return ActionItem(council=owner.council, owner=owner, **fields)


def test_an_item_is_created_open_from_one_source(demo_user, economy, action_resolution):
    item = new_item(resolution=action_resolution, status=S.DONE, dropped_reason="ignored")

    create_action(item=item, by=demo_user("secretariat-seoul"))

    item.refresh_from_db()
    assert (item.status, item.dropped_reason, item.team, item.source) == (S.OPEN, "", economy, action_resolution)
    assert item.created_by == demo_user("secretariat-seoul")
    assert item.history.count() == 1


@pytest.mark.parametrize(
    ("owner", "team_code"),
    [("Lee Min-jun", "economy"), ("Jung Da-eun", "economy"), ("Park Soo-jin", "culture"), ("Wang Fang", None)],
)
def test_without_a_team_the_item_takes_one_the_owner_leads_or_belongs_to(action_resolution, owner, team_code):
    item = create_action(item=new_item(owner=person(owner), resolution=action_resolution), by=None)

    assert (item.team.code if item.team else None) == team_code


def test_a_team_given_is_kept(culture, action_resolution):
    item = create_action(item=new_item(resolution=action_resolution, team=culture), by=None)

    assert item.team == culture


def test_an_item_without_a_source_is_refused(action_resolution):
    count = ActionItem.objects.count()

    with pytest.raises(ValidationError) as refused:
        create_action(item=new_item(), by=None)

    assert refused.value.messages == [
        "An action item comes from exactly one place: a resolution, a letter, an exchange or a commitment."
    ]
    assert ActionItem.objects.count() == count


def test_an_item_with_two_sources_is_refused(action_resolution, economy_exchange):
    count = ActionItem.objects.count()

    with pytest.raises(ValidationError) as refused:
        create_action(item=new_item(resolution=action_resolution, exchange=economy_exchange), by=None)

    assert refused.value.messages == [
        "An action item comes from one place: a resolution, a letter, an exchange or a commitment."
    ]
    assert ActionItem.objects.count() == count


@pytest.mark.parametrize("source", ["action_foreign_resolution", "foreign_exchange"])
def test_a_source_of_another_council_is_refused(db, request, source):
    kind = "resolution" if "resolution" in source else "exchange"
    count = ActionItem.objects.count()

    with pytest.raises(ValidationError) as refused:
        create_action(item=new_item(**{kind: request.getfixturevalue(source)}), by=None)

    assert refused.value.messages == ["An action item must come from something of its own council."]
    assert ActionItem.objects.count() == count


@pytest.mark.parametrize("source", ["action_letter", "action_commitment"])
def test_letters_and_commitments_are_sources_too(request, economy, source):
    kind = {"action_letter": "correspondence", "action_commitment": "commitment"}[source]

    item = create_action(item=new_item(**{kind: request.getfixturevalue(source)}), by=None)

    assert item.source_kind == kind
    assert item.source == request.getfixturevalue(source)


def test_an_owner_or_team_of_another_council_is_refused(action_resolution, foreign_team):
    stranger = PersonFactory(council=foreign_team.council)
    item = new_item(resolution=action_resolution, team=foreign_team)
    item.owner = stranger  # the item stays in the demo council

    with pytest.raises(ValidationError) as refused:
        create_action(item=item, by=None)

    assert refused.value.message_dict == {
        "owner": ["Choose a person of the council."],
        "team": ["Choose a team of the council."],
    }
    assert not ActionItem.objects.filter(owner=stranger).exists()


def test_a_new_item_cannot_be_due_in_the_past(action_resolution):
    count = ActionItem.objects.count()

    with pytest.raises(ValidationError) as refused:
        create_action(item=new_item(resolution=action_resolution, due_on=days(-1)), by=None)

    assert refused.value.message_dict == {"due_on": ["The due date cannot be in the past."]}
    assert ActionItem.objects.count() == count


def test_a_new_item_may_be_due_today(action_resolution):
    item = create_action(item=new_item(resolution=action_resolution, due_on=days(0)), by=None)

    assert item.due_on == days(0)
    assert not item.is_overdue


# Editing ------------------------------------------------------------------------------------------


def overdue_item(economy, action_resolution) -> ActionItem:
    return ActionItemFactory(
        owner=person("Lee Min-jun"), team=economy, resolution=action_resolution, due_on=days(-5), title="Late"
    )


def test_an_overdue_item_keeps_its_past_due_date_when_edited(economy, action_resolution):
    item = overdue_item(economy, action_resolution)
    item.title = "Late, but on its way"

    update_action(item=item)

    item.refresh_from_db()
    assert (item.title, item.due_on, item.is_overdue) == ("Late, but on its way", days(-5), True)


def test_an_edit_cannot_move_the_due_date_into_the_past(economy, action_resolution):
    item = overdue_item(economy, action_resolution)
    item.title, item.due_on = "Changed", days(-1)

    with pytest.raises(ValidationError) as refused:
        update_action(item=item)

    assert refused.value.message_dict == {"due_on": ["The due date cannot be in the past."]}
    item.refresh_from_db()
    assert (item.title, item.due_on) == ("Late", days(-5))


def test_an_edit_keeps_a_move_made_meanwhile(economy_action):
    stale = ActionItem.objects.get(pk=economy_action.pk)
    move_action(item=economy_action, to=S.IN_PROGRESS)
    stale.title = "Edited at the same time"

    update_action(item=stale)

    economy_action.refresh_from_db()
    assert (economy_action.title, economy_action.status) == ("Edited at the same time", S.IN_PROGRESS)


def test_an_edit_cannot_give_the_item_a_second_source(economy_action, economy):
    economy_action.exchange = ExchangeFactory(team=economy)

    with pytest.raises(ValidationError):
        update_action(item=economy_action)

    economy_action.refresh_from_db()
    assert economy_action.exchange is None
