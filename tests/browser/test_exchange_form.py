"""The exchange form in Chromium, on a desk and on a phone: the summary of errors takes the focus, people
are picked by typing in the searchable list, outcomes show only for an exchange recorded as completed."""

import pytest

from teams.models import Exchange
from tests.browser.conftest import screenshot
from tests.browser.test_sign_in_each_role import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Seoul–Beijing smart city dialogue"


def pick(page, field: str, typed: str, option: str) -> None:
    """Type into a searchable list and tap the option it finds, as on a phone."""
    if not page.locator(f"#id_{field}-ts-dropdown").is_visible():  # still open after the last pick
        page.click(f"#id_{field}-ts-control")
    page.keyboard.type(typed)
    page.click(f"#id_{field}-ts-dropdown .option:has-text('{option}')")


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_a_lead_picks_two_people_by_typing_and_saves(demo_server, browser, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-GB", has_touch=width < 500)
    page = context.new_page()
    sign_in(page, demo_server.url, "lead-economy-seoul")
    page.goto(f"{demo_server.url}/exchanges/new/")

    page.click("main button[type=submit]")  # nothing filled in
    page.wait_for_selector("[data-error-summary]")
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert page.locator("[data-error-summary] a").first.get_attribute("href") == "#id_focus_area"

    page.select_option("#id_focus_area", label="Investments")
    page.select_option("#id_kind", value="forum")
    page.fill("#id_title", TITLE)
    page.select_option("#id_status", value="planned")
    assert page.locator("[data-completion]").is_hidden()  # outcomes come with completing it
    page.fill("#id_starts_on", "2026-09-15")
    page.select_option("#id_host_city", label="Seoul")
    page.select_option("#id_visiting_city", label="Beijing")
    pick(page, "people", "zhang", "Zhang Wei")
    pick(page, "people", "kim j", "Kim Ji-young")
    page.keyboard.press("Escape")
    assert page.locator("#id_people-ts-control").get_attribute("role") == "combobox"
    screenshot(page, f"exchange-form-people-{width}")

    page.click("main button[type=submit]")
    page.wait_for_selector(f"h1:has-text('{TITLE}')")
    exchange = Exchange.objects.get(title=TITLE)
    assert sorted(person.name_romanised for person in exchange.people.all()) == ["Kim Ji-young", "Zhang Wei"]
    assert exchange.status == "planned"
    context.close()


def test_outcomes_show_once_completed_is_chosen(demo_server, page):
    sign_in(page, demo_server.url, "lead-economy-seoul")
    page.goto(f"{demo_server.url}/exchanges/new/")
    assert page.locator("[data-completion]").is_hidden()
    page.select_option("#id_status", value="completed")
    assert page.locator("[data-completion]").is_visible()
    page.fill("#id_outcomes", "Typed")
    page.click("#id_goals-ts-control")
    page.keyboard.type("no such goal at all")
    assert page.locator("#id_goals-ts-dropdown .no-results").inner_text() == "No results found"
