"""Each role's home at 1280 and 390 pixels: its work queues show the demo's items and link to them; no
main page scrolls sideways on a phone, in any language, every list's rows are cards there and its filters
fold away; and a member's draft goes to a lead and back (returned with a reason, resubmitted, approved),
each step reaching the other under the bell."""

import re

import pytest
from django.utils import timezone

from teams.models import DraftReview, Exchange
from tests.browser.conftest import screenshot
from tests.browser.test_csp_and_accessibility import LANGUAGES, main_pages, open_page
from tests.browser.test_reminders import send_due
from tests.browser.test_sign_in_each_role import sign_in, switch_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# The queues each role's home shows, and one that holds an item of the demo.
HOMES = {
    "lead-economy-seoul": (["drafts", "starting-soon", "without-outcomes", "inputs", "goals-behind"], "drafts"),
    "member-economy-seoul": (["my-drafts", "my-upcoming"], "my-drafts"),
    "secretariat-seoul": (["letters", "preparation", "overdue-actions", "agreements", "failed-deliveries"], "letters"),
}
SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
# The main pages that are lists: on a phone each row is a card (includes/table_card.html), its cells one
# under another and named, the column headings hidden, nothing wider than the screen.
LISTS = re.compile(
    r"/(exchanges|assemblies|council|council/people|teams/\d+|translations|reminders/\w+|"
    r"secretariat/(correspondence|actions|actions/mine|agreements))/$|/opportunities/\?display=table$"
)
# A list's first table (or the table `selector` names): its head hidden, its cells lines, named, in its box.
STACKED = """(selector) => {
  const table = document.querySelector(selector || "main table.table-stack");
  if (!table) return null;
  const cells = Array.from(table.tBodies[0].rows[0].cells);
  const box = table.closest(".table-responsive");
  return {
    head: getComputedStyle(table.tHead).display,
    cells: [...new Set(cells.map((cell) => getComputedStyle(cell).display))],
    unnamed: cells.slice(1).filter((cell) => !cell.dataset.label && !cell.querySelector(".btn")).length,
    inside: box.scrollWidth - box.clientWidth,
  };
}"""
AS_CARDS = {"head": "none", "cells": ["block"], "unnamed": 0, "inside": 0}
LIST_COUNT = {"secretariat-seoul": 13, "lead-economy-seoul": 10, "mayor-office-beijing": 10}
# The pages with filters, which fold behind a button on a phone (includes/filter_fold.html).
FILTERS = re.compile(
    r"/(dashboard|exchanges|opportunities|plans|council/people|translations|reminders/deliveries|"
    r"secretariat/(correspondence|actions|agreements))/(\?display=table)?$"
)
FOLDED = (
    "() => document.getElementById('list-filters') && getComputedStyle(document.getElementById('list-filters')).display"
)


def signed_in_page(browser, base_url: str, username: str, width: str):
    context = browser.new_context(viewport=WIDTHS[width], locale="en-GB", has_touch=width == "phone")
    page = context.new_page()
    sign_in(page, base_url, username)
    return context, page


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("username", HOMES)
def test_each_home_shows_its_work_and_links_to_it(demo_server, browser, username, width):
    context, page = signed_in_page(browser, demo_server.url, username, width)
    queues, with_items = HOMES[username]

    shown = page.eval_on_selector_all("[data-queue]", "cards => cards.map(card => card.dataset.queue)")
    links = page.locator(f"[data-queue={with_items}] [data-queue-item] a").first
    target = links.get_attribute("href")
    screenshot(page, f"home-{username}-{width}")
    links.click()
    page.wait_for_load_state()

    assert shown == queues
    assert page.url == demo_server.url + target
    if width == "phone":
        page.go_back()
        assert page.evaluate(SIDEWAYS) == 0
    context.close()


def test_a_mayors_office_reads_its_briefing_first(demo_server, browser):
    for width in WIDTHS:
        context, page = signed_in_page(browser, demo_server.url, "mayor-office-seoul", width)
        briefing = page.locator("[data-briefing]")
        screenshot(page, f"home-mayor-office-seoul-{width}")

        assert briefing.is_visible()
        assert "Next general assembly" in briefing.inner_text()
        assert page.evaluate(SIDEWAYS) == 0
        context.close()


