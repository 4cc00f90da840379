"""List pages keep the same number of queries however many rows they show."""

import pytest
from django.urls import reverse

from common import change_tokens
from council.models import Department, Person, Role
from teams.models import FocusArea, Team, TeamSide
from tests.dashboards.test_home_queues import fill_queues
from tests.factories import PersonFactory
from tests.texts import warm_content_types


@pytest.mark.parametrize("extra", [1, 3])
def test_people_directory_query_count_is_constant(client, demo_user, django_assert_num_queries, extra):
    secretariat = demo_user("secretariat-seoul")
    council = secretariat.person.council
    for person in PersonFactory.create_batch(extra, council=council, city=secretariat.person.city):
        Role.objects.create(person=person, kind=Role.Kind.TEAM_MEMBER, team=Team.objects.get(code="culture"))
    client.force_login(secretariat)

    # session, user, person, roles; the city filter's choices; people count, page, their roles
    with django_assert_num_queries(9):
        response = client.get(reverse("council:people"))

    assert response.status_code == 200
    assert len(response.context["people"]) == 14 + extra


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("extra", [1, 3])
def test_team_list_query_count_is_constant(client, demo_user, django_assert_num_queries, extra):
    lead = demo_user("lead-culture-beijing")
    council = lead.person.council
    seoul = council.cities.get(code="SEL")
    for n in range(extra):
        team = Team.objects.create(
            council=council, code=f"extra-{n}", name_en=f"Extra {n}", name_ko="추가", name_zh_hans="额外", order=9
        )
        TeamSide.objects.create(team=team, city=seoul, department=Department.objects.filter(city=seoul).first())
        FocusArea.objects.create(team=team, name_en="Area", name_ko="분야", name_zh_hans="领域")
    client.force_login(lead)

    # session, user, person, roles; teams, their sides (with city, department, lead), focus areas
    with django_assert_num_queries(8):
        response = client.get(reverse("teams:list"))

    assert [t.code for t in response.context["teams"]] == ["economy", "culture", "education"] + [
        f"extra-{n}" for n in range(extra)
    ]


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("extra", [1, 3])
def test_team_detail_query_count_is_constant(client, demo_user, economy, django_assert_num_queries, extra):
    lead = demo_user("lead-economy-seoul")
    for person in PersonFactory.create_batch(extra, council=economy.council, city=lead.person.city):
        Role.objects.create(person=person, kind=Role.Kind.TEAM_MEMBER, team=economy)
    client.force_login(lead)

    with django_assert_num_queries(9):
        response = client.get(reverse("teams:detail", args=[economy.pk]))

    assert len(response.context["roles"]) == 3 + extra
    assert Person.objects.filter(roles__team=economy).count() == 3 + extra


@pytest.mark.parametrize("extra", [1, 3])
def test_council_overview_query_count_is_constant(client, demo_user, django_assert_num_queries, extra):
    mayor_office = demo_user("mayor-office-beijing")
    for n in range(extra):
        Department.objects.create(city=mayor_office.person.city, name_en=f"Bureau {n}", name_ko="국", name_zh_hans="局")
    client.force_login(mayor_office)

    # session, user, person, roles; council, members (cities, mayors), secretariat departments (cities);
    # departments by city
    with django_assert_num_queries(12):
        response = client.get(reverse("council:overview"))

    assert sum(len(d) for d in response.context["departments_by_city"].values()) == 11 + extra


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("extra", [1, 3])
def test_home_query_count_is_constant(client, demo_user, economy, django_assert_num_queries, extra, next_assembly):
    lead = demo_user("lead-economy-seoul")
    for n in range(extra):
        FocusArea.objects.create(team=economy, name_en=f"Area {n}", name_ko="분야", name_zh_hans="领域")
    fill_queues(economy, demo_user("member-economy-seoul"), 1)  # each queue reads its texts' versions
    client.force_login(lead)

    # session, user, person, roles; my open action items and their versions; next and last assembly;
    # rotation; the lead's work queues (tests/dashboards/test_home_queues.py)
    warm_content_types()
    change_tokens.current()  # the records' token exists (its first reader makes it)
    with django_assert_num_queries(26):
        response = client.get(reverse("home"))

    assert "my_teams" not in response.context  # a lead's home is the team's work, not its structure
    assert [state.team.code for state in response.context["lead"]["inputs"]] == ["economy"]
    assert response.context["next_assembly"] == next_assembly
