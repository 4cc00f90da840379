"""The teams' pages, pickers and exports show exchanges, plans, goals and opportunities in the reader's language."""

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from common import change_tokens
from teams.forms.fields import ExchangeChoiceField
from teams.models import Exchange, Goal, GoalUpdate, Opportunity, Plan
from tests.factories import ExchangeFactory
from tests.fixtures.opportunities import OpportunityFactory
from tests.fixtures.plans import IN_CYCLE, PLAN_CYCLE
from tests.texts import translate, warm_content_types

AWAITING = "Original: 한국어 · awaiting translation"
OUTDATED = "Original: 한국어 · translation outdated"
TAG = re.compile(r"<[^>]+>")
TITLE = re.compile(r"<title>\s*([^<]*?)\s*</title>")


def reading(client, demo_user, language: str, username: str = "lead-economy-seoul"):
    user = demo_user(username)
    user.person.preferred_language = language
    user.person.save()
    client.force_login(user)
    return user


def text(response) -> str:
    """The page as a reader sees it: tags gone, runs of spaces made one."""
    return " ".join(TAG.sub(" ", response.content.decode()).split())


def korean_exchange(team, **fields) -> Exchange:
    values = {"title": "투자 포럼", "description": "서울 측 주최.", "outcomes": "양해각서 두 건 체결."}
    return ExchangeFactory(team=team, language="ko", **(values | fields))


def outdate(record, **fields):
    for name, value in fields.items():
        setattr(record, name, value)
    record.save()
    return record


# The exchange list and page ------------------------------------------------------------------------


def test_the_exchange_list_shows_the_readers_version(client, demo_user, economy):
    exchange = translate(korean_exchange(economy), en="Investment forum Probe-1")
    reading(client, demo_user, "en")

    response = client.get(reverse("teams:exchange-list"), {"q": "Probe-1"})  # found by its version

    assert [e.pk for e in response.context["exchanges"]] == [exchange.pk]
    page = text(response)
    assert "Investment forum Probe-1" in page
    assert "투자 포럼" not in page
    assert AWAITING not in page


def test_the_exchange_list_marks_a_title_not_yet_translated(client, demo_user, economy):
    korean_exchange(economy)
    reading(client, demo_user, "en")

    page = text(client.get(reverse("teams:exchange-list"), {"q": "투자 포럼"}))

    assert f"투자 포럼 {AWAITING}" in page


def test_the_exchange_list_marks_an_outdated_translation(client, demo_user, economy):
    exchange = translate(korean_exchange(economy), en="Investment forum")
    outdate(exchange, title="투자 포럼 2026")
    reading(client, demo_user, "en")

    page = text(client.get(reverse("teams:exchange-list"), {"q": "투자 포럼"}))

    assert f"투자 포럼 2026 {OUTDATED}" in page
    assert "Investment forum" not in page


def test_the_exchange_page_shows_every_text_in_the_readers_language_beside_the_original(client, demo_user, economy):
    exchange = korean_exchange(economy)
    translate(exchange, en="Investment forum")
    translate(exchange, "description", en="Seoul side hosting.")
    translate(exchange, "outcomes", en="Two memoranda signed.")
    reading(client, demo_user, "en")

    response = client.get(exchange.get_absolute_url())
    html = response.content.decode()

    assert '<h1 class="h3 mb-1"><span lang="en">Investment forum</span></h1>' in html
    assert '<p class="text-secondary mb-1" lang="ko">투자 포럼</p>' in html  # the title as written
    assert '<div lang="en"><p>Seoul side hosting.</p></div>' in html
    assert '<div lang="en"><p>Two memoranda signed.</p></div>' in html
    page = text(response)
    assert "Original (한국어) 서울 측 주최." in page
    assert "Original (한국어) 양해각서 두 건 체결." in page
    assert AWAITING not in page


