"""Cooperation potential through the browser's requests: pages, moves, refusals and bad input."""

import pytest
from django.contrib.messages import get_messages
from django.forms.models import model_to_dict
from django.urls import reverse

from teams.models import Exchange, Opportunity
from tests.factories import ExchangeFactory, PersonFactory
from tests.fixtures.opportunities import OpportunityFactory, demo_person
from translations.reading import text_of

S = Opportunity.Status


def state(opportunity: Opportunity) -> tuple:
    fresh = Opportunity.objects.get(pk=opportunity.pk)
    return model_to_dict(fresh), fresh.updated_at, fresh.history.count()


def signed_in(client, demo_user, username: str):
    client.force_login(demo_user(username))
    return client


def drop_url(opportunity) -> str:
    return reverse("teams:opportunity-drop", args=[opportunity.pk])


def status_url(opportunity) -> str:
    return reverse("teams:opportunity-status", args=[opportunity.pk])


def form_data(team, **fields) -> dict:
    zhang = demo_person("Zhang Wei")
    return {
        "team": team.pk,
        "focus_area": team.focus_areas.first().pk,
        "title": "Green bond co-investment fund",
        "description": "Pool municipal funds for green bonds issued in either city.",
        "proposed_by": zhang.pk,
        "proposing_city": "",
        **fields,
    }


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# Pages


def test_a_lead_sees_the_board_the_table_the_detail_and_the_forms(client, demo_user, economy, economy_opportunity):
    signed_in(client, demo_user, "lead-economy-seoul")

    board = client.get(reverse("teams:opportunity-list"))
    table = client.get(reverse("teams:opportunity-list"), {"display": "table", "team": economy.pk})
    detail = client.get(economy_opportunity.get_absolute_url())
    create = client.get(reverse("teams:opportunity-create"), {"team": economy.pk})
    edit = client.get(reverse("teams:opportunity-edit", args=[economy_opportunity.pk]))

    assert [r.status_code for r in (board, table, detail, create, edit)] == [200] * 5
    assert [b.team.code for b in board.context["boards"]] == ["economy", "culture", "education"]
    counts = {c.status: len(c.opportunities) for c in board.context["boards"][0].columns}
    # The demo's five (one approved stays approved when no completed exchange exists) and the fixture.
    assert list(counts) == ["identified", "under_review", "approved", "became_exchange", "dropped"]
    assert (counts["identified"], counts["under_review"], counts["dropped"]) == (2, 1, 1)
    assert counts["approved"] + counts["became_exchange"] == 2
    assert [b.can_manage for b in board.context["boards"]] == [True, False, False]
    assert "Rail freight corridor via Dandong" in board.content.decode()
    assert {o.team.code for o in table.context["opportunities"]} == {"economy"}
    assert "Rail freight corridor via Dandong" in detail.content.decode()
    assert "Start the review" in detail.content.decode()
    assert create.context["form"].initial["team"] == economy.pk
    assert list(create.context["form"].fields["team"].queryset) == [economy]


def test_a_team_member_sees_only_their_team_and_no_step_to_take(
    client, demo_user, economy_opportunity, culture_opportunity
):
    signed_in(client, demo_user, "member-economy-seoul")

    board = client.get(reverse("teams:opportunity-list"))
    detail = client.get(economy_opportunity.get_absolute_url())

    assert [b.team.code for b in board.context["boards"]] == ["economy"]
    assert culture_opportunity.title not in board.content.decode()
    assert not board.context["can_create"]
    assert detail.context["can_manage"] is False
    assert "Start the review" not in detail.content.decode()
    assert reverse("teams:opportunity-edit", args=[economy_opportunity.pk]) not in detail.content.decode()


