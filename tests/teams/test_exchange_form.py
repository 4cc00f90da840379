"""The exchange form: what it asks in each state, how it explains and checks participants, which goals and
exchanges it offers, and the summary of errors every form of the app shows above its fields."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import translation

from council.models import City
from dashboards.selectors import Scope, results
from teams.forms.exchanges import ExchangeForm
from teams.models import Exchange, ExchangeParticipation, Goal, Plan
from teams.selectors.plans import attach_progress, current_cycle, plans_for_detail
from tests.factories import ExchangeFactory
from tests.i18n import translated
from tests.teams.test_exchange_pages import form_data
from tests.teams.test_reading import reading
from tests.texts import translate, warm_content_types

S = Exchange.Status


def completed_exchange(team, *, reached=None, seoul=40, beijing=25) -> Exchange:
    exchange = ExchangeFactory(team=team, status=S.COMPLETED, outcomes="Signed.", participants_reached=reached)
    for code, count in (("SEL", seoul), ("BJS", beijing)):
        ExchangeParticipation.objects.create(exchange=exchange, city=City.objects.get(code=code), participants=count)
    return exchange


def page_of(client, url) -> str:
    return client.get(url).content.decode()


# Participants and people reached ---------------------------------------------------------------------


def test_participants_and_people_reached_are_explained(client, demo_user):
    client.force_login(demo_user("lead-economy-seoul"))
    page = page_of(client, reverse("teams:exchange-create"))
    assert "People from Seoul who took part." in page and "People from Beijing who took part." in page
    assert (
        "Everyone the exchange reached, its audience too: at least its participants. "
        "Left empty, the participants count."
    ) in page


def test_completing_with_fewer_reached_than_participants_is_refused_and_nothing_changes(client, demo_user, economy):
    exchange = ExchangeFactory(team=economy, status=S.IN_PROGRESS)
    ExchangeParticipation.objects.create(exchange=exchange, city=City.objects.get(code="SEL"), participants=30)
    reading(client, demo_user, "ko")

    response = client.post(
        reverse("teams:exchange-complete", args=[exchange.pk]),
        {"outcomes": "Signed.", "agreements_signed": "0", "participants_reached": "29"},
    )

    assert response.status_code == 200
    message = translated("No fewer than the participants (%(count)s in all); leave it empty to count them.", "ko")
    assert response.context["form"].errors == {"participants_reached": [message % {"count": 30}]}
    assert Exchange.objects.filter(pk=exchange.pk, status=S.IN_PROGRESS, outcomes="").exists()


def test_completing_with_figures_past_any_exchanges_is_refused_and_nothing_changes(client, demo_user, economy):
    """A key held down (99,999,999,999,999,999 reached) is a typing mistake, and past PostgreSQL's integer."""
    exchange = ExchangeFactory(team=economy, status=S.IN_PROGRESS)
    reading(client, demo_user, "ko")

    response = client.post(
        reverse("teams:exchange-complete", args=[exchange.pk]),
        {"outcomes": "Signed.", "agreements_signed": "1001", "participants_reached": "99999999999999999"},
    )

    assert response.status_code == 200
    limit = translated("Ensure this value is less than or equal to %(limit_value)s.", "ko")  # Django's catalog
    assert response.context["form"].errors == {
        "agreements_signed": [limit % {"limit_value": 1000}],
        "participants_reached": [limit % {"limit_value": 100_000_000}],
    }
    assert Exchange.objects.filter(pk=exchange.pk, status=S.IN_PROGRESS, outcomes="").exists()


