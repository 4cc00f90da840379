"""How far each commitment has come, its numbers exact; and the register's pages in a constant number of queries."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from council.models import Person
from council.permissions import access_for
from secretariat.models import ActionItem, Agreement, Commitment
from secretariat.selectors.agreements import Progress, commitments_with_progress
from tests.factories import ExchangeFactory
from tests.fixtures.agreements import make_agreement

A = ActionItem.Status


def person(name: str) -> Person:
    return Person.objects.get(name_romanised=name)


def action(commitment: Commitment, status: str, *, due_in_days: int = 10, owner: str = "Lee Min-jun", title=None):
    """Made with the model directly: the action items' service is another part's work."""
    return ActionItem.objects.create(
        council_id=commitment.agreement.council_id,
        title=title or f"{status} item",
        owner=person(owner),
        due_on=timezone.localdate() + dt.timedelta(days=due_in_days),
        status=status,
        dropped_reason="No longer needed." if status == A.DROPPED else "",
        commitment=commitment,
    )


def exchanges(team, *statuses):
    return [
        ExchangeFactory(team=team, status=status, outcomes="Done." if status == "completed" else "")
        for status in statuses
    ]


@pytest.fixture
def forum_commitment(economy) -> Commitment:
    """Two done, one open and overdue, one in progress, one dropped; two completed exchanges of three."""
    agreement = make_agreement(economy.council)
    commitment = Commitment.objects.create(agreement=agreement, text="An annual forum.", owner_team=economy, order=1)
    action(commitment, A.DONE, due_in_days=-30)
    action(commitment, A.DONE, due_in_days=5)
    action(commitment, A.OPEN, due_in_days=-10, title="Send the forum programme")
    action(commitment, A.IN_PROGRESS, due_in_days=10)
    action(commitment, A.DROPPED, due_in_days=-3)
    commitment.exchanges.set(exchanges(economy, "completed", "completed", "planned"))
    return commitment


def test_progress_counts_done_total_open_overdue_and_completed_exchanges(demo_user, forum_commitment, economy):
    idle = Commitment.objects.create(agreement=forum_commitment.agreement, text="Nothing yet.", order=2)
    other = Commitment.objects.create(agreement=make_agreement(economy.council, title="Other"), text="Elsewhere.")
    action(other, A.DONE)  # another agreement's items never count here
    other.exchanges.set(exchanges(economy, "completed"))

    rows = commitments_with_progress(
        agreement=forum_commitment.agreement, access=access_for(demo_user("secretariat-seoul"))
    )

    assert [(c.pk, c.progress) for c in rows] == [
        (
            forum_commitment.pk,
            Progress(actions_done=2, actions_total=4, actions_open=2, actions_overdue=1, exchanges_completed=2),
        ),
        (idle.pk, Progress(0, 0, 0, 0, 0)),
    ]
    assert [c.progress.percent for c in rows] == [50, 0]


def test_the_agreement_page_shows_each_commitments_progress_in_words_and_as_a_bar(client, demo_user, forum_commitment):
    client.force_login(demo_user("secretariat-seoul"))

    html = client.get(forum_commitment.agreement.get_absolute_url()).content.decode()

    assert "2 of 4 actions done" in html
    assert "2 completed exchanges" in html
    assert "2 open" in html
    assert "1 overdue" in html
    assert 'aria-valuenow="50"' in html
    assert "progress-bar progress-w-50" in html
    assert "Send the forum programme" in html
    assert f"{reverse('secretariat:action-create')}?commitment={forum_commitment.pk}" in html


def test_a_team_member_sees_the_numbers_but_only_the_items_and_exchanges_they_may_read(
    client, demo_user, forum_commitment, culture
):
    forum_commitment.exchanges.add(*exchanges(culture, "completed"))
    culture_titles = [e.display_title for e in forum_commitment.exchanges.filter(team=culture)]
    client.force_login(demo_user("member-economy-seoul"))

    response = client.get(forum_commitment.agreement.get_absolute_url())

    [commitment] = response.context["commitments"]
    assert commitment.progress == Progress(2, 4, 2, 1, 3)
    assert {e.team_id for e in commitment.readable_exchanges} == {forum_commitment.owner_team_id}
    assert list(commitment.action_items.all()) == []  # owned by the team's lead, not by this member
    html = response.content.decode()
    assert "Send the forum programme" not in html
    assert all(title not in html for title in culture_titles)
    assert reverse("secretariat:action-create") not in html


def test_an_action_due_today_is_not_overdue_in_the_readers_zone(client, demo_user, economy):
    reader = demo_user("secretariat-beijing")
    commitment = Commitment.objects.create(agreement=make_agreement(economy.council), text="x")
    ActionItem.objects.create(
        council=economy.council,
        title="Due today",
        owner=reader.person,
        due_on=timezone.localdate(timezone=reader.person.zone),
        commitment=commitment,
    )
    client.force_login(reader)

    response = client.get(commitment.agreement.get_absolute_url())

    assert response.context["commitments"][0].progress == Progress(0, 1, 1, 0, 0)


# Query counts


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("rows", [1, 20])
def test_agreement_list_query_count_is_constant(client, demo_user, economy, django_assert_num_queries, rows):
    for n in range(rows):
        agreement = make_agreement(economy.council, title=f"Agreement {n}", review_on=dt.date(2020, 6, 1))
        Commitment.objects.create(agreement=agreement, text="A promise.")
    client.force_login(demo_user("mayor-office-seoul"))

    # session, user, person, roles; the count for the paginator; the page with its commitment counts;
    # the versions of the titles
    with django_assert_num_queries(8):
        response = client.get(reverse("secretariat:agreement-list"))

    assert len(response.context["agreements"]) == 4 + rows  # the demo's four and these
    assert Agreement.objects.filter(council=economy.council).count() == 4 + rows


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("rows", [1, 30])
def test_agreement_detail_query_count_is_constant(client, demo_user, economy, django_assert_num_queries, rows):
    agreement = make_agreement(economy.council)
    linked = exchanges(economy, "completed", "planned")
    for n in range(rows):
        commitment = Commitment.objects.create(agreement=agreement, text=f"Promise {n}", owner_team=economy, order=n)
        action(commitment, A.DONE)
        action(commitment, A.OPEN, due_in_days=-1)
        commitment.exchanges.set(linked)
    client.force_login(demo_user("secretariat-seoul"))

    # session, user, person, roles; the agreement; commitments with their progress (one query of
    # aggregates), their exchanges, their action items with owners; the versions of the commitments',
    # exchanges' and action items' texts; the history, and its council names
    with django_assert_num_queries(17):
        response = client.get(agreement.get_absolute_url())

    assert [c.progress for c in response.context["commitments"]] == [Progress(1, 2, 1, 1, 1)] * rows