def test_an_approved_opportunity_offers_to_create_or_link_its_exchange(client, demo_user, economy, economy_opportunity):
    Opportunity.objects.filter(pk=economy_opportunity.pk).update(status=S.APPROVED)
    free = ExchangeFactory(team=economy, title="Dandong rail forum")
    taken = ExchangeFactory(team=economy, title="Taken forum")
    OpportunityFactory(team=economy, status=S.BECAME_EXCHANGE, exchange=taken)
    signed_in(client, demo_user, "lead-economy-seoul")

    response = client.get(economy_opportunity.get_absolute_url())

    html = response.content.decode()
    assert f'href="{reverse("teams:exchange-create")}?opportunity={economy_opportunity.pk}"' in html
    choices = response.context["status_form"].fields["exchange"].queryset
    assert free in choices
    assert taken not in choices
    assert set(choices.values_list("team", flat=True)) == {economy.pk}
    # The rest of them as one types: the same team's, those an opportunity could have become.
    assert f'data-search-url="{reverse("teams:exchange-choices")}?team={economy.pk}&amp;linkable=1"' in html


def test_the_detail_shows_the_history_of_changes(client, demo_user, economy_opportunity):
    signed_in(client, demo_user, "lead-economy-seoul")
    client.post(status_url(economy_opportunity), {"to": S.UNDER_REVIEW})

    response = client.get(economy_opportunity.get_absolute_url())

    latest = response.context["history"][0]
    assert (latest.who, latest.action) == ("이민준 (Lee Min-jun)", "changed")
    assert [(c.label, c.old, c.new) for c in latest.changes if c.label == "status"] == [
        ("status", "Identified", "Under review")
    ]


# Writes that work


def test_a_lead_records_an_opportunity_that_starts_identified(client, demo_user, economy):
    signed_in(client, demo_user, "lead-economy-seoul")

    response = client.post(reverse("teams:opportunity-create"), form_data(economy))

    created = Opportunity.objects.get(title="Green bond co-investment fund")
    assert response.status_code == 302
    assert response.url == created.get_absolute_url()
    assert (created.team, created.status, created.proposed_by.name_romanised, created.proposing_city.code) == (
        economy,
        S.IDENTIFIED,
        "Zhang Wei",
        "BJS",
    )
    assert created.history.get().history_user.username == "lead-economy-seoul"
    assert messages_of(response) == ["The opportunity “Green bond co-investment fund” is recorded."]


def test_a_lead_edits_the_details_but_not_the_status(client, demo_user, economy, economy_opportunity):
    signed_in(client, demo_user, "lead-economy-seoul")
    data = form_data(economy, title="Rail freight corridor via Dandong and Shenyang", status=S.APPROVED)

    response = client.post(reverse("teams:opportunity-edit", args=[economy_opportunity.pk]), data)

    economy_opportunity.refresh_from_db()
    assert response.status_code == 302
    assert (economy_opportunity.title, economy_opportunity.status, economy_opportunity.focus_area.name_en) == (
        "Rail freight corridor via Dandong and Shenyang",
        S.IDENTIFIED,
        "Investments",
    )


@pytest.mark.parametrize(
    ("current", "new", "message"),
    [
        (S.IDENTIFIED, S.UNDER_REVIEW, "“Rail freight corridor via Dandong” is now Under review."),
        (S.UNDER_REVIEW, S.APPROVED, "“Rail freight corridor via Dandong” is now Approved."),
    ],
)
def test_a_lead_moves_an_opportunity_on(client, demo_user, economy_opportunity, current, new, message):
    Opportunity.objects.filter(pk=economy_opportunity.pk).update(status=current)
    signed_in(client, demo_user, "lead-economy-seoul")

    response = client.post(status_url(economy_opportunity), {"to": new})

    assert (response.status_code, response.url) == (302, economy_opportunity.get_absolute_url())
    assert Opportunity.objects.get(pk=economy_opportunity.pk).status == new
    assert messages_of(response) == [message]


def test_the_secretariat_drops_an_opportunity_with_its_reason(client, demo_user, culture_opportunity):
    signed_in(client, demo_user, "secretariat-beijing")

    response = client.post(drop_url(culture_opportunity), {"dropped_reason": "No venue in either city."})

    culture_opportunity.refresh_from_db()
    assert response.status_code == 302
    assert (culture_opportunity.status, culture_opportunity.dropped_reason) == (S.DROPPED, "No venue in either city.")
    assert culture_opportunity.dropped_by == demo_user("secretariat-beijing")


