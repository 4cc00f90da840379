"""Action items through the browser's eyes: My actions, the secretariat's list, create, edit, move, and the
pages of their sources (the assembly's resolutions, the exchange, the home page)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from secretariat.models import ActionItem
from tests.factories import ExchangeFactory
from tests.fixtures.actions import ActionItemFactory, days, person

S = ActionItem.Status


@pytest.fixture
def no_demo_items(db):
    """The demo's own items would crowd lists whose exact content a test asserts."""
    ActionItem.objects.all().delete()


def titles(response) -> list[str]:
    return [item.title for item in response.context["items"]]


def overdue_rows(response) -> set[int]:
    """Rows that stand out as overdue: the row class and the word, not colour alone."""
    html = response.content.decode()
    marked = set(map(int, re.findall(r'<tr class="table-danger" data-item="(\d+)">', html)))
    assert html.count("data-overdue>Overdue</span>") == len(marked)
    return marked


# My actions ---------------------------------------------------------------------------------------


@pytest.fixture
def lees_items(no_demo_items, economy, action_resolution, economy_exchange):
    lee = person("Lee Min-jun")

    def make(title, due, status=S.OPEN, **extra):
        return ActionItemFactory(
            owner=lee, team=economy, title=title, due_on=days(due), status=status, resolution=action_resolution, **extra
        )

    items = {
        "later": make("Later", 10),
        "late": make("Late", -3),
        "soon": make("Soon", 2, S.IN_PROGRESS),
        "started late": make("Started late", -1, S.IN_PROGRESS),
        "done": make("Done", -5, S.DONE),
        "dropped": make("Dropped", 4, S.DROPPED, dropped_reason="Superseded."),
    }
    ActionItemFactory(
        owner=person("Zhang Wei"), team=economy, title="Zhang's", due_on=days(-9), exchange=economy_exchange
    )
    return items


def test_my_actions_lists_my_open_items_by_due_date_with_the_overdue_ones_first_and_marked(
    client, demo_user, lees_items
):
    client.force_login(demo_user("lead-economy-seoul"))

    response = client.get(reverse("secretariat:my-actions"))

    assert titles(response) == ["Late", "Started late", "Soon", "Later"]
    assert overdue_rows(response) == {lees_items["late"].pk, lees_items["started late"].pk}
    assert response.context["counts"] == {"open": 4, "overdue": 2, "closed": 2}
    assert "2 overdue" in response.content.decode()


def test_my_actions_shows_done_and_dropped_ones_behind_their_tab(client, demo_user, lees_items):
    ActionItem.objects.filter(pk=lees_items["done"].pk).update(updated_at=lees_items["dropped"].updated_at)
    client.force_login(demo_user("lead-economy-seoul"))

    response = client.get(reverse("secretariat:my-actions"), {"show": "closed"})

    assert titles(response) == ["Dropped", "Done"]  # latest first; the same moment goes by newest record
    assert overdue_rows(response) == set()


@pytest.mark.parametrize(
    "username", ["secretariat-beijing", "member-economy-seoul", "mayor-office-seoul", "lead-culture-beijing", "admin"]
)
def test_my_actions_works_for_every_person_and_shows_only_their_own(client, demo_user, lees_items, username):
    user = demo_user(username)
    mine = ActionItemFactory(owner=user.person, title="Mine", resolution=lees_items["late"].resolution)
    client.force_login(user)

    response = client.get(reverse("secretariat:my-actions"))

    assert response.status_code == 200
    assert [item.pk for item in response.context["items"]] == [mine.pk]


def test_an_account_without_a_person_gets_an_explanation_not_an_error(client, db):
    it_staff = get_user_model().objects.create_user("it-staff", password="x", is_staff=True)
    client.force_login(it_staff)

    response = client.get(reverse("secretariat:my-actions"))

    assert response.status_code == 200
    assert list(response.context["items"]) == []
    assert "Your account is not linked to a person of a council" in response.content.decode()
    assert reverse("secretariat:my-actions") not in client.get(reverse("home")).content.decode()  # no nav item


