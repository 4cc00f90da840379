"""Each team's achievements input for an assembly: its leads (or the secretariat) mark it ready or reopen it."""

import pytest
from django.urls import reverse

from assemblies.models import AchievementsInput, Assembly


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def ready_inputs() -> list[tuple[int, int, int | None]]:
    """Every input marked ready, to show that a refusal changed nothing."""
    return list(AchievementsInput.objects.order_by("pk").values_list("assembly_id", "team_id", "marked_by_id"))


def ready(assembly, team):
    return reverse("assemblies:input-ready", args=[assembly.pk, team.pk])


def reopen(assembly, team):
    return reverse("assemblies:input-reopen", args=[assembly.pk, team.pk])


def test_a_lead_marks_their_teams_input_ready(client, demo_user, next_assembly, economy):
    lead = demo_user("lead-economy-seoul")
    client.force_login(lead)

    response = client.post(ready(next_assembly, economy), follow=True)

    assert response.redirect_chain == [(next_assembly.get_absolute_url(), 302)]
    assert ready_inputs() == [(next_assembly.pk, economy.pk, lead.pk)]
    assert messages_of(response) == ["Economy team: the achievements input is marked ready."]


def test_marking_twice_keeps_the_first_mark(client, demo_user, next_assembly, economy):
    client.force_login(demo_user("lead-economy-seoul"))
    client.post(ready(next_assembly, economy))
    client.force_login(demo_user("lead-economy-beijing"))

    client.post(ready(next_assembly, economy))

    assert ready_inputs() == [(next_assembly.pk, economy.pk, demo_user("lead-economy-seoul").pk)]


def test_a_lead_of_another_team_may_not_mark_it(client, demo_user, next_assembly, economy):
    client.force_login(demo_user("lead-culture-seoul"))

    response = client.post(ready(next_assembly, economy))

    assert response.status_code == 403
    assert ready_inputs() == []


@pytest.mark.parametrize("username", ["member-economy-seoul", "mayor-office-seoul", "admin"])
def test_members_mayors_offices_and_the_administrator_may_not_mark_it(
    client, demo_user, next_assembly, economy, username
):
    client.force_login(demo_user(username))

    response = client.post(ready(next_assembly, economy))

    assert response.status_code == 403
    assert ready_inputs() == []


def test_the_secretariat_marks_any_teams_input_ready(client, demo_user, next_assembly, culture):
    secretariat = demo_user("secretariat-beijing")
    client.force_login(secretariat)

    response = client.post(ready(next_assembly, culture))

    assert response.status_code == 302
    assert ready_inputs() == [(next_assembly.pk, culture.pk, secretariat.pk)]


def test_reopening_deletes_the_mark(client, demo_user, next_assembly, economy, culture):
    lead = demo_user("lead-economy-beijing")
    AchievementsInput.objects.create(assembly=next_assembly, team=economy, marked_by=lead)
    AchievementsInput.objects.create(assembly=next_assembly, team=culture, marked_by=lead)
    client.force_login(lead)

    response = client.post(reopen(next_assembly, economy), follow=True)

    assert ready_inputs() == [(next_assembly.pk, culture.pk, lead.pk)]
    assert messages_of(response) == ["Economy team: the achievements input is open again."]


def test_a_lead_of_another_team_may_not_reopen_it(client, demo_user, next_assembly, economy):
    AchievementsInput.objects.create(assembly=next_assembly, team=economy, marked_by=demo_user("lead-economy-seoul"))
    before = ready_inputs()
    client.force_login(demo_user("lead-culture-beijing"))

    response = client.post(reopen(next_assembly, economy))

    assert response.status_code == 403
    assert ready_inputs() == before


@pytest.mark.parametrize("step", [ready, reopen])
def test_a_held_assembly_refuses_with_the_reason_and_changes_nothing(
    client, demo_user, held_assembly, economy, culture, step
):
    AchievementsInput.objects.create(assembly=held_assembly, team=culture, marked_by=None)
    before = ready_inputs()
    client.force_login(demo_user("lead-economy-seoul"))

    response = client.post(step(held_assembly, economy), follow=True)

    assert response.redirect_chain == [(held_assembly.get_absolute_url(), 302)]
    assert messages_of(response) == ["A general assembly that is Held can no longer be changed."]
    assert ready_inputs() == before