def test_a_lead_links_an_existing_exchange(client, demo_user, economy, economy_opportunity):
    Opportunity.objects.filter(pk=economy_opportunity.pk).update(status=S.APPROVED)
    exchange = ExchangeFactory(team=economy, status=Exchange.Status.COMPLETED, title="Dandong rail forum")
    signed_in(client, demo_user, "lead-economy-seoul")

    response = client.post(status_url(economy_opportunity), {"to": S.BECAME_EXCHANGE, "exchange": exchange.pk})

    economy_opportunity.refresh_from_db()
    assert response.status_code == 302
    assert (economy_opportunity.status, economy_opportunity.exchange) == (S.BECAME_EXCHANGE, exchange)


# Refusals: nothing changes


@pytest.mark.parametrize("username", ["lead-culture-seoul", "member-economy-seoul", "mayor-office-beijing", "admin"])
def test_who_may_not_move_an_economy_opportunity_changes_nothing(client, demo_user, economy_opportunity, username):
    before = state(economy_opportunity)
    signed_in(client, demo_user, username)

    responses = [
        client.post(status_url(economy_opportunity), {"to": S.UNDER_REVIEW}),
        client.post(drop_url(economy_opportunity), {"dropped_reason": "Not ours to keep."}),
        client.post(
            reverse("teams:opportunity-edit", args=[economy_opportunity.pk]),
            form_data(economy_opportunity.team, title="Taken over"),
        ),
    ]

    assert [r.status_code for r in responses] == [403, 403, 403]
    assert state(economy_opportunity) == before


@pytest.mark.parametrize("username", ["member-economy-seoul", "mayor-office-beijing", "admin"])
def test_who_may_not_create_creates_nothing(client, demo_user, economy, username):
    count = Opportunity.objects.count()
    signed_in(client, demo_user, username)

    response = client.post(reverse("teams:opportunity-create"), form_data(economy))

    assert response.status_code == 403
    assert Opportunity.objects.count() == count


