"""A council's exchanges as a choice: the lists on the page are short, the rest found on the server as one
types (teams.forms.fields.SearchedExchanges, teams:exchange-choices)."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from secretariat.models import Correspondence
from teams.forms.fields import LISTED
from teams.models import Exchange, Opportunity
from tests.factories import ExchangeFactory
from tests.fixtures.opportunities import OpportunityFactory
from tests.secretariat.test_correspondence_pages import CREATE_URL, form_data
from tests.texts import warm_content_types
from translations.services import save_version

CHOICES = reverse("teams:exchange-choices")


def found(response) -> list[str]:
    assert response.status_code == 200
    return [result["text"].split(" (")[0] for result in response.json()["results"]]


def test_a_title_is_found_in_any_of_its_languages_under_its_team(client, demo_user, economy):
    harbour = ExchangeFactory(team=economy, title="Harbour logistics forum", starts_on=dt.date(2031, 5, 2))
    save_version(harbour, "title", "ko", "항만 물류 포럼", None)
    client.force_login(demo_user("secretariat-beijing"))

    response = client.get(CHOICES, {"q": "항만 물류"})

    assert response.json() == {
        "results": [
            {
                "value": str(harbour.pk),
                "text": "Harbour logistics forum (2 May 2031) · Planned",
                "optgroup": "Economy team",
                "titles": "Harbour logistics forum / 항만 물류 포럼",
            }
        ],
        "groups": [{"value": "Economy team", "label": "Economy team"}],
    }
    client.post(reverse("set_language"), {"language": "ko", "next": "/"})
    with_korean = client.get(CHOICES, {"q": "harbour logistics"})
    assert with_korean.json()["results"][0]["text"].startswith("항만 물류 포럼")


def test_without_words_the_latest_twenty_come_first(client, demo_user, economy):
    Exchange.objects.all().delete()
    for day in range(1, 26):
        ExchangeFactory(team=economy, title=f"Day {day}", starts_on=dt.date(2030, 1, day))
    client.force_login(demo_user("lead-economy-seoul"))

    assert found(client.get(CHOICES)) == [f"Day {day}" for day in range(25, 5, -1)]


def test_a_member_finds_only_their_own_teams_exchanges(client, demo_user, economy, culture):
    ExchangeFactory(team=economy, title="Ours: river clean-up")
    ExchangeFactory(team=culture, title="Theirs: river concert")
    client.force_login(demo_user("member-economy-seoul"))

    assert found(client.get(CHOICES, {"q": "river"})) == ["Ours: river clean-up"]
    assert found(client.get(CHOICES, {"q": "river", "team": culture.pk})) == []


def test_linkable_leaves_out_what_an_opportunity_became_and_cancelled_exchanges(client, demo_user, economy):
    Exchange.objects.all().delete()
    free = ExchangeFactory(team=economy, title="Free")
    taken = ExchangeFactory(team=economy, title="Taken")
    ExchangeFactory(team=economy, title="Called off", status=Exchange.Status.CANCELLED)
    OpportunityFactory(team=economy, status=Opportunity.Status.BECAME_EXCHANGE, exchange=taken)
    client.force_login(demo_user("lead-economy-seoul"))

    assert found(client.get(CHOICES, {"team": economy.pk, "linkable": "1"})) == [free.title]


@pytest.mark.parametrize(
    ("query", "field"), [({"q": "x" * 201}, "q"), ({"team": "economy"}, "team"), ({"team": "9" * 30}, "team")]
)
def test_bad_input_is_refused_with_a_message_in_the_readers_language(client, demo_user, query, field):
    client.force_login(demo_user("secretariat-seoul"))
    client.post(reverse("set_language"), {"language": "ko", "next": "/"})

    response = client.get(CHOICES, query)

    assert response.status_code == 400
    (message,) = response.json()["errors"][field]
    assert re.search("[가-힣]", message), message


@pytest.mark.parametrize("rows", [1, 30])
def test_the_search_costs_the_same_queries_at_any_number_of_exchanges(
    client, demo_user, economy, django_assert_num_queries, rows
):
    ExchangeFactory.create_batch(rows, team=economy, title="Budget talks")
    client.force_login(demo_user("secretariat-seoul"))
    warm_content_types()

    # session, user, person, roles; the readable teams; the exchanges with their teams; their versions
    with django_assert_num_queries(7):
        response = client.get(CHOICES, {"q": "budget"})
    assert len(response.json()["results"]) == min(rows, 20)


def exchange_options(html: str) -> list[str]:
    (select,) = re.findall(r'<select name="exchange".*?</select>', html, flags=re.S)
    assert 'data-search-url="/exchanges/choices/"' in select
    return re.findall(r'<option value="(\d+)"', select)


def test_a_letters_form_lists_the_latest_and_the_chosen_and_takes_any_of_the_councils(client, demo_user, economy):
    oldest = ExchangeFactory(team=economy, title="First ever exchange", starts_on=dt.date(2001, 1, 1))
    latest = list(Exchange.objects.order_by("-starts_on", "-pk").values_list("pk", flat=True)[:LISTED])
    assert Exchange.objects.count() > LISTED
    client.force_login(demo_user("secretariat-seoul"))

    assert sorted(exchange_options(client.get(CREATE_URL).content.decode()), key=int) == sorted(
        map(str, latest), key=int
    )
    response = client.post(CREATE_URL, form_data(exchange=oldest.pk))
    letter = Correspondence.objects.get(subject=form_data()["subject"])
    assert response.status_code == 302 and letter.exchange == oldest

    edit = client.get(reverse("secretariat:correspondence-edit", args=[letter.pk])).content.decode()
    assert sorted(exchange_options(edit), key=int) == sorted(map(str, [*latest, oldest.pk]), key=int)
    assert re.search(rf'<option value="{oldest.pk}" selected>First ever exchange', edit)


def test_counting_leaves_out_cancelled_exchanges_and_those_outside_the_days(client, demo_user, economy):
    Exchange.objects.all().delete()
    for day, title, status in [
        (dt.date(2029, 3, 1), "On the first day after", Exchange.Status.COMPLETED),
        (dt.date(2029, 2, 28), "The day it starts after", Exchange.Status.COMPLETED),
        (dt.date(2029, 9, 30), "On the last day", Exchange.Status.PLANNED),
        (dt.date(2029, 10, 1), "A day too late", Exchange.Status.COMPLETED),
        (dt.date(2029, 5, 5), "Called off", Exchange.Status.CANCELLED),
    ]:
        ExchangeFactory(team=economy, title=title, starts_on=day, status=status)
    client.force_login(demo_user("lead-economy-seoul"))

    query = {"team": economy.pk, "counting": "1", "after": "2029-02-28", "until": "2029-09-30"}
    assert found(client.get(CHOICES, query)) == ["On the last day", "On the first day after"]


def test_a_goals_form_searches_the_plans_teams_exchanges_of_its_cycle(client, demo_user, economy):
    plan = economy.plans.order_by("-cycle").first()
    client.force_login(demo_user("lead-economy-seoul"))

    html = client.get(reverse("teams:goal-create", args=[plan.pk])).content.decode()

    (select,) = re.findall(r'<select name="exchanges".*?</select>', html, flags=re.S)
    (address,) = re.findall(r'data-search-url="([^"]+)"', select)
    assert address.startswith(f"/exchanges/choices/?team={economy.pk}&amp;counting=1&amp;after=")
    listed = re.findall(r'<option value="(\d+)"', select)
    assert 0 < len(listed) <= LISTED
    assert not Exchange.objects.filter(pk__in=listed).exclude(team=economy).exists()
