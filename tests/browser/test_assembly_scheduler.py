"""The secretariat schedules the next general assembly in Chromium: computed host and year, the refusal
of a second one in the same cycle, a postponement that keeps the host, the report and its PDF."""

import datetime as dt

import pytest
from django.utils import dateformat, timezone

from council.models import City
from tests.browser.conftest import screenshot
from tests.browser.test_sign_in_each_role import sign_in
from tests.fixtures.assemblies import host_after

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shown_in(city: City, instant: dt.datetime) -> str:
    """As the page shows an instant in a city, in English: "14 Mar 2028, 10:00 (Seoul)"."""
    return f"{dateformat.format(timezone.localtime(instant, city.zone), 'j M Y, H:i')} ({city.name_en})"


def test_secretariat_schedules_postpones_and_downloads_the_report(demo_server, browser, next_assembly):
    # The demo's next assembly, and the one after it by the council's rules.
    sequence, cycle = next_assembly.sequence + 1, next_assembly.cycle + 2
    host, after = next_assembly.host_city, City.objects.get(code=host_after(next_assembly))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page, colleague = context.new_page(), context.new_page()
    sign_in(page, demo_server.url, "secretariat-seoul")
    for tab in (page, colleague):
        tab.goto(f"{demo_server.url}/assemblies/")
        assert tab.locator("[data-next-assembly]").inner_text() == (
            f"No. {sequence}, due in {cycle}, hosted by {after.name_en}"
        )
    screenshot(page, "assemblies-list-secretariat")

    page.click("text=Schedule it")
    page.wait_for_selector(f"h1:has-text('General assembly no. {sequence} ({cycle})')")
    assert f"hosted by {after.name_en}" in page.locator("[data-host]").inner_text()

    colleague.click("text=Schedule it")  # the same cycle, seen a moment earlier in another tab
    colleague.wait_for_selector(".alert-danger")
    assert colleague.locator(".alert-danger").inner_text() == (
        f"There is already a general assembly for the {cycle} cycle: no. {sequence} in {after.name_en}. "
        "A cycle has one assembly."
    )

    page.goto(f"{demo_server.url}{next_assembly.get_absolute_url()}")
    page.click("text=Postpone")
    new_day = timezone.localtime(next_assembly.starts_at, host.zone).date() + dt.timedelta(days=147)
    page.fill("#id_new_date", new_day.isoformat())
    page.fill("#id_new_time", "10:00")
    page.fill("#id_reason", "The venue is under renovation in the autumn.")
    page.click("main button[type=submit]")
    page.wait_for_selector(".alert-success")
    assert f"hosted by {host.name_en}" in page.locator("[data-host]").inner_text()
    assert page.locator("[data-reason]").first.inner_text() == "The venue is under renovation in the autumn."
    starts, opening = page.locator("[data-starts]").inner_text(), dt.datetime.combine(new_day, dt.time(10), host.zone)
    for city in City.objects.filter(code__in=["SEL", "BJS"]):
        assert shown_in(city, opening) in starts
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
