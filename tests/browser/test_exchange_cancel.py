"""A team lead cancels an exchange in Chromium: the danger zone, the confirmation page, a reason refused
empty and then kept; and reopens it to the status it had."""

import pytest

from teams.models import Exchange, Team
from tests.browser.conftest import screenshot
from tests.browser.test_sign_in_each_role import sign_in
from tests.factories import ExchangeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
REASON = "The forum's venue is closed for repairs until the summer."


def test_lead_cancels_an_exchange_with_a_reason_and_reopens_it(demo_server, page):
    economy = Team.objects.get(code="economy", council__name_en="Seoul–Beijing Integration Council")
    exchange = ExchangeFactory(team=economy, status=Exchange.Status.PLANNED, title="Youth forum on smart cities")
    sign_in(page, demo_server.url, "lead-economy-seoul")
    page.goto(f"{demo_server.url}{exchange.get_absolute_url()}")
    screenshot(page, "exchange-danger-zone")

    page.click("[data-danger-zone] a:has-text('Cancel the exchange')")
    page.wait_for_selector("[data-consequences]")
    assert "“Youth forum on smart cities”" in page.inner_text("[data-consequences]")
    page.click("main button[type=submit]:has-text('Cancel the exchange')")  # no reason yet
    page.wait_for_selector("text=Say why the exchange is cancelled.")
    assert Exchange.objects.get(pk=exchange.pk).status == Exchange.Status.PLANNED
    screenshot(page, "exchange-cancel-confirmation")

    page.fill("#id_cancel_reason", REASON)
    page.click("main button[type=submit]:has-text('Cancel the exchange')")
    page.wait_for_selector("[data-cancelled]")
    assert REASON in page.inner_text("[data-cancelled]")
    assert page.locator(".badge.status-cancelled").count() == 1
    screenshot(page, "exchange-cancelled")
    exchange.refresh_from_db()
    assert (exchange.status, exchange.cancel_reason) == (Exchange.Status.CANCELLED, REASON)

    page.click("[data-cancelled] button:has-text('Reopen')")
    page.wait_for_selector(".badge.status-planned")
    assert page.locator("[data-cancelled]").count() == 0
    exchange.refresh_from_db()
    assert (exchange.status, exchange.cancel_reason) == (Exchange.Status.PLANNED, "")