def test_the_exchange_page_marks_what_is_not_translated_or_outdated(client, demo_user, economy):
    exchange = korean_exchange(economy)
    translate(exchange, "outcomes", en="Two memoranda signed.")
    outdate(exchange, outcomes="양해각서 세 건 체결.")
    reading(client, demo_user, "en")

    page = text(client.get(exchange.get_absolute_url()))

    assert f"투자 포럼 {AWAITING}" in page
    assert f"서울 측 주최. {AWAITING}" in page
    assert f"양해각서 세 건 체결. {OUTDATED}" in page
    assert "Original (한국어)" not in page  # nothing translated: nothing folded beside it


def test_a_korean_reader_reads_the_korean_version_of_an_english_exchange(client, demo_user, economy):
    exchange = translate(ExchangeFactory(team=economy, title="Investment forum"), ko="투자 포럼")
    reading(client, demo_user, "ko")

    response = client.get(exchange.get_absolute_url())

    assert '<span lang="ko">투자 포럼</span>' in response.content.decode()
    assert response.context["exchange"].display_title == "투자 포럼"


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("rows", [1, 30])
def test_the_exchange_list_reads_versions_in_one_query(client, demo_user, economy, django_assert_num_queries, rows):
    """A reader of another language than the exchanges': every title is looked up among the versions."""
    Exchange.objects.all().delete()
    for exchange in ExchangeFactory.create_batch(rows, team=economy):
        translate(exchange, ko=f"교류 {exchange.pk}")
    reading(client, demo_user, "ko")
    warm_content_types()

    change_tokens.current()  # the records' token exists (its first reader makes it); nothing is kept yet
    with django_assert_num_queries(17):  # with the count of those ahead of today (the page it opens on), the token
        response = client.get(reverse("teams:exchange-list"))
    # Then kept until the records change: the two counts and the filters (their choices: teams, areas, cities).
    with django_assert_num_queries(12):
        kept = client.get(reverse("teams:exchange-list"))
    assert kept.context["page"].paginator.count == response.context["page"].paginator.count

    assert f"교류 {Exchange.objects.first().pk}" in response.content.decode()


# The exchange pickers --------------------------------------------------------------------------------


def test_an_exchange_is_offered_under_its_title_in_the_readers_language(economy, django_assert_num_queries):
    exchanges = [translate(ExchangeFactory(team=economy, title=f"Forum {n}"), ko=f"포럼 {n}") for n in range(3)]
    field = ExchangeChoiceField(queryset=Exchange.objects.filter(pk__in=[e.pk for e in exchanges]).order_by("pk"))
    warm_content_types()

    with translation.override("ko"), django_assert_num_queries(2):  # the exchanges, their versions
        labels = [label for _value, label in field.choices][1:]

    assert [label.split(" (")[0] for label in labels] == ["포럼 0", "포럼 1", "포럼 2"]


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("en", "Forum (5 Dec 2026) · Planned"),
        ("ko", "Forum (2026년 12월 5일) · 계획됨"),
        ("zh-hans", "Forum (2026年12月5日) · 已计划"),
    ],
)
def test_an_exchange_is_offered_with_its_date_as_the_reader_writes_it(economy, language, label):
    exchange = ExchangeFactory(team=economy, title="Forum", starts_on=dt.date(2026, 12, 5))

    with translation.override(language):
        assert ExchangeChoiceField(queryset=Exchange.objects.all()).label_from_instance(exchange) == label


# Opportunities ------------------------------------------------------------------------------------


def korean_opportunity(team, **fields) -> Opportunity:
    values = {"title": "철도 화물 회랑", "description": "물류 협력."}
    return OpportunityFactory(team=team, language="ko", **(values | fields))


@pytest.mark.parametrize("display", ["board", "table"])
def test_the_opportunities_show_in_the_readers_language(client, demo_user, economy, display):
    translated = translate(korean_opportunity(economy), en="Rail freight corridor")
    korean_opportunity(economy, title="항만 협력")
    outdate(translate(korean_opportunity(economy, title="관광 교류"), en="Tourism exchange"), title="관광 교류 확대")
    reading(client, demo_user, "en")

    page = text(client.get(reverse("teams:opportunity-list"), {"display": display, "team": economy.pk}))

    assert "Rail freight corridor" in page
    assert translated.title not in page
    assert f"항만 협력 {AWAITING}" in page
    assert f"관광 교류 확대 {OUTDATED}" in page