def test_people_reached_left_empty_count_the_participants_everywhere(client, demo_user, economy):
    """The exchange's page, the dashboard's results and a participants goal's progress agree."""
    scope = Scope(council=economy.council, teams=[economy])
    before = results(scope, reporting_currency="USD")[1].participants
    empty, given = completed_exchange(economy), completed_exchange(economy, reached=25_000)
    plan = Plan.objects.filter(team=economy).first()
    goal = Goal.objects.create(plan=plan, title="People reached", metric=Goal.Metric.PARTICIPANTS, target=1000)
    goal.exchanges.set([empty, given])

    assert results(scope, reporting_currency="USD")[1].participants == before + 65 + 25_000
    with translation.override("en"):
        plan = attach_progress([plans_for_detail(council_id=economy.council_id).get(pk=goal.plan_id)], explain=True)[0]
    progress = next(g.progress for g in plan.goals.all() if g.pk == goal.pk)
    assert progress.achieved == 25_065
    assert [linked.contribution for linked in progress.linked if linked.exchange.pk == empty.pk] == ["65 reached"]
    client.force_login(demo_user("lead-economy-seoul"))
    assert re.search(
        r'<div class="stat">65</div>\s*<div[^>]*>participants reached', page_of(client, empty.get_absolute_url())
    )
    assert re.search(  # grouped as the reader writes numbers
        r'<div class="stat">25,000</div>\s*<div[^>]*>participants reached', page_of(client, given.get_absolute_url())
    )


# What the form asks in each state --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "asked"),
    [("lead-economy-seoul", True), ("member-economy-seoul", False)],  # a member's exchange is a draft
)
def test_a_new_exchange_asks_outcomes_only_once_recorded_as_completed(client, demo_user, username, asked):
    client.force_login(demo_user(username))
    page = page_of(client, reverse("teams:exchange-create"))
    assert ('name="outcomes"' in page, 'name="participants_reached"' in page) == (asked, asked)
    assert ('data-shown-for-status="completed"' in page) == asked  # hidden while another status is chosen


@pytest.mark.parametrize(("status", "asked"), [(S.PLANNED, False), (S.IN_PROGRESS, False), (S.COMPLETED, True)])
def test_an_existing_exchange_asks_outcomes_once_completed(client, demo_user, economy, status, asked):
    exchange = ExchangeFactory(team=economy, status=status, outcomes="Signed." if status == S.COMPLETED else "")
    client.force_login(demo_user("lead-economy-seoul"))
    page = page_of(client, reverse("teams:exchange-edit", args=[exchange.pk]))
    fields = ("outcomes", "agreements_signed", "investment_amount", "investment_currency", "participants_reached")
    assert [f'name="{name}"' in page for name in fields] == [asked] * 5
    assert ('data-shown-for-status="completed"' in page) is False


def test_outcomes_typed_for_an_exchange_not_completed_are_not_saved(client, demo_user, economy):
    client.force_login(demo_user("lead-economy-seoul"))
    data = form_data(economy, status="planned", outcomes="Typed, then planned.", agreements_signed="4")
    data |= {"participants_reached": "3", "outcomes__ko": "입력", "investment_amount": "ten"}  # not refused either

    client.post(reverse("teams:exchange-create"), data)

    exchange = Exchange.objects.get(title="Seoul–Beijing fintech day")
    assert (exchange.status, exchange.outcomes, exchange.agreements_signed) == ("planned", "", 0)
    assert (exchange.participants_reached, exchange.investment_amount) == (None, None)
    assert not exchange.versions.filter(field="outcomes").exists()


def test_the_host_city_carries_the_required_marker_unless_online(client, demo_user, economy):
    client.force_login(demo_user("lead-economy-seoul"))
    page = page_of(client, reverse("teams:exchange-create"))
    label = re.search(r'<label\s+for="id_host_city"[^>]*>(.*?)</label>', page, re.S).group(1)
    title = re.search(r'<label\s+for="id_title"[^>]*>(.*?)</label>', page, re.S).group(1)
    assert '<span class="asteriskField">*</span>' in label and '<span class="asteriskField">*</span>' in title

    online = client.post(reverse("teams:exchange-create"), form_data(economy, host_city=None, joint_online="on"))
    assert online.status_code == 302
    assert Exchange.objects.get(title="Seoul–Beijing fintech day").host_city is None


# The error summary --------------------------------------------------------------------------------------