def test_my_actions_links_to_the_whole_list_for_those_who_may_read_it(client, demo_user):
    list_url = f'href="{reverse("secretariat:action-list")}"'
    client.force_login(demo_user("secretariat-seoul"))
    assert list_url in client.get(reverse("secretariat:my-actions")).content.decode()
    client.force_login(demo_user("member-economy-seoul"))
    assert list_url not in client.get(reverse("secretariat:my-actions")).content.decode()


# The secretariat's list ---------------------------------------------------------------------------


@pytest.fixture
def desk(no_demo_items, economy, culture, action_resolution, economy_exchange, action_letter, action_commitment):
    """Five items across owners, teams, statuses, due dates and sources."""
    make = ActionItemFactory
    return {
        "A": make(owner=person("Lee Min-jun"), team=economy, title="A", due_on=days(-5), resolution=action_resolution),
        "B": make(
            owner=person("Zhang Wei"), team=economy, title="B", due_on=days(3), status=S.IN_PROGRESS,
            exchange=economy_exchange,
        ),
        "C": make(
            owner=person("Park Soo-jin"), team=culture, title="C", due_on=days(-20), status=S.DONE,
            correspondence=action_letter,
        ),
        "D": make(
            owner=person("Wang Fang"), team=None, title="D", due_on=days(10), status=S.DROPPED,
            dropped_reason="Not needed.", commitment=action_commitment,
        ),
        "E": make(owner=person("Liu Yang"), team=culture, title="E", due_on=days(30), resolution=action_resolution),
    }  # fmt: skip


def list_titles(client, **params) -> list[str]:
    response = client.get(reverse("secretariat:action-list"), params)
    assert response.status_code == 200
    return titles(response)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["A", "B", "E", "C", "D"]),  # open ones first, each part by due date
        ({"status": "done"}, ["C"]),
        ({"status": "in_progress"}, ["B"]),
        ({"overdue": "on"}, ["A"]),
        ({"source": "resolution"}, ["A", "E"]),
        ({"source": "exchange"}, ["B"]),
        ({"source": "correspondence"}, ["C"]),
        ({"source": "commitment"}, ["D"]),
        ({"due_after": "+0", "due_before": "+10"}, ["B", "D"]),
        ({"due_before": "-5"}, ["A", "C"]),
        ({"ordering": "owner"}, ["A", "E", "C", "D", "B"]),  # Lee, Liu, Park, Wang, Zhang
        ({"ordering": "-owner"}, ["B", "D", "C", "E", "A"]),
        ({"ordering": "due_on"}, ["C", "A", "B", "D", "E"]),
        ({"ordering": "-due_on"}, ["E", "D", "B", "A", "C"]),
        ({"ordering": "team"}, ["A", "B", "C", "E", "D"]),  # economy, culture, then no team
    ],
)
def test_the_list_filters_and_sorts(client, demo_user, desk, params, expected):
    params = {k: (days(int(v)).isoformat() if v[:1] in "+-" and k.startswith("due") else v) for k, v in params.items()}
    client.force_login(demo_user("secretariat-seoul"))

    assert list_titles(client, **params) == expected


def test_the_list_filters_by_owner_and_team(client, demo_user, desk, economy, culture):
    client.force_login(demo_user("secretariat-beijing"))

    assert list_titles(client, owner=person("Lee Min-jun").pk) == ["A"]
    assert list_titles(client, team=economy.pk) == ["A", "B"]
    assert list_titles(client, team=culture.pk, status="open") == ["E"]


def test_overdue_rows_stand_out_in_the_list(client, demo_user, desk):
    client.force_login(demo_user("mayor-office-beijing"))

    assert overdue_rows(client.get(reverse("secretariat:action-list"))) == {desk["A"].pk}


def test_a_team_lead_lists_their_teams_and_their_own_items_only(client, demo_user, desk):
    client.force_login(demo_user("lead-economy-seoul"))
    assert list_titles(client) == ["A", "B"]
    client.force_login(demo_user("lead-culture-beijing"))  # Liu Yang: owner of E, lead of culture
    assert list_titles(client) == ["E", "C"]


