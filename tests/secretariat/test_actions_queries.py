"""Pages that list action items keep the same number of queries however many rows they show."""

import pytest
from django.urls import reverse

from common import change_tokens
from secretariat.models import ActionItem
from tests.dashboards.test_home_queues import fill_queues
from tests.factories import ExchangeFactory
from tests.fixtures.actions import ActionItemFactory, days, person
from tests.texts import translate, warm_content_types

S = ActionItem.Status


def sources(n: int, *, resolution, exchange, letter, commitment) -> dict:
    """Rows from every kind of source in turn, so each join a row may need is exercised."""
    kind = n % 4
    return [{"resolution": resolution}, {"exchange": exchange}, {"correspondence": letter}, {"commitment": commitment}][
        kind
    ]


@pytest.fixture
def make_rows(economy, action_resolution, economy_exchange, action_letter, action_commitment):
    ActionItem.objects.all().delete()

    def make(rows: int, owner, **fields):
        for n in range(rows):
            source = sources(
                n, resolution=action_resolution, exchange=economy_exchange, letter=action_letter,
                commitment=action_commitment,
            )  # fmt: skip
            ActionItemFactory(owner=owner, team=economy, due_on=days(n - 3), **source, **fields)

    return make


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("rows", [4, 30])
def test_my_actions_query_count_is_constant(client, demo_user, django_assert_num_queries, make_rows, rows):
    make_rows(rows, person("Lee Min-jun"))
    client.force_login(demo_user("lead-economy-seoul"))

    # session, user, person, roles; page count, page rows (with owner and team); each kind of source
    # (resolution, letter, exchange, commitment with its agreement); the versions of the items' texts
    # and of each kind of source's (letter, exchange, commitment, its agreement); the tabs' counts.
    # Four rows or more: one from every kind of source.
    with django_assert_num_queries(17):
        response = client.get(reverse("secretariat:my-actions"))

    assert len(response.context["items"]) == min(rows, 25)


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("rows", [4, 30])
def test_action_list_query_count_is_constant(client, demo_user, django_assert_num_queries, make_rows, rows):
    make_rows(rows, person("Zhang Wei"))
    client.force_login(demo_user("secretariat-seoul"))

    # session, user, person, roles; count, page rows; each kind of source, and the versions of the
    # items' and each kind of source's texts (as above); the filter's owner and team choices
    with django_assert_num_queries(18):
        response = client.get(reverse("secretariat:action-list"))

    assert len(response.context["items"]) == min(rows, 25)


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("rows", [1, 30])
def test_action_detail_query_count_is_constant(client, demo_user, django_assert_num_queries, economy_action, rows):
    for n in range(rows):
        economy_action.title = f"Version {n}"
        economy_action.save()
    client.force_login(demo_user("lead-economy-seoul"))
    warm_content_types()

    # session, user, person, roles; the item (with its owner, team and author), its source (a resolution,
    # with its assembly and team), "may read it"; history and the people and things its records name;
    # the versions of its texts (its source, a resolution, has none)
    with django_assert_num_queries(13):
        response = client.get(reverse("secretariat:action-detail", args=[economy_action.pk]))

    assert len(response.context["history"]) == rows + 1


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("rows", [1, 30])
def test_assembly_page_query_count_is_constant_with_action_items(
    client, demo_user, django_assert_num_queries, held_assembly, make_rows, rows
):
    make_rows(rows * 4, person("Chen Jing"))  # a quarter come from the resolution
    client.force_login(demo_user("lead-education-beijing"))
    warm_content_types()

    # as tests/assemblies/test_pages.py counts the page: its resolutions' items and their owners included
    with django_assert_num_queries(33):
        response = client.get(reverse("assemblies:detail", args=[held_assembly.pk]))

    assert sum(len(r.action_items.all()) for r in response.context["assembly"].resolutions.all()) == rows


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("rows", [1, 30])
def test_exchange_page_query_count_is_constant_with_action_items(
    client, demo_user, django_assert_num_queries, economy_exchange, make_rows, rows
):
    make_rows(rows * 4, person("Zhang Wei"))  # a quarter come from the exchange
    client.force_login(demo_user("lead-economy-seoul"))

    # the exchange page's queries, its action items and their owners, and the steps of its approval
    with django_assert_num_queries(21):
        response = client.get(economy_exchange.get_absolute_url())

    assert len(response.context["exchange"].action_items.all()) == rows


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("rows", [1, 30])
def test_home_query_count_is_constant_with_action_items(
    client, demo_user, django_assert_num_queries, make_rows, rows, economy
):
    make_rows(rows, person("Lee Min-jun"))
    fill_queues(economy, demo_user("member-economy-seoul"), 1)  # each queue reads its texts' versions
    client.force_login(demo_user("lead-economy-seoul"))
    warm_content_types()

    # as tests/council/test_query_counts.py counts the home page: the card is one query, and one for the
    # versions of its items' texts (tests/dashboards/test_home_queues.py counts the lead's work queues)
    change_tokens.current()  # the records' token exists (its first reader makes it)
    with django_assert_num_queries(26):
        response = client.get(reverse("home"))

    assert len(response.context["my_actions"]) == min(rows, 5)


@pytest.mark.parametrize("more", [0, 12])
def test_new_action_form_query_count_does_not_grow_with_its_sources(
    client, demo_user, django_assert_num_queries, economy, more
):
    """The form offers every resolution, letter, exchange and commitment to start from, each labelled in
    the reader's language: the versions come with each kind's list, not one query per choice."""
    for n in range(more):
        translate(ExchangeFactory(team=economy, title=f"Forum {n}"), ko=f"포럼 {n}")
    client.force_login(demo_user("secretariat-seoul"))
    warm_content_types()

    # session, user, person, roles, the teams led, the unread count; the owner and team choices; per kind
    # of source its rows and their versions, and the commitments' agreements' versions
    with django_assert_num_queries(17):
        response = client.get(reverse("secretariat:action-create"))

    assert response.status_code == 200
    labels = [label for _group, choices in response.context["form"].fields["exchange"].choices for label in choices]
    assert len(labels) >= more
