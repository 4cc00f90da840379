"""A team lead's day with the exchange log, in Chromium: record, complete, find, export; a stranger is refused."""

import csv
import io
from pathlib import Path

import pytest

from council.models import City
from teams.models import Exchange
from tests.browser.conftest import screenshot
from tests.browser.test_sign_in_each_role import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Seoul–Beijing green finance roundtable"


def record_exchange(page, base_url: str) -> None:
    page.goto(f"{base_url}/exchanges/new/")
    page.select_option("#id_focus_area", label="Investments")
    page.select_option("#id_kind", value="forum")
    page.fill("#id_title", TITLE)
    page.select_option("#id_status", value="proposed")
    page.fill("#id_starts_on", "2026-06-16")
    page.fill("#id_start_time", "14:00")
    page.select_option("#id_host_city", label="Seoul")
    page.select_option("#id_visiting_city", label="Beijing")
    page.fill(f"input[name=participants_{City.objects.get(code='SEL').pk}]", "35")
    screenshot(page, "exchange-form-lead-economy-seoul")
    page.click("main button[type=submit]")
    page.wait_for_selector("h1:has-text('green finance roundtable')")


def move_to_completed(page) -> None:
    for button in ("Mark as planned", "Start", "Complete…"):
        page.click(f"main form button:has-text('{button}')")
        page.wait_for_load_state()
    page.fill("#id_outcomes", "Three banks agreed to co-finance green bonds.")
    page.fill("#id_agreements_signed", "3")
    page.click("main button:has-text('Mark as completed')")
    page.wait_for_selector(".badge.status-completed")
    screenshot(page, "exchange-detail-completed")


def test_lead_records_completes_finds_and_exports_an_exchange(demo_server, page):
    sign_in(page, demo_server.url, "lead-economy-seoul")
    record_exchange(page, demo_server.url)
    move_to_completed(page)
    exchange = Exchange.objects.get(title=TITLE)
    assert (exchange.status, exchange.agreements_signed) == ("completed", 3)
    assert exchange.outcomes == "Three banks agreed to co-finance green bonds."

    page.goto(f"{demo_server.url}/exchanges/")
    page.fill("#id_q", "green finance")
    page.select_option("#id_status", value="completed")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_url("**/exchanges/?*q=green+finance*")
    assert page.locator("tbody tr a").all_inner_texts() == [TITLE]
    screenshot(page, "exchange-list-filtered")

    with page.expect_download() as download:
        page.click("text=Export CSV")
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    assert len(rows) == 2 and TITLE in rows[1]


def test_another_teams_lead_cannot_edit_and_nothing_changes(demo_server, page):
    exchange = Exchange.objects.filter(team__code="economy").first()
    title = exchange.title
    sign_in(page, demo_server.url, "lead-culture-seoul")

    response = page.goto(f"{demo_server.url}/exchanges/{exchange.pk}/edit/")

    assert response.status == 403
    assert page.locator("h1").inner_text() == "You may not open this page"
    page.goto(f"{demo_server.url}/exchanges/{exchange.pk}/")
    assert page.locator("a:has-text('Edit')").count() == 0
    assert Exchange.objects.get(pk=exchange.pk).title == title