def test_a_malformed_filter_is_explained_and_ignored(client, demo_user, desk):
    client.force_login(demo_user("secretariat-seoul"))

    response = client.get(reverse("secretariat:action-list"), {"due_before": "someday", "owner": "x", "page": "many"})

    assert response.status_code == 200
    assert titles(response) == ["A", "B", "E", "C", "D"]
    assert set(response.context["filter"].form.errors) == {"due_before", "owner"}


def test_the_list_is_paginated(client, demo_user, no_demo_items, action_resolution):
    for n in range(30):
        ActionItemFactory(owner=person("Chen Jing"), resolution=action_resolution, due_on=days(n))
    client.force_login(demo_user("secretariat-seoul"))

    first = client.get(reverse("secretariat:action-list"))
    second = client.get(reverse("secretariat:action-list"), {"page": 2})

    assert (len(first.context["items"]), len(second.context["items"])) == (25, 5)


# Create and edit ----------------------------------------------------------------------------------


def form_data(**fields) -> dict:
    data = {"title": "Draft the calendar", "description": "", "owner": person("Lee Min-jun").pk, "due_on": days(14)}
    return {k: ("" if v is None else getattr(v, "pk", v)) for k, v in {**data, **fields}.items()}


def test_a_resolution_turns_into_an_action_item_for_a_team_lead(client, demo_user, economy, action_resolution):
    """The issue's "done when", without the browser: from the last assembly's resolution to the lead's list."""
    client.force_login(demo_user("secretariat-beijing"))
    url = reverse("secretariat:action-create") + f"?resolution={action_resolution.pk}"

    form_page = client.get(url)

    form = form_page.context["form"]
    assert (form.initial["title"], form.initial["team"], form.initial["owner"]) == (
        action_resolution.text,
        economy.pk,
        None,
    )
    assert {"resolution", "correspondence", "exchange", "commitment"}.isdisjoint(form.fields)
    source = re.search(r"data-source>(.*?)</p>", form_page.content.decode(), re.S).group(1)
    assert "Resolution 1" in source and "General assembly no. 6 (2025)" in source

    response = client.post(url, form_data(title=form.initial["title"], team=economy))

    item = ActionItem.objects.get(title=action_resolution.text, owner=person("Lee Min-jun"))
    assert response.url == item.get_absolute_url()
    assert (item.resolution, item.team, item.status, item.created_by) == (
        action_resolution,
        economy,
        S.OPEN,
        demo_user("secretariat-beijing"),
    )
    client.force_login(demo_user("lead-economy-seoul"))
    assert item in client.get(reverse("secretariat:my-actions")).context["items"]


@pytest.mark.parametrize(
    ("kind", "fixture", "title", "team"),
    [
        ("exchange", "economy_exchange", "Follow up on “Seoul–Beijing investment forum”", "economy"),
        ("correspondence", "action_letter", "Follow up on SEL-BJS-2099-001: Invitation to the trade fair", "economy"),
        ("commitment", "action_commitment", "Hold a business forum each year.", None),
    ],
)
def test_other_sources_prefill_the_form_too(request, client, demo_user, kind, fixture, title, team):
    source = request.getfixturevalue(fixture)
    client.force_login(demo_user("secretariat-seoul"))
    url = reverse("secretariat:action-create") + f"?{kind}={source.pk}"

    form = client.get(url).context["form"]
    assert (form.initial["title"], form.initial["team"]) == (title, request.getfixturevalue(team).pk if team else None)

    client.post(url, form_data(title=title))
    assert getattr(ActionItem.objects.get(title=title), kind) == source


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("resolution=abc", 404),
        ("resolution=999999", 404),
        ("exchange={foreign}", 404),
        ("resolution={resolution}&exchange={exchange}", 400),
    ],
)
def test_a_bad_source_in_the_address_is_refused(
    client, demo_user, action_resolution, economy_exchange, foreign_exchange, query, status
):
    client.force_login(demo_user("secretariat-seoul"))
    query = query.format(foreign=foreign_exchange.pk, resolution=action_resolution.pk, exchange=economy_exchange.pk)

    assert client.get(reverse("secretariat:action-create") + "?" + query).status_code == status


