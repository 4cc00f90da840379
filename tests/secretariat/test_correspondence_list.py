"""The correspondence list: search, filters and sorting in the query string, pages, query counts."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from council.models import Person
from secretariat.models import Correspondence, ReferenceCounter
from tests.fixtures.correspondence import log_letter, seoul_time

LIST_URL = reverse("secretariat:correspondence-list")
BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def letters(economy, culture) -> dict[str, Correspondence]:
    """Four communications, and no other: the demo's are removed."""
    Correspondence.objects.all().delete()
    ReferenceCounter.objects.all().delete()
    council = economy.council
    return {
        "forum": log_letter(
            council, subject="Fintech forum invitation", sent_at=seoul_time(2024, 3, 1, 10, 0), team=economy
        ),
        "opera": log_letter(
            council,
            sender="BJS",
            receiver="SEL",
            channel="email",
            subject="Opera tour",
            summary="Programme of the opera's FORUM evening.",
            sent_at=seoul_time(2024, 5, 1, 10, 0),
            team=culture,
        ),  # fmt: skip
        # The same instant, 31 Dec 2024 15:30 UTC: 1 January 2025 in Seoul, New Year's Eve in Beijing.
        "new_year_seoul": log_letter(
            council, channel="video_call", subject="Greetings call", sent_at=seoul_time(2025, 1, 1, 0, 30)
        ),
        "new_year_beijing": log_letter(
            council,
            sender="BJS",
            receiver="SEL",
            channel="phone",
            subject="Year-end call",
            sent_at=dt.datetime(2024, 12, 31, 23, 30, tzinfo=BEIJING),
        ),  # fmt: skip
    }


def subjects(response) -> list[str]:
    return [letter.subject for letter in response.context["letters"]]


def test_search_filters_and_sorting_give_exactly_what_they_ask(client, demo_user, letters, economy, culture):
    client.force_login(demo_user("secretariat-seoul"))
    forum = letters["forum"]

    # Newest first; the two sent at the same instant, the one logged last first.
    assert [letter.reference for letter in client.get(LIST_URL).context["letters"]] == [
        "BJS-SEL-2024-003",
        "SEL-BJS-2025-001",
        "BJS-SEL-2024-002",
        "SEL-BJS-2024-001",
    ]
    assert subjects(client.get(LIST_URL, {"q": "forum"})) == ["Opera tour", "Fintech forum invitation"]
    assert subjects(client.get(LIST_URL, {"q": forum.reference})) == ["Fintech forum invitation"]
    assert subjects(client.get(LIST_URL, {"q": "2024-00"})) == [
        "Year-end call",
        "Opera tour",
        "Fintech forum invitation",
    ]
    assert subjects(client.get(LIST_URL, {"direction": "SEL-BJS"})) == ["Greetings call", "Fintech forum invitation"]
    assert subjects(client.get(LIST_URL, {"channel": "email"})) == ["Opera tour"]
    assert subjects(client.get(LIST_URL, {"team": culture.pk})) == ["Opera tour"]
    assert subjects(client.get(LIST_URL, {"q": "forum", "team": economy.pk})) == ["Fintech forum invitation"]
    # Periods are on the sending city's calendar, as the reference year is.
    assert subjects(client.get(LIST_URL, {"sent_from": "2025-01-01"})) == ["Greetings call"]
    assert subjects(client.get(LIST_URL, {"sent_until": "2024-12-31"})) == [
        "Year-end call",
        "Opera tour",
        "Fintech forum invitation",
    ]
    assert subjects(client.get(LIST_URL, {"sent_from": "2024-03-01", "sent_until": "2024-03-01"})) == [
        "Fintech forum invitation"
    ]
    assert subjects(client.get(LIST_URL, {"ordering": "reference"})) == [
        "Fintech forum invitation",
        "Opera tour",
        "Year-end call",
        "Greetings call",
    ]
    assert subjects(client.get(LIST_URL, {"ordering": "-reference"}))[0] == "Greetings call"
    assert subjects(client.get(LIST_URL, {"ordering": "subject"})) == sorted(
        letter.subject for letter in letters.values()
    )
    assert subjects(client.get(LIST_URL, {"ordering": "sent_at"}))[0] == "Fintech forum invitation"


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
def test_a_team_lead_lists_only_their_teams_letters(client, demo_user, letters, culture):
    client.force_login(demo_user("lead-economy-beijing"))

    assert subjects(client.get(LIST_URL)) == ["Fintech forum invitation"]
    assert subjects(client.get(LIST_URL, {"team": culture.pk})) == ["Fintech forum invitation"]  # not a choice
    assert [team.code for team in client.get(LIST_URL).context["filter"].filters["team"].queryset] == ["economy"]


def test_the_mayors_office_reads_all_but_may_not_log(client, demo_user, letters):
    client.force_login(demo_user("mayor-office-beijing"))

    response = client.get(LIST_URL)

    assert len(subjects(response)) == 4
    assert response.context["can_write"] is False
    assert reverse("secretariat:correspondence-create") not in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"team": "abc"},
        {"sent_from": "someday"},
        {"sent_until": "2024-02-30"},
        {"direction": "SEL-SEL"},
        {"channel": "pigeon"},
        {"ordering": "-nonsense"},
        {"q": "\x00"},
        {"q": "x" * 5000},
        {"page": "-1"},
        {"page": "zz"},
    ],
)
def test_odd_filter_values_give_a_page_not_an_error(client, demo_user, letters, query):
    client.force_login(demo_user("secretariat-seoul"))

    response = client.get(LIST_URL, query)

    assert response.status_code == 200


def test_pages_of_twenty_five(client, demo_user, economy):
    client.force_login(demo_user("secretariat-seoul"))
    total = Correspondence.objects.filter(council=economy.council).count()

    second = client.get(LIST_URL, {"page": 2})

    assert second.context["page"].paginator.count == total
    assert len(second.context["letters"]) == min(25, total - 25)


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("rows", [1, 30])
def test_list_query_count_is_constant(client, demo_user, economy, django_assert_num_queries, rows):
    Correspondence.objects.all().delete()
    people = list(Person.objects.filter(council=economy.council)[:3])
    for n in range(rows):
        log_letter(
            economy.council,
            subject=f"Letter {n}",
            sent_at=seoul_time(2024, 1, 1 + n, 9, 0),
            team=economy,
            people=people,
        )
    client.force_login(demo_user("lead-economy-seoul"))

    # session, user, person, roles; member cities; teams (filter choices); count, page; the versions
    # of the subjects
    with django_assert_num_queries(10):
        response = client.get(LIST_URL)

    assert len(response.context["letters"]) == min(rows, 25)
