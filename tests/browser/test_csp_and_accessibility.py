"""The main pages in Chromium under the enforced Content-Security-Policy, through axe-core, and by keyboard.

Each role walks its main pages in each of the three languages, with the policy in force and a
`securitypolicyviolation` listener installed before any of the page runs: no violation and no console
error may appear, the charts are drawn and the menus open (Bootstrap and Chart.js are static files).
Each page is then read by axe-core (tests/browser/vendor/axe-core, evaluated through the DevTools
protocol, which the page's policy does not govern): no serious or critical violation.
"""

import json
import zoneinfo
from pathlib import Path

import pytest

from assemblies.models import Assembly
from council.models import City, Secretariat
from teams.models import Exchange, Team
from tests.browser.conftest import screenshot
from tests.browser.test_sign_in_each_role import sign_in, switch_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
CSP_LISTENER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push([event.violatedDirective, event.blockedURI, event.sourceFile, event.lineNumber, event.sample]);
});
"""
ROLES = ["secretariat-seoul", "lead-economy-seoul", "mayor-office-beijing"]
LANGUAGES = [("en", "English"), ("ko", "한국어"), ("zh-hans", "简体中文")]
SERIOUS = ("serious", "critical")


def main_pages(username: str) -> list[str]:
    """The main pages for this role: its lists, one detail of each kind, the forms it may fill."""
    exchange = Exchange.objects.filter(team__code="economy", status="completed").order_by("-starts_on").first()
    assembly = Assembly.objects.filter(status=Assembly.Status.HELD).order_by("-sequence").first()
    economy = Team.objects.get(code="economy", council=exchange.team.council_id)
    pages = [
        "/",
        "/dashboard/",
        "/exchanges/",
        f"/exchanges/{exchange.pk}/",
        "/plans/",
        "/opportunities/",
        "/opportunities/?display=table",
        "/assemblies/",
        f"/assemblies/{assembly.pk}/",
        f"/assemblies/{assembly.pk}/report/",
        "/council/",
        "/council/people/",
        f"/teams/{economy.pk}/",
        "/secretariat/correspondence/",
        "/secretariat/actions/",
        "/secretariat/actions/mine/",
        "/secretariat/agreements/",
        "/notifications/",
        "/calendar/",
        "/accounts/profile/",
        "/accounts/password/",
        "/accounts/two-factor/",
    ]
    if not username.startswith("mayor-office"):  # read-only: no form to record an exchange
        pages.insert(4, "/exchanges/new/")
    if username.startswith("secretariat"):
        pages += ["/reminders/rules/", "/reminders/deliveries/", "/translations/"]
    return pages


def new_context(browser):
    return browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")


def open_page(page, url: str) -> None:
    response = page.goto(url)
    assert response.status == 200, f"{url}: {response.status}"


def violations_of_policy(page) -> list:
    # Violation events are queued as tasks: let those of the page's loading arrive first.
    page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 50))")
    return page.evaluate("window.__csp")


def assert_charts_drawn_and_named(page) -> None:
    # dashboard.js loads Chart.js once the page has loaded, then marks the charts' data as drawn.
    page.locator("#dashboard-charts[data-drawn]").wait_for(state="attached")
    charts = page.evaluate(
        """Array.from(document.querySelectorAll('canvas[data-chart]'), canvas => [
            !!window.Chart.getChart(canvas), canvas.getAttribute('role'), canvas.getAttribute('aria-label')])"""
    )
    assert len(charts) == 3
    for drawn, role, name in charts:
        assert drawn and role == "img" and name


def test_the_admin_works_under_the_same_policy(demo_server, browser):
    """Django's admin needs no exception: its scripts are static files, its constants JSON data."""
    context = new_context(browser)
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, demo_server.url, "admin")
    exchange = Exchange.objects.order_by("pk").first()
    assembly = Assembly.objects.order_by("pk").first()
    secretariat = Secretariat.objects.order_by("pk").first()
    team = Team.objects.order_by("pk").first()

    found = {}
    for path in [
        "/admin/",
        "/admin/teams/exchange/",
        f"/admin/teams/exchange/{exchange.pk}/change/",
        f"/admin/assemblies/assembly/{assembly.pk}/change/",  # date and time widgets
        f"/admin/council/secretariat/{secretariat.pk}/change/",  # filter_horizontal
        f"/admin/teams/team/{team.pk}/change/",  # inlines
        "/admin/council/user/add/",
        "/admin/council/person/?city__id__exact=1",
    ]:
        open_page(page, demo_server.url + path)
        if violations := violations_of_policy(page):
            found[path] = violations
    open_page(page, f"{demo_server.url}/admin/assemblies/assembly/{assembly.pk}/change/")
    page.click("#calendarlink0")  # the date widget's calendar, drawn by the admin's script
    page.locator("#calendarbox0").wait_for(state="visible")
    if violations := violations_of_policy(page):
        found["calendar"] = violations
    screenshot(page, "admin-under-csp")

    assert found == {}
    assert errors == []
    context.close()