def test_without_a_source_in_the_address_exactly_one_is_chosen_on_the_form(
    client, demo_user, action_resolution, economy_exchange
):
    client.force_login(demo_user("secretariat-seoul"))
    url = reverse("secretariat:action-create")
    count = ActionItem.objects.count()

    for chosen, error in (
        ({}, "Choose where it comes from: one resolution, letter, exchange or commitment."),
        (
            {"resolution": action_resolution, "exchange": economy_exchange},
            "An action item comes from one place: a resolution, a letter, an exchange or a commitment.",
        ),
    ):
        response = client.post(url, form_data(**chosen))
        assert response.context["form"].non_field_errors() == [error]
    assert ActionItem.objects.count() == count

    client.post(url, form_data(exchange=economy_exchange))
    assert ActionItem.objects.get(title="Draft the calendar").exchange == economy_exchange


@pytest.mark.parametrize(
    ("due_on", "error"),
    [
        ("", "This field is required."),
        ("2026-02-30", "Enter a valid date."),
        ("next week", "Enter a valid date."),
        (days(-1).isoformat(), "The due date cannot be in the past."),
    ],
)
def test_a_bad_due_date_is_explained_and_nothing_is_saved(client, demo_user, action_resolution, due_on, error):
    client.force_login(demo_user("secretariat-seoul"))
    count = ActionItem.objects.count()

    response = client.post(
        reverse("secretariat:action-create") + f"?resolution={action_resolution.pk}", form_data(due_on=due_on)
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"due_on": [error]}
    assert ActionItem.objects.count() == count


def test_a_team_lead_gives_their_items_to_a_team_they_lead(client, demo_user, economy, culture, action_resolution):
    client.force_login(demo_user("lead-economy-seoul"))
    url = reverse("secretariat:action-create") + f"?resolution={action_resolution.pk}"

    form = client.get(url).context["form"]
    assert list(form.fields["team"].queryset) == [economy]

    refused = client.post(url, form_data(team=culture))
    assert list(refused.context["form"].errors) == ["team"]
    assert not ActionItem.objects.filter(title="Draft the calendar").exists()


def test_the_owner_is_chosen_among_the_councils_people_grouped_by_city(client, demo_user, foreign_action):
    client.force_login(demo_user("secretariat-seoul"))

    field = client.get(reverse("secretariat:action-create")).context["form"].fields["owner"]

    groups = [group for group, _options in list(field.choices)[1:]]
    assert groups == ["Beijing", "Seoul"]
    assert foreign_action.owner not in field.queryset


def test_a_lead_edits_their_teams_item_but_not_its_status_or_source(client, demo_user, economy_action):
    client.force_login(demo_user("lead-economy-seoul"))

    response = client.post(
        reverse("secretariat:action-edit", args=[economy_action.pk]),
        form_data(title="Calendar, second draft", owner=economy_action.owner, team=economy_action.team,
                  status="done", exchange=ExchangeFactory(team=economy_action.team)),
    )  # fmt: skip

    assert response.status_code == 302
    economy_action.refresh_from_db()
    assert (economy_action.title, economy_action.status, economy_action.source_kind) == (
        "Calendar, second draft",
        S.OPEN,
        "resolution",
    )


def test_an_overdue_item_is_edited_keeping_its_date_but_not_moved_into_the_past(client, demo_user, economy_action):
    ActionItem.objects.filter(pk=economy_action.pk).update(due_on=days(-4))
    client.force_login(demo_user("secretariat-seoul"))
    url = reverse("secretariat:action-edit", args=[economy_action.pk])
    data = form_data(owner=economy_action.owner, team=economy_action.team)

    kept = client.post(url, {**data, "title": "Kept", "due_on": days(-4)})
    moved = client.post(url, {**data, "title": "Moved", "due_on": days(-2)})

    assert kept.status_code == 302
    assert moved.context["form"].errors == {"due_on": ["The due date cannot be in the past."]}
    economy_action.refresh_from_db()
    assert (economy_action.title, economy_action.due_on) == ("Kept", days(-4))


# Who may do what ----------------------------------------------------------------------------------


