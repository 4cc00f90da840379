"""The dashboard in Chromium, as a mayor's office reads it in Chinese: charts drawn, the tables' numbers
equal to the figures computed on the server for the same filter (and to a count of the rows), a team
filter kept in the address, a print layout that fits A4, nothing to edit and no script error."""

import re

import pytest
from django.utils import timezone

from assemblies.cycles import cycle_periods, next_assembly
from council.models import Council
from dashboards.dashboard import build
from dashboards.selectors import Scope
from teams.models import Team
from tests.browser.conftest import screenshot
from tests.browser.test_homes import AS_CARDS, STACKED
from tests.browser.test_sign_in_each_role import sign_in, switch_language
from tests.dashboards.test_pages import counted_by_year

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
A4_WIDTH_PX = 794  # 210 mm at 96 dpi
DIGITS = re.compile(r"\D")


def number(text: str) -> int:
    """A figure as the page shows it, in any language's grouping (Chinese has none, Korean commas)."""
    return int(DIGITS.sub("", text))


def server_figures(team: Team | None = None):
    """The dashboard the server builds for the default cycle (up to the next assembly), all cities."""
    council = Council.objects.get(name_en="Seoul–Beijing Integration Council")
    teams = list(Team.objects.filter(council=council).order_by("order", "code"))
    upcoming = next_assembly(council_id=council.pk)
    period = next(p for p in cycle_periods(council=council) if p.assembly == upcoming)
    scope = Scope(council=council, teams=teams, period=period, team=team)
    return build(scope, today=timezone.localdate()), council, period


def shown_years(page) -> dict[int, tuple[int, int]]:
    rows = page.locator("#table-years tr[data-year]")
    return {
        int(row.get_attribute("data-year")): (
            number(row.locator("[data-completed]").inner_text()),
            number(row.locator("[data-planned]").inner_text()),
        )
        for row in rows.all()
    }


def shown_reciprocity(page) -> list[tuple[int, int]]:
    totals = page.locator("#table-reciprocity tr[data-reciprocity-totals]")
    hosted = [number(cell) for cell in totals.locator("[data-hosted]").all_inner_texts()]
    sent = [number(cell) for cell in totals.locator("[data-sent]").all_inner_texts()]
    return list(zip(hosted, sent, strict=True))


def assert_charts_drawn(page) -> None:
    # dashboard.js loads Chart.js once the page has loaded, then marks the charts' data as drawn.
    page.locator("#dashboard-charts[data-drawn]").wait_for(state="attached")
    charts = page.evaluate(
        """Array.from(document.querySelectorAll('canvas[data-chart]')).map(canvas => ({
            name: canvas.dataset.chart, width: canvas.clientWidth, height: canvas.clientHeight,
            drawn: window.Chart.getChart(canvas) != null, label: canvas.getAttribute('aria-label')}))"""
    )
    assert [chart["name"] for chart in charts] == ["activity", "focus_areas", "reciprocity"]
    for chart in charts:
        assert chart["drawn"], chart["name"]
        assert chart["width"] > 0 and chart["height"] > 0, chart["name"]
        assert "“" in chart["label"]  # names the table that holds its numbers