def test_the_opportunity_page_shows_its_texts_in_the_readers_language(client, demo_user, economy):
    opportunity = korean_opportunity(economy)
    translate(opportunity, en="Rail freight corridor")
    translate(opportunity, "description", en="Logistics cooperation.")
    reading(client, demo_user, "en")

    page = text(client.get(opportunity.get_absolute_url()))

    assert "Rail freight corridor Original (한국어) 철도 화물 회랑" in page
    assert "Logistics cooperation. Original (한국어) 물류 협력." in page


def test_the_opportunity_search_finds_a_version(client, demo_user, economy):
    opportunity = translate(korean_opportunity(economy), en="Rail freight corridor")
    korean_opportunity(economy, title="항만 협력")
    reading(client, demo_user, "en")

    response = client.get(reverse("teams:opportunity-list"), {"display": "table", "q": "freight"})

    assert [o.pk for o in response.context["opportunities"]] == [opportunity.pk]


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("rows", [1, 30])
def test_the_opportunity_table_reads_versions_in_one_query(client, demo_user, economy, django_assert_num_queries, rows):
    for n in range(rows):
        exchange = translate(ExchangeFactory(team=economy), ko=f"교류 {n}")
        translate(OpportunityFactory(team=economy, exchange=exchange, title=f"Idea {n}"), ko=f"구상 {n}")
    reading(client, demo_user, "ko")
    warm_content_types()

    with django_assert_num_queries(13):
        response = client.get(reverse("teams:opportunity-list"), {"display": "table", "team": economy.pk})

    assert f"구상 {rows - 1}" in response.content.decode()  # the newest first


# Plans and goals ----------------------------------------------------------------------------------


@pytest.fixture
def korean_plan(economy) -> Plan:
    Plan.objects.filter(team=economy, cycle=PLAN_CYCLE).delete()
    plan = Plan.objects.create(team=economy, cycle=PLAN_CYCLE, title="경제 계획", summary="투자 유치.", language="ko")
    goal = Goal.objects.create(
        plan=plan, title="기업 방문", metric=Goal.Metric.MANUAL, target=10, unit="건", language="ko"
    )
    GoalUpdate.objects.create(goal=goal, value=Decimal(4), note="상반기 집계.", language="ko")
    counted = Goal.objects.create(plan=plan, title="포럼 개최", metric=Goal.Metric.EXCHANGES, target=2, language="ko")
    counted.exchanges.set([korean_exchange(economy, status=Exchange.Status.COMPLETED, starts_on=IN_CYCLE)])
    return plan


def test_the_plan_page_shows_its_texts_in_the_readers_language(client, demo_user, korean_plan):
    goal, update = korean_plan.goals.get(title="기업 방문"), GoalUpdate.objects.get(goal__plan=korean_plan)
    translate(korean_plan, en="Economy plan")
    translate(korean_plan, "summary", en="Attract investment.")
    translate(goal, en="Company visits")
    translate(goal, "unit", en="visits")
    translate(update, "note", en="First half count.")
    reading(client, demo_user, "en")

    page = text(client.get(korean_plan.get_absolute_url()))

    assert "Economy plan Original (한국어) 경제 계획" in page
    assert "Attract investment. Original (한국어) 투자 유치." in page
    assert "Company visits" in page
    assert "4 of 10 visits" in page
    assert "First half count." in page
    assert f"투자 포럼 {AWAITING}" in page  # the exchange that counts: not translated
    assert f"포럼 개최 {AWAITING}" in page


def test_the_plan_and_goal_forms_are_titled_in_the_readers_language(client, demo_user, korean_plan):
    goal = korean_plan.goals.get(title="기업 방문")
    translate(korean_plan, en="Economy plan")
    translate(goal, en="Company visits")
    reading(client, demo_user, "en")

    pages = [("teams:plan-edit", korean_plan.pk), ("teams:goal-edit", goal.pk), ("teams:goal-update", goal.pk)]
    titles = [
        TITLE.search(client.get(reverse(name, args=[pk])).content.decode()).group(1).split("·")[0].strip()
        for name, pk in pages
    ]

    assert titles == ["Edit Economy plan", "Edit Company visits", "Update Company visits"]