def test_a_lead_cannot_record_one_for_another_team(client, demo_user, culture):
    count = Opportunity.objects.count()
    signed_in(client, demo_user, "lead-economy-seoul")
    data = form_data(culture, focus_area=culture.focus_areas.first().pk)

    response = client.post(reverse("teams:opportunity-create"), data)

    assert response.status_code == 200
    assert response.context["form"].errors["team"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert Opportunity.objects.count() == count


def test_a_refused_move_is_explained_on_the_page(client, demo_user, economy_opportunity):
    before = state(economy_opportunity)
    signed_in(client, demo_user, "lead-economy-seoul")

    response = client.post(status_url(economy_opportunity), {"to": S.APPROVED})

    assert response.status_code == 200
    assert response.context["status_form"].non_field_errors() == [
        "An opportunity that is “Identified” cannot become “Approved”."
    ]
    assert "cannot become “Approved”" in response.content.decode()
    assert state(economy_opportunity) == before


def test_dropping_without_a_reason_asks_for_it(client, demo_user, economy_opportunity):
    before = state(economy_opportunity)
    signed_in(client, demo_user, "lead-economy-seoul")

    response = client.post(drop_url(economy_opportunity), {"dropped_reason": "   "})

    assert response.status_code == 200
    assert response.context["form"].errors == {"dropped_reason": ["Say why the opportunity is dropped."]}
    assert "Say why the opportunity is dropped." in response.content.decode()
    assert state(economy_opportunity) == before


def test_the_status_step_sends_a_drop_to_its_confirmation_page(client, demo_user, economy_opportunity):
    before = state(economy_opportunity)
    signed_in(client, demo_user, "lead-economy-seoul")

    response = client.post(status_url(economy_opportunity), {"to": S.DROPPED})

    assert (response.status_code, response.url) == (302, drop_url(economy_opportunity))
    assert state(economy_opportunity) == before


@pytest.mark.parametrize(
    "data",
    [
        {"to": S.BECAME_EXCHANGE},
        {"to": S.BECAME_EXCHANGE, "exchange": "culture"},
        {"to": S.BECAME_EXCHANGE, "exchange": "99999999999999999999"},
        {"to": S.BECAME_EXCHANGE, "exchange": "abc"},
        {"to": "postponed"},
        {"to": "x" * 10_000},
        {},
    ],
)
def test_bad_status_requests_are_refused_with_a_form_error(
    client, demo_user, economy_opportunity, culture_exchange, data
):
    Opportunity.objects.filter(pk=economy_opportunity.pk).update(status=S.APPROVED)
    before = state(economy_opportunity)
    if data.get("exchange") == "culture":
        data = {**data, "exchange": culture_exchange.pk}
    signed_in(client, demo_user, "lead-economy-seoul")

    response = client.post(status_url(economy_opportunity), data)

    assert response.status_code == 200
    assert response.context["status_form"].errors
    assert state(economy_opportunity) == before


# Bad input in the create and edit forms


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"title": ""}, {"title": ["This field is required."]}),
        ({"title": "   "}, {"title": ["This field is required."]}),
        ({"title": "x" * 5000}, {"title": ["Ensure this value has at most 200 characters (it has 5000)."]}),
        (
            {"description": "x" * 100_000},
            {"description": ["Ensure this value has at most 5000 characters (it has 100000)."]},
        ),
        (
            {"focus_area": "culture"},
            {"focus_area": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        (
            {"focus_area": "foreign"},
            {"focus_area": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        ({"team": "foreign"}, {"team": ["Select a valid choice. That choice is not one of the available choices."]}),
        (
            {"team": "99999999999999999999"},
            {"team": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        (
            {"proposed_by": "abc"},
            {"proposed_by": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        (
            {"proposed_by": "stranger"},
            {"proposed_by": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        ({"proposed_by": ""}, {"proposed_by": ["This field is required."]}),
        (
            {"proposing_city": "SEL"},
            {"proposing_city": ["张伟 (Zhang Wei) works in Beijing: choose that city, or leave it empty."]},
        ),
        (
            {"proposing_city": "foreign"},
            {"proposing_city": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        ({"title": "\x00"}, {"title": ["Null characters are not allowed."]}),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(
    client, demo_user, economy, culture, foreign_opportunity, fields, errors
):
    stranger = PersonFactory(council=foreign_opportunity.team.council)
    replacements = {
        "culture": culture.focus_areas.first().pk,
        "foreign": None,
        "stranger": stranger.pk,
        "SEL": economy.council.cities.get(code="SEL").pk,
    }
    foreign_ids = {
        "team": foreign_opportunity.team_id,
        "focus_area": foreign_opportunity.focus_area_id,
        "proposing_city": foreign_opportunity.proposing_city_id,
    }
    data = form_data(economy)
    for name, value in fields.items():
        value = replacements.get(value, value) if isinstance(value, str) else value
        data[name] = foreign_ids[name] if value is None else value
    signed_in(client, demo_user, "lead-economy-seoul")
    count, existing = Opportunity.objects.count(), state(foreign_opportunity)

    created = client.post(reverse("teams:opportunity-create"), data)

    assert created.status_code == 200
    assert created.context["form"].errors == errors
    assert Opportunity.objects.count() == count
    assert state(foreign_opportunity) == existing


def test_the_secretariat_is_told_to_match_the_focus_area_to_the_team(client, demo_user, economy, culture):
    count = Opportunity.objects.count()
    signed_in(client, demo_user, "secretariat-seoul")

    response = client.post(
        reverse("teams:opportunity-create"), form_data(economy, focus_area=culture.focus_areas.first().pk)
    )

    assert response.context["form"].errors == {"focus_area": ["Choose a focus area of the team Economy team."]}
    assert Opportunity.objects.count() == count


def test_bad_input_in_an_edit_changes_nothing(client, demo_user, economy, culture, economy_opportunity):
    before = state(economy_opportunity)
    signed_in(client, demo_user, "lead-economy-seoul")

    response = client.post(
        reverse("teams:opportunity-edit", args=[economy_opportunity.pk]),
        form_data(economy, title="", focus_area=culture.focus_areas.first().pk),
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"title", "focus_area"}
    assert state(economy_opportunity) == before


# Filters


def test_the_filters_narrow_the_table(client, demo_user, economy, economy_opportunity):
    logistics = economy.focus_areas.get(name_en="Logistics")
    signed_in(client, demo_user, "secretariat-seoul")

    def titles(**params):
        response = client.get(reverse("teams:opportunity-list"), {"display": "table", **params})
        assert response.status_code == 200
        return sorted(text_of(o, "title", "en").value for o in response.context["opportunities"])

    assert titles(team=economy.pk, focus_area=logistics.pk) == [
        "Cold-chain logistics pilot between Incheon and Tianjin ports",
        "Rail freight corridor via Dandong",
    ]
    assert titles(team=economy.pk, status=S.IDENTIFIED) == [
        "Joint investment desk for start-ups of both cities",
        "Rail freight corridor via Dandong",
    ]
    assert titles(q="dandong") == ["Rail freight corridor via Dandong"]
    assert titles(q="settlement system") == ["Combined city tourism pass"]  # the reason for dropping
    assert titles(status=S.DROPPED, team=economy.pk) == ["Shared Seoul–Beijing booth at the Canton Fair"]


@pytest.mark.parametrize(
    "params",
    [
        {"team": "abc"},
        {"team": "99999999999999999999"},
        {"focus_area": "%00"},
        {"status": "nope"},
        {"display": "wall"},
        {"q": "x" * 5000},
        {"q": "\x00"},
        {"page": "-1", "display": "table"},
        {"page": "zz", "display": "table"},
    ],
)
def test_odd_filters_are_reported_never_a_server_error(client, demo_user, params):
    signed_in(client, demo_user, "lead-economy-seoul")

    response = client.get(reverse("teams:opportunity-list"), params)

    assert response.status_code == 200
    if "page" not in params:
        assert set(response.context["form"].errors) == set(params) - {"page"}


def test_a_foreign_team_in_the_filter_shows_nothing_of_it(client, demo_user, foreign_opportunity):
    signed_in(client, demo_user, "secretariat-seoul")

    response = client.get(reverse("teams:opportunity-list"), {"team": foreign_opportunity.team_id})

    assert response.context["form"].errors == {
        "team": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert foreign_opportunity.title not in response.content.decode()


@pytest.mark.parametrize("team", ["", "abc", "99999999999999999999", "%00"])
def test_the_create_page_offers_a_lead_their_only_team(client, demo_user, economy, team):
    signed_in(client, demo_user, "lead-economy-seoul")

    response = client.get(reverse("teams:opportunity-create"), {"team": team})

    assert response.status_code == 200
    assert f'<option value="{economy.pk}" selected>Economy team</option>' in response.content.decode()


def test_the_team_of_an_opportunity_that_became_an_exchange_cannot_be_changed(
    client, demo_user, economy, culture, economy_opportunity
):
    exchange = ExchangeFactory(team=economy)
    Opportunity.objects.filter(pk=economy_opportunity.pk).update(status=S.BECAME_EXCHANGE, exchange=exchange)
    signed_in(client, demo_user, "secretariat-seoul")
    data = form_data(culture, title="Moved to culture")

    response = client.post(reverse("teams:opportunity-edit", args=[economy_opportunity.pk]), data)

    economy_opportunity.refresh_from_db()
    assert response.status_code == 200  # the culture focus area no longer fits the (kept) economy team
    assert response.context["form"].errors == {"focus_area": ["Choose a focus area of the team Economy team."]}
    assert (economy_opportunity.team, economy_opportunity.title) == (economy, "Rail freight corridor via Dandong")
