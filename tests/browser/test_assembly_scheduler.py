"""The secretariat schedules the next general assembly in Chromium: computed host and year, the refusal
of a second one in the same cycle, a postponement that keeps the host, the report and its PDF."""

import pytest

from tests.browser.conftest import screenshot
from tests.browser.test_sign_in_each_role import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretariat_schedules_postpones_and_downloads_the_report(demo_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page, colleague = context.new_page(), context.new_page()
    sign_in(page, demo_server.url, "secretariat-seoul")
    for tab in (page, colleague):
        tab.goto(f"{demo_server.url}/assemblies/")
        assert tab.locator("[data-next-assembly]").inner_text() == "No. 8, due in 2029, hosted by Beijing"
    screenshot(page, "assemblies-list-secretariat")

    page.click("text=Schedule it")
    page.wait_for_selector("h1:has-text('General assembly no. 8 (2029)')")
    assert "hosted by Beijing" in page.locator("[data-host]").inner_text()

    colleague.click("text=Schedule it")  # the same cycle, seen a moment earlier in another tab
    colleague.wait_for_selector(".alert-danger")
    assert colleague.locator(".alert-danger").inner_text() == (
        "There is already a general assembly for the 2029 cycle: no. 8 in Beijing. A cycle has one assembly."
    )

    page.goto(f"{demo_server.url}/assemblies/")
    page.click("a:has-text('7')")
    page.click("text=Postpone")
    page.fill("#id_new_date", "2028-03-14")
    page.fill("#id_new_time", "10:00")
    page.fill("#id_reason", "The venue is under renovation in autumn 2027.")
    page.click("main button[type=submit]")
    page.wait_for_selector(".alert-success")
    assert "hosted by Seoul" in page.locator("[data-host]").inner_text()
    assert page.locator("[data-reason]").first.inner_text() == "The venue is under renovation in autumn 2027."
    starts = page.locator("[data-starts]").inner_text()
    assert "March 14, 2028, 10 a.m. (Seoul)" in starts and "March 14, 2028, 9 a.m. (Beijing)" in starts
    screenshot(page, "assembly-postponed")

    page.goto(f"{demo_server.url}/assemblies/")
    page.click("a:has-text('6')")
    page.click("text=Achievements report")
    page.wait_for_url("**/report/")
    screenshot(page, "assembly-report")
    with page.expect_download() as download:
        page.click("text=Download PDF")
    assert open(download.value.path(), "rb").read(5) == b"%PDF-"  # noqa: SIM115
    context.close()