@pytest.mark.parametrize("username", ["secretariat-seoul", "lead-economy-seoul", "mayor-office-beijing"])
def test_no_main_page_scrolls_sideways_on_a_phone_in_any_language(demo_server, browser, username):
    context, page = signed_in_page(browser, demo_server.url, username, "phone")
    pages = main_pages(username)

    found, not_cards, unfolded = {}, {}, {}
    for code, label in LANGUAGES:
        page.click(".navbar-toggler")  # on a phone the menus fold behind it
        page.wait_for_selector("#main-nav.show")  # unfolded: its items take clicks only once it stops moving
        switch_language(page, label)
        for path in pages:
            open_page(page, demo_server.url + path)
            if overflow := page.evaluate(SIDEWAYS):
                found[f"{code} {path}"] = overflow
            if LISTS.search(path) and (rows := page.evaluate(STACKED)) != AS_CARDS:
                not_cards[f"{code} {path}"] = rows
            if FILTERS.search(path) and (filters := page.evaluate(FOLDED)) != "none":
                unfolded[f"{code} {path}"] = filters
    screenshot(page, f"phone-{username}-last-page")
    page.goto(f"{demo_server.url}/dashboard/")
    page.click("[data-bs-target='#list-filters']")
    page.locator("form[data-dashboard-filters]").wait_for(state="visible")

    assert found == {}
    assert not_cards == {}
    assert unfolded == {}
    assert len([path for path in pages if LISTS.search(path)]) == LIST_COUNT[username]
    context.close()


def bell_count(page) -> int:
    badge = page.locator("[data-unread-badge]")
    return int(re.match(r"\d+", badge.inner_text()).group()) if badge.count() else 0


def test_a_draft_goes_to_the_lead_and_back(demo_server, browser):
    member_context, member = signed_in_page(browser, demo_server.url, "member-economy-seoul", "phone")
    lead_context, lead = signed_in_page(browser, demo_server.url, "lead-economy-seoul", "desktop")

    member.goto(f"{demo_server.url}/exchanges/new/")
    assert member.locator("[data-draft-note]").is_visible()
    member.select_option("#id_focus_area", label="Investments")
    member.select_option("#id_kind", value="forum")
    member.fill("#id_title", "Fintech meetup")
    member.fill(
        "#id_starts_on", timezone.localdate().replace(day=1).replace(year=timezone.localdate().year + 1).isoformat()
    )
    member.select_option("#id_host_city", label="Seoul")
    member.select_option("#id_visiting_city", label="Beijing")
    member.click("main button[type=submit]")
    member.wait_for_selector("h1:has-text('Fintech meetup')")
    draft = Exchange.objects.get(title="Fintech meetup")
    assert draft.status == Exchange.Status.DRAFT
    send_due(timezone.now())  # the beat's sweep and a worker: the leads are notified

    lead.goto(f"{demo_server.url}/")
    assert bell_count(lead) >= 1
    item = lead.locator("[data-queue=drafts] [data-queue-item]", has_text="Fintech meetup")
    item.locator("summary").click()
    item.locator("textarea[name=reason]").fill("Say which department of Beijing takes part.")
    item.get_by_role("button", name="Return to its author").click()
    lead.wait_for_url(f"{demo_server.url}/")
    send_due(timezone.now())

    member.goto(f"{demo_server.url}/")
    returned = member.locator("[data-queue=my-drafts] [data-queue-item]", has_text="Fintech meetup")
    assert "Say which department of Beijing takes part." in returned.inner_text()
    assert bell_count(member) >= 1
    screenshot(member, "draft-returned-phone")
    returned.get_by_role("link", name="Edit and submit again").click()
    member.fill("#id_description", "With Beijing's Municipal Bureau of Commerce.")
    member.click("main button[type=submit]")
    member.wait_for_selector("h1:has-text('Fintech meetup')")
    send_due(timezone.now())

    lead.goto(f"{demo_server.url}/")
    lead.locator("[data-queue=drafts] [data-queue-item]", has_text="Fintech meetup").get_by_role(
        "button", name="Approve"
    ).click()
    lead.wait_for_url(f"{demo_server.url}/")
    send_due(timezone.now())

    steps = list(DraftReview.objects.filter(exchange=draft).order_by("at", "pk").values_list("step", flat=True))
    assert steps == ["submitted", "returned", "submitted", "approved"]
    member.goto(f"{demo_server.url}/notifications/")
    assert re.search(r"Approved: Fintech meetup", member.content())
    member_context.close()
    lead_context.close()