def test_a_cancelled_assembly_refuses_too(client, demo_user, next_assembly, economy):
    Assembly.objects.filter(pk=next_assembly.pk).update(status=Assembly.Status.CANCELLED)
    client.force_login(demo_user("secretariat-seoul"))

    response = client.post(ready(next_assembly, economy), follow=True)

    assert messages_of(response) == ["A general assembly that is Cancelled can no longer be changed."]
    assert ready_inputs() == []


def test_another_councils_team_is_not_found(client, demo_user, next_assembly, foreign_team):
    client.force_login(demo_user("secretariat-seoul"))

    response = client.post(ready(next_assembly, foreign_team))

    assert response.status_code == 404
    assert ready_inputs() == []


def input_rows(response) -> dict[str, tuple]:
    """Per team code on the page: (ready?, who marked it, may this reader change it?)."""
    return {
        state.team.code: (
            state.ready is not None,
            state.ready and state.ready.marked_by.username,
            state.team.pk in response.context["inputs_to_mark"],
        )
        for state in response.context["inputs"]
    }


def test_the_assembly_page_shows_each_teams_state_and_the_buttons_a_reader_may_use(
    client, demo_user, next_assembly, economy
):
    AchievementsInput.objects.create(assembly=next_assembly, team=economy, marked_by=demo_user("lead-economy-seoul"))
    client.force_login(demo_user("lead-economy-beijing"))

    response = client.get(next_assembly.get_absolute_url())

    assert input_rows(response) == {
        "economy": (True, "lead-economy-seoul", True),
        "culture": (False, None, False),
        "education": (False, None, False),
    }
    page = response.content.decode()
    assert "Marked ready by 이민준 (Lee Min-jun) on " in page
    assert page.count("data-not-ready>Not ready yet</span>") == 2
    assert f'action="{reopen(next_assembly, economy)}"' in page
    assert page.count(">Mark ready</button>") == 0  # the other teams are not theirs


def test_the_secretariat_sees_a_button_for_every_team(client, demo_user, next_assembly, economy):
    AchievementsInput.objects.create(assembly=next_assembly, team=economy, marked_by=demo_user("lead-economy-seoul"))
    client.force_login(demo_user("secretariat-seoul"))

    page = client.get(next_assembly.get_absolute_url()).content.decode()

    assert page.count(">Mark ready</button>") == 2
    assert page.count(">Reopen</button>") == 1


@pytest.mark.parametrize("username", ["secretariat-seoul", "lead-economy-seoul"])
def test_a_held_assembly_shows_the_states_without_buttons(client, demo_user, held_assembly, username):
    client.force_login(demo_user(username))

    response = client.get(held_assembly.get_absolute_url())

    assert [state.team.code for state in response.context["inputs"]] == ["economy", "culture", "education"]
    page = response.content.decode()
    assert ">Mark ready</button>" not in page
    assert ">Reopen</button>" not in page


def test_a_team_member_reads_the_states_without_buttons(client, demo_user, next_assembly):
    client.force_login(demo_user("member-economy-seoul"))

    response = client.get(next_assembly.get_absolute_url())

    assert response.context["inputs_to_mark"] == set()
    assert ">Mark ready</button>" not in response.content.decode()


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("teams_ready", [0, 3])
def test_the_assembly_page_query_count_does_not_grow_with_inputs(
    client, demo_user, django_assert_num_queries, next_assembly, teams_ready
):
    lead = demo_user("lead-economy-seoul")
    for team in next_assembly.council.teams.all()[:teams_ready]:
        AchievementsInput.objects.create(assembly=next_assembly, team=team, marked_by=lead)
    client.force_login(demo_user("secretariat-seoul"))

    # as tests/assemblies/test_pages.py counts the page, with the demo's draft resolutions (their teams
    # and their action items: two); the inputs card is two of them: the teams, and their inputs with who
    # marked them
    with django_assert_num_queries(24):
        response = client.get(next_assembly.get_absolute_url())

    assert sum(state.ready is not None for state in response.context["inputs"]) == teams_ready