def test_a_mayors_office_reads_the_dashboard_in_chinese_and_prints_it(demo_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    sign_in(page, demo_server.url, "mayor-office-beijing")
    switch_language(page, "简体中文")
    page.goto(f"{demo_server.url}/dashboard/")

    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert_charts_drawn(page)
    figures, council, period = server_figures()
    assert shown_years(page) == {row["year"]: (row["completed"], row["planned"]) for row in figures.year_totals}
    assert shown_years(page) == counted_by_year(council, period)
    assert shown_reciprocity(page) == figures.reciprocity_totals
    chart_data = page.evaluate("JSON.parse(document.getElementById('dashboard-charts').textContent)")
    assert chart_data["activity"]["series"][0]["label"] == "已完成"  # the charts' words in the reader's language
    posting = page.evaluate(
        "Array.from(document.forms).filter(f => f.method === 'post').map(f => new URL(f.action).pathname)"
    )
    assert set(posting) <= {"/i18n/setlang/", "/accounts/logout/"}
    screenshot(page, "dashboard-zh-hans")

    economy = Team.objects.get(council=council, code="economy")
    page.select_option("#id_team", str(economy.pk))
    page.click("form[data-dashboard-filters] button[type=submit]")
    page.wait_for_url(re.compile(rf"/dashboard/\?.*team={economy.pk}"))

    assert f"team={economy.pk}" in page.url
    assert page.locator("#id_team").input_value() == str(economy.pk)
    assert page.locator("a[data-pdf-link]").get_attribute("href").endswith(page.url.split("?", 1)[1])
    team_figures, _council, _period = server_figures(team=economy)
    assert shown_years(page) == {row["year"]: (row["completed"], row["planned"]) for row in team_figures.year_totals}
    assert shown_years(page) == counted_by_year(council, period, team=economy)
    assert shown_years(page) != {row["year"]: (row["completed"], row["planned"]) for row in figures.year_totals}
    assert shown_reciprocity(page) == team_figures.reciprocity_totals
    assert_charts_drawn(page)

    page.set_viewport_size({"width": A4_WIDTH_PX, "height": 1123})
    page.emulate_media(media="print")
    scroll_width, client_width = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll_width <= client_width, "the print layout must fit A4 portrait"
    assert page.locator("nav.navbar").is_hidden()
    assert page.locator("form[data-dashboard-filters]").is_hidden()
    assert page.locator("[data-print]").is_hidden()
    assert page.locator("canvas[data-chart=activity]").is_visible()
    assert page.locator("#table-reciprocity").is_visible()
    screenshot(page, "dashboard-zh-hans-print")

    assert problems == []
    context.close()


def test_the_print_button_opens_the_print_dialog(demo_server, page):
    sign_in(page, demo_server.url, "secretariat-seoul")
    page.goto(f"{demo_server.url}/dashboard/")
    page.evaluate("window.print = () => { window.printed = true; }")  # no dialog in a headless browser

    page.click("[data-print]")

    assert page.evaluate("window.printed") is True
    screenshot(page, "dashboard-en")


@pytest.mark.parametrize(
    ("language", "per_team"), [("English", "Show the table per team"), ("简体中文", "查看各组表格")]
)
def test_on_a_phone_the_dashboard_reads_down_the_screen(demo_server, browser, language, per_team):
    """Chart.js gives a horizontal chart's labels half its width: long ones are broken into lines. The
    results and the two lists of exchanges are cards, not tables wider than the screen."""
    context = browser.new_context(viewport={"width": 1280, "height": 844})
    page = context.new_page()
    sign_in(page, demo_server.url, "secretariat-seoul")
    switch_language(page, language)  # the menu is folded away at a phone's width
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{demo_server.url}/dashboard/")
    assert_charts_drawn(page)

    widest, room = page.evaluate(
        """() => {
            const chart = Chart.getChart(document.querySelector("canvas[data-chart=focus_areas]"));
            const axis = chart.scales.y;
            chart.ctx.font = Chart.helpers.toFont(axis.options.ticks.font).string;
            const lines = axis.ticks.flatMap((tick) => [].concat(tick.label));
            return [Math.max(...lines.map((line) => chart.ctx.measureText(line).width)), axis.width];
        }"""
    )

    assert 0 < widest <= room
    assert page.get_by_role("button", name=per_team).count() == 1
    for table in ("#table-results", "#table-upcoming", "#table-latest"):
        assert page.evaluate(STACKED, table) == AS_CARDS, table
    label = page.evaluate(  # a label's colon, as the reader's language writes it
        "getComputedStyle(document.querySelector('#table-upcoming [data-label]'), '::before').content"
    )
    assert label == ('"交流："' if language == "简体中文" else '"Exchange: "')
    screenshot(page, f"dashboard-390-{language}")
    context.close()