def serious_axe_violations(page, axe_source: str) -> list[dict]:
    page.evaluate(axe_source)
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in results["violations"]
        if violation["impact"] in SERIOUS
    ]


@pytest.fixture(scope="module")
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8") + "\n;undefined"  # defines window.axe, returns nothing


@pytest.mark.parametrize("username", ROLES)
def test_main_pages_keep_the_policy_and_have_no_serious_accessibility_violation_in_three_languages(
    demo_server, browser, axe_source, username
):
    context = new_context(browser)
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, demo_server.url, username)
    page.click("#user-menu")
    page.locator("[aria-labelledby=user-menu]").get_by_text("My profile").wait_for(state="visible")
    pages = main_pages(username)

    policy, found = {}, {}
    for code, label in LANGUAGES:
        switch_language(page, label)
        for path in pages:
            open_page(page, demo_server.url + path)
            assert page.locator("html").get_attribute("lang") == code
            if violations := violations_of_policy(page):  # before axe runs in the page
                policy[f"{code} {path}"] = violations
            if path == "/dashboard/":
                assert_charts_drawn_and_named(page)
            if violations := serious_axe_violations(page, axe_source):
                found[f"{code} {path}"] = violations
        screenshot(page, f"a11y-{username}-{code}")

    assert policy == {}
    assert errors == []
    assert found == {}, json.dumps(found, indent=1, ensure_ascii=False)
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">inline</p>')")
    assert violations_of_policy(page), "the listener must report what the policy blocks"
    context.close()


def test_the_sign_in_page_has_no_serious_accessibility_violation_in_three_languages(demo_server, page, axe_source):
    page.goto(f"{demo_server.url}/accounts/login/")

    found = {}
    for code, label in LANGUAGES:
        switch_language(page, label)
        assert page.locator("html").get_attribute("lang") == code
        if violations := serious_axe_violations(page, axe_source):
            found[code] = violations

    assert found == {}, json.dumps(found, indent=1, ensure_ascii=False)


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element `selector` has the focus, as someone without a mouse would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_team_lead_records_an_exchange_with_the_keyboard_alone(demo_server, page):
    sign_in(page, demo_server.url, "lead-economy-seoul")
    page.goto(f"{demo_server.url}/exchanges/new/")
    seoul = City.objects.get(code="SEL")

    for selector, keys in [
        ("#id_focus_area", "Investments"),  # a closed <select> picks the option whose label is typed
        ("#id_kind", "Forum"),
        ("#id_title", "Keyboard-only investment clinic"),
        ("#id_status", "Proposed"),
        ("#id_starts_on", "07072026"),  # the same in day-month and month-day order, whichever the browser shows
        ("#id_start_time", "1400"),
        ("#id_host_city", "Seoul"),
        ("#id_visiting_city", "Beijing"),
        (f"input[name=participants_{seoul.pk}]", "12"),
    ]:
        tab_to(page, selector)
        page.keyboard.type(keys)
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:has-text('Keyboard-only investment clinic')")

    exchange = Exchange.objects.get(title="Keyboard-only investment clinic")
    assert (exchange.focus_area.name_en, exchange.kind, exchange.status) == ("Investments", "forum", "proposed")
    assert (exchange.host_city.code, exchange.visiting_city.code) == ("SEL", "BJS")
    assert exchange.starts_on.isoformat() == "2026-07-07"
    assert exchange.starts_at.astimezone(zoneinfo.ZoneInfo("Asia/Seoul")).strftime("%H:%M") == "14:00"
    assert exchange.participations.get(city=seoul).participants == 12
    screenshot(page, "exchange-recorded-by-keyboard")
