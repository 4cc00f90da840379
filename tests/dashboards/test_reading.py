"""The dashboard and its PDF show exchanges, plans and goals in the reader's language."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from assemblies.cycles import next_assembly
from common import change_tokens
from teams.models import Exchange, Goal, Plan
from tests.factories import ExchangeFactory
from tests.texts import translate, warm_content_types

S = Exchange.Status
AWAITING = "Original: 한국어 · awaiting translation"
OUTDATED = "Original: 한국어 · translation outdated"
TAG = re.compile(r"<[^>]+>")


def reading(client, demo_user, language: str, username: str = "mayor-office-beijing"):
    user = demo_user(username)
    user.person.preferred_language = language
    user.person.save()
    client.force_login(user)


def text(html: str) -> str:
    return " ".join(TAG.sub(" ", html).split())


@pytest.fixture
def korean_texts(economy):
    """An upcoming and a completed exchange, and a goal of the running cycle's plan, all written in Korean."""
    today = timezone.localdate()
    upcoming = ExchangeFactory(team=economy, language="ko", title="무역 박람회", starts_on=today + dt.timedelta(days=3))
    done = ExchangeFactory(
        team=economy, language="ko", title="투자 포럼", status=S.COMPLETED, starts_on=today, outcomes="양해각서 체결."
    )
    cycle = next_assembly(council_id=economy.council_id).cycle
    plan = Plan.objects.get(team=economy, cycle=cycle)
    goal = Goal.objects.create(plan=plan, title="기업 방문", metric=Goal.Metric.EXCHANGES, target=5, language="ko")
    return upcoming, done, plan, goal


def test_the_dashboard_shows_the_readers_versions(client, demo_user, economy, korean_texts):
    upcoming, done, plan, goal = korean_texts
    translate(upcoming, en="Trade fair")
    translate(done, en="Investment forum")
    translate(done, "outcomes", en="Memorandum signed.")
    translate(goal, en="Company visits")
    reading(client, demo_user, "en")

    page = text(client.get(reverse("dashboard"), {"team": economy.pk}).content.decode())

    for shown in ("Trade fair", "Investment forum", "Memorandum signed.", "Company visits"):
        assert shown in page
    for hidden in ("무역 박람회", "투자 포럼", "양해각서 체결.", "기업 방문"):
        assert hidden not in page


def test_the_dashboard_marks_missing_and_outdated_versions(client, demo_user, economy, korean_texts):
    upcoming, done, plan, goal = korean_texts
    translate(done, en="Investment forum")
    done.title = "투자 포럼 2026"
    done.save()
    reading(client, demo_user, "en")

    page = text(client.get(reverse("dashboard"), {"team": economy.pk}).content.decode())

    assert f"무역 박람회 {AWAITING}" in page
    assert f"투자 포럼 2026 {OUTDATED}" in page
    assert f"양해각서 체결. {AWAITING}" in page
    assert f"기업 방문 {AWAITING}" in page


def test_the_pdf_shows_the_readers_versions(client, demo_user, economy, korean_texts, monkeypatch):
    upcoming, done, plan, goal = korean_texts
    translate(upcoming, en="Trade fair")
    captured = {}

    def keep_html(html, *, base_url):
        captured["html"] = html
        return b"%PDF-1.7 stand-in"

    monkeypatch.setattr("dashboards.views.html_to_pdf", keep_html)
    reading(client, demo_user, "en")

    assert client.get(reverse("dashboard-pdf"), {"team": economy.pk}).status_code == 200

    page = text(captured["html"])
    assert "Trade fair" in page and "무역 박람회" not in page
    assert f"투자 포럼 {AWAITING}" in page


def test_a_korean_reader_reads_korean_versions_of_english_exchanges(client, demo_user, economy):
    exchange = ExchangeFactory(team=economy, title="Trade fair", starts_on=timezone.localdate() + dt.timedelta(days=2))
    translate(exchange, ko="무역 박람회")
    reading(client, demo_user, "ko")

    html = client.get(reverse("dashboard"), {"team": economy.pk}).content.decode()

    assert '<span lang="ko">무역 박람회</span>' in html


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize("extra", [1, 5])
def test_the_dashboard_reads_versions_in_a_fixed_number_of_queries(
    client, demo_user, economy, django_assert_num_queries, extra
):
    today = timezone.localdate()
    for n in range(extra):
        translate(ExchangeFactory(team=economy, starts_on=today + dt.timedelta(days=n + 1)), ko=f"예정 {n}")
        done = ExchangeFactory(
            team=economy, status=S.COMPLETED, starts_on=today - dt.timedelta(days=n), outcomes="Done."
        )
        translate(done, ko=f"완료 {n}")
        translate(done, "outcomes", ko="완료됨.")
    reading(client, demo_user, "ko")
    warm_content_types()

    # the page's 31 (see test_pages), and the next assembly's venue, read in Korean among its versions
    change_tokens.current()  # the records' token exists: the figures are computed (kept ones: test_pages)
    with django_assert_num_queries(24):  # 1 of them the participants of exchanges whose people reached are empty
        response = client.get(reverse("dashboard"))

    assert f"예정 {extra - 1}" in response.content.decode()