def test_a_refused_exchange_lists_the_fields_to_correct_at_the_top(client, demo_user, economy):
    client.force_login(demo_user("lead-economy-seoul"))
    response = client.post(reverse("teams:exchange-create"), form_data(economy, title="", starts_on="someday"))
    page = response.content.decode()

    summary = re.search(
        r'<div class="alert alert-danger" role="alert" tabindex="-1" data-error-summary>(.*?)</div>', page, re.S
    )
    assert summary and page.index("data-error-summary") < page.index('name="title"')
    links = re.findall(r'<a class="alert-link" href="#(\w+)">([^<]+)</a>', summary.group(1))
    assert "Please correct 2 fields:" in summary.group(1)
    assert links == [("id_title", "Title"), ("id_starts_on", "Start date")]


def test_a_crispy_form_shows_the_summary_once(client, demo_user, economy):
    """A form laid out by crispy-forms shows the same summary, from crispy's own place for errors."""
    exchange = ExchangeFactory(team=economy, status=S.IN_PROGRESS)
    client.force_login(demo_user("lead-economy-seoul"))
    page = client.post(
        reverse("teams:exchange-complete", args=[exchange.pk]), {"outcomes": "", "agreements_signed": "0"}
    )
    page = page.content.decode()
    assert page.count("data-error-summary") == 1
    assert "Please correct 1 field:" in page and 'href="#id_outcomes">Outcomes</a>' in page


# Choices ------------------------------------------------------------------------------------------------


def test_goals_offered_are_the_current_cycles_and_those_already_linked(economy):
    council = economy.council
    cycle = current_cycle(council=council)
    counted = Goal.objects.filter(plan__team=economy).exclude(metric=Goal.Metric.MANUAL)
    earlier = counted.filter(plan__cycle__lt=cycle).first()
    exchange = ExchangeFactory(team=economy)
    exchange.goals.set([earlier])
    teams = type(economy).objects.filter(pk=economy.pk)

    new = ExchangeForm(teams=teams, council=council, may_choose_status=True)
    edited = ExchangeForm(instance=exchange, teams=teams, council=council, may_choose_status=True)

    current = set(counted.filter(plan__cycle=cycle).values_list("pk", flat=True))
    assert current and set(new.fields["goals"].queryset.values_list("pk", flat=True)) == current
    assert set(edited.fields["goals"].queryset.values_list("pk", flat=True)) == current | {earlier.pk}
    assert edited.fields["goals"].initial == [earlier.pk]


def test_goals_are_offered_under_their_plan_in_the_readers_language(economy, django_assert_num_queries):
    cycle = current_cycle(council=economy.council)
    plan = Plan.objects.create(team=economy, cycle=cycle + 1, language="ko", title="차기 계획", currency="USD")
    translate(plan, en="Next plan")
    goal = translate(
        Goal.objects.create(plan=plan, language="ko", title="상담회 6회", target=6), en="Six business days"
    )
    untranslated = Goal.objects.create(plan=plan, language="ko", title="투자 유치", target=1, order=2)
    exchange = ExchangeFactory(team=economy)
    exchange.goals.set([goal, untranslated])
    warm_content_types()
    form = ExchangeForm(
        instance=exchange,
        teams=type(economy).objects.filter(pk=economy.pk),
        council=economy.council,
        may_choose_status=True,
    )

    with translation.override("en"), django_assert_num_queries(3):  # the goals, their versions, their plans'
        choices = dict(form.fields["goals"].choices)

    assert choices["Next plan"] == [(goal.pk, "Six business days"), (untranslated.pk, "투자 유치")]


def test_related_exchange_choices_show_their_dates(client, demo_user, economy):
    Exchange.objects.all().delete()  # the two are then the latest, which the form lists
    for day in (dt.date(2027, 3, 12), dt.date(2026, 5, 4)):
        ExchangeFactory(team=economy, title="Youth forum", starts_on=day)
    client.force_login(demo_user("secretariat-seoul"))
    page = page_of(client, reverse("secretariat:correspondence-create"))
    assert ">Youth forum (12 Mar 2027) · Planned</option>" in page
    assert ">Youth forum (4 May 2026) · Planned</option>" in page