def test_the_owner_moves_their_item_but_cannot_edit_it(client, demo_user, economy_action):
    client.force_login(demo_user("member-economy-seoul"))  # Jung Da-eun owns it

    moved = client.post(reverse("secretariat:action-status", args=[economy_action.pk]), {"to": "in_progress"})
    edit = client.post(reverse("secretariat:action-edit", args=[economy_action.pk]), form_data(title="Mine now"))

    assert (moved.status_code, edit.status_code) == (302, 403)
    economy_action.refresh_from_db()
    assert (economy_action.status, economy_action.title) == (S.IN_PROGRESS, "Draft the business events calendar")


def test_a_team_member_cannot_touch_someone_elses_item_of_their_team(client, demo_user, economy, action_resolution):
    leads_item = ActionItemFactory(owner=person("Lee Min-jun"), team=economy, resolution=action_resolution)
    title = leads_item.title
    client.force_login(demo_user("member-economy-seoul"))

    responses = [
        client.get(reverse("secretariat:action-detail", args=[leads_item.pk])),
        client.post(reverse("secretariat:action-edit", args=[leads_item.pk]), form_data(title="Hijacked")),
        client.post(reverse("secretariat:action-status", args=[leads_item.pk]), {"to": "in_progress"}),
    ]

    assert [r.status_code for r in responses] == [403, 403, 403]
    leads_item.refresh_from_db()
    assert (leads_item.status, leads_item.title) == (S.OPEN, title)


def test_the_mayors_office_reads_everything_and_writes_nothing(client, demo_user, economy_action, culture_action):
    client.force_login(demo_user("mayor-office-seoul"))

    reads = [
        client.get(reverse("secretariat:action-detail", args=[item.pk])) for item in (economy_action, culture_action)
    ]
    writes = [
        client.get(reverse("secretariat:action-create")),
        client.post(reverse("secretariat:action-edit", args=[economy_action.pk]), form_data(title="Changed")),
        client.post(reverse("secretariat:action-status", args=[culture_action.pk]), {"to": "in_progress"}),
    ]

    assert [r.status_code for r in reads] == [200, 200]
    assert not any(r.context["can_edit"] or r.context["can_move"] for r in reads)
    assert [r.status_code for r in writes] == [403, 403, 403]
    culture_action.refresh_from_db()
    assert culture_action.status == S.OPEN


# Moving through the detail page ------------------------------------------------------------------


def test_the_detail_page_offers_the_allowed_next_steps_and_its_source(client, demo_user, economy_action):
    client.force_login(demo_user("member-economy-seoul"))

    response = client.get(reverse("secretariat:action-detail", args=[economy_action.pk]))

    html = response.content.decode()
    assert (response.context["moves"], response.context["can_drop"]) == ([("in_progress", "In progress")], True)
    assert 'name="to" value="in_progress"' in html and 'name="to" value="dropped"' in html
    assert (
        f'href="/assemblies/{economy_action.resolution.assembly_id}/#resolution-{economy_action.resolution_id}"' in html
    )
    assert len(response.context["history"]) == 1


def test_dropping_without_a_reason_is_explained_and_changes_nothing(client, demo_user, economy_action):
    client.force_login(demo_user("member-economy-seoul"))
    url = reverse("secretariat:action-status", args=[economy_action.pk])

    refused = client.post(url, {"to": "dropped", "reason": "  "})
    dropped = client.post(url, {"to": "dropped", "reason": "The calendar is drafted elsewhere."})

    assert refused.status_code == 200
    assert refused.context["status_form"].errors == {"reason": ["Say why the action item is dropped."]}
    assert dropped.status_code == 302
    economy_action.refresh_from_db()
    assert (economy_action.status, economy_action.dropped_reason) == (S.DROPPED, "The calendar is drafted elsewhere.")
    page = client.get(economy_action.get_absolute_url())
    assert "The calendar is drafted elsewhere." in page.content.decode()
    assert (page.context["moves"], page.context["can_drop"]) == ([], False)


def test_a_refused_move_is_explained_and_changes_nothing(client, demo_user, economy_action):
    client.force_login(demo_user("secretariat-seoul"))

    response = client.post(reverse("secretariat:action-status", args=[economy_action.pk]), {"to": "done"})

    assert response.status_code == 200
    assert response.context["status_form"].non_field_errors() == ["An action item that is “Open” cannot become “Done”."]
    assert "cannot become “Done”" in response.content.decode()
    economy_action.refresh_from_db()
    assert economy_action.status == S.OPEN