def test_the_plan_list_marks_outdated_and_missing_texts(client, demo_user, korean_plan):
    outdate(translate(korean_plan, en="Economy plan"), title="경제 계획 2026")
    reading(client, demo_user, "en")

    page = text(client.get(reverse("teams:plan-list"), {"cycle": PLAN_CYCLE}))

    assert f"경제 계획 2026 {OUTDATED}" in page
    assert f"기업 방문 {AWAITING}" in page


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("rows", [1, 30])
def test_the_plan_page_reads_versions_in_a_fixed_number_of_queries(
    client, demo_user, korean_plan, django_assert_num_queries, rows
):
    for n in range(rows):
        goal = Goal.objects.create(
            plan=korean_plan, title=f"목표 {n}", metric=Goal.Metric.MANUAL, target=5, language="ko"
        )
        translate(goal, en=f"Goal {n}")
        translate(
            GoalUpdate.objects.create(goal=goal, value=1, note=f"메모 {n}", language="ko"), "note", en=f"Note {n}"
        )
    reading(client, demo_user, "en")
    warm_content_types()

    with django_assert_num_queries(19):
        response = client.get(korean_plan.get_absolute_url())

    assert f"Note {rows - 1}" in response.content.decode()


# Exports and imports ------------------------------------------------------------------------------


def exported(client, **params) -> list[list[str]]:
    response = client.get(reverse("teams:exchange-export-csv"), params)
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


def test_the_export_writes_each_text_in_the_readers_language_or_marked(client, demo_user, economy):
    exchange = korean_exchange(economy, title="투자 포럼 Probe-7")
    translate(exchange, en="Investment forum Probe-7")
    translate(exchange, "outcomes", en="Two memoranda signed.")
    outdate(exchange, outcomes="양해각서 세 건 체결.")
    reading(client, demo_user, "en")

    header, row = exported(client, q="Probe-7")

    cells = dict(zip(header, row, strict=True))
    assert cells["Title"] == "Investment forum Probe-7"
    assert cells["Written in"] == "한국어"
    assert cells["Description"] == f"서울 측 주최. [{AWAITING}]"
    assert cells["Outcomes"] == f"양해각서 세 건 체결. [{OUTDATED}]"


def test_a_korean_reader_exports_the_korean_versions(client, demo_user, economy):
    exchange = ExchangeFactory(team=economy, title="Forum Probe-8", description="Hosted in Seoul.")
    translate(exchange, ko="포럼 Probe-8")
    translate(exchange, "description", ko="서울 개최.")
    reading(client, demo_user, "ko")

    header, row = exported(client, q="Probe-8")

    assert row[1:2] == ["포럼 Probe-8"]
    assert "서울 개최." in row


def test_an_import_writes_a_marked_text_without_its_mark(economy):
    from teams.transfer.columns import Lookups, exchange_columns

    cities = list(economy.council.rotation())
    lookups = Lookups(council=economy.council, cities=cities)
    title = next(column for column in exchange_columns(cities) if column.key == "title")

    assert title.codec.parse(f"투자 포럼 [{AWAITING}]", lookups=lookups, row={}) == "투자 포럼"
    assert title.codec.parse(f"투자 포럼 [{OUTDATED}]", lookups=lookups, row={}) == "투자 포럼"
    assert title.codec.parse("투자 포럼 [Seoul]", lookups=lookups, row={}) == "투자 포럼 [Seoul]"


@pytest.mark.parametrize("rows", [1, 30])
def test_the_admin_changelist_reads_versions_in_one_query(client, demo_user, economy, django_assert_num_queries, rows):
    """Each row's checkbox is labelled with the exchange's title in the reader's language."""
    Exchange.objects.all().delete()
    for exchange in ExchangeFactory.create_batch(rows, team=economy):
        translate(exchange, ko=f"교류 {exchange.pk}")
    reading(client, demo_user, "ko", "admin")
    warm_content_types()

    with django_assert_num_queries(10):
        response = client.get(reverse("admin:teams_exchange_changelist"))

    assert f"교류 {Exchange.objects.first().pk}" in response.content.decode()