# Linked both ways ---------------------------------------------------------------------------------


def test_a_resolution_on_the_assembly_page_shows_its_action_items_and_their_state(
    client, demo_user, held_assembly, no_demo_items, action_resolution, economy
):
    late = ActionItemFactory(
        owner=person("Lee Min-jun"), team=economy, resolution=action_resolution, due_on=days(-2), title="Late one"
    )
    done = ActionItemFactory(
        owner=person("Zhang Wei"), resolution=action_resolution, due_on=days(-9), status=S.DONE, title="Done one"
    )
    client.force_login(demo_user("lead-education-beijing"))  # may not open the economy team's items
    page = client.get(reverse("assemblies:detail", args=[held_assembly.pk])).content.decode()
    assert "Late one" in page and f'href="{late.get_absolute_url()}"' not in page
    client.force_login(demo_user("secretariat-beijing"))

    html = client.get(reverse("assemblies:detail", args=[held_assembly.pk])).content.decode()

    resolution_html = re.search(
        rf'id="resolution-{action_resolution.pk}">(.*?)Turn into an action item', html, re.S
    ).group(1)
    assert f'href="{late.get_absolute_url()}"><span lang="en">Late one</span></a>' in resolution_html
    assert f'href="{done.get_absolute_url()}"><span lang="en">Done one</span></a>' in resolution_html
    assert resolution_html.count("data-overdue>Overdue</span>") == 1
    assert ">Open</span>" in resolution_html and ">Done</span>" in resolution_html
    assert f'href="/secretariat/actions/new/?resolution={action_resolution.pk}"' in resolution_html

    client.force_login(demo_user("mayor-office-seoul"))  # reads, may not create
    assert (
        "Turn into an action item"
        not in client.get(reverse("assemblies:detail", args=[held_assembly.pk])).content.decode()
    )


def test_an_exchange_page_shows_its_action_items(client, demo_user, economy_exchange):
    item = ActionItemFactory(
        owner=person("Zhang Wei"), team=economy_exchange.team, exchange=economy_exchange, title="Send the leads"
    )
    add = f'href="/secretariat/actions/new/?exchange={economy_exchange.pk}"'
    client.force_login(demo_user("lead-economy-seoul"))

    html = client.get(economy_exchange.get_absolute_url()).content.decode()

    assert f'href="{item.get_absolute_url()}"><span lang="en">Send the leads</span></a>' in html
    assert add in html
    client.force_login(demo_user("member-economy-seoul"))
    assert add not in client.get(economy_exchange.get_absolute_url()).content.decode()


def test_the_home_page_shows_my_next_five_open_items(client, demo_user, lees_items, action_resolution):
    for n in range(3):
        ActionItemFactory(owner=person("Lee Min-jun"), resolution=action_resolution, title=f"Far {n}", due_on=days(50))
    client.force_login(demo_user("lead-economy-seoul"))

    response = client.get(reverse("home"))

    assert [item.title for item in response.context["my_actions"]] == ["Late", "Started late", "Soon", "Later", "Far 0"]
    card = re.search(r"data-my-actions>(.*?)</ul>", response.content.decode(), re.S).group(1)
    assert card.count("data-overdue>Overdue</span>") == 2
    client.force_login(demo_user("mayor-office-seoul"))
    assert client.get(reverse("home")).context["my_actions"] == []


def test_a_source_the_creator_may_not_read_is_refused(client, demo_user, action_letter, culture):
    action_letter.team = culture  # team leads read only their own team's letters
    action_letter.save()
    client.force_login(demo_user("lead-economy-seoul"))

    response = client.get(reverse("secretariat:action-create") + f"?correspondence={action_letter.pk}")

    assert response.status_code == 403


def test_everyone_with_a_person_finds_my_actions_in_the_navigation(client, demo_user):
    client.force_login(demo_user("mayor-office-beijing"))

    nav = re.search(r"<nav .*?</nav>", client.get(reverse("home")).content.decode(), re.S)

    assert f'href="{reverse("secretariat:my-actions")}">My actions</a>' in nav.group(0)
