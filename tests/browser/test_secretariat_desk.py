"""The secretariat's desk in Chromium: log a letter and read its reference, reply to it, turn a
resolution of the last assembly into an action item for a team lead, who finds it in "My actions"."""

import datetime as dt

import pytest
from django.utils import timezone

from assemblies.models import Assembly
from secretariat.models import ActionItem, Correspondence
from teams.models import Team
from tests.browser.conftest import screenshot
from tests.browser.test_sign_in_each_role import sign_in
from tests.factories import ExchangeFactory
from translations.services import save_version

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SUBJECT = "Proposal for a joint smart-city expo"


def sent_yesterday() -> dt.date:
    """The letter's date: the day before, so that the reply (sent now) comes after it at any hour the
    test runs (09:30 today in Beijing is still ahead before 01:30 UTC)."""
    return timezone.localdate() - dt.timedelta(days=1)


def log_letter(page, base_url: str) -> str:
    page.goto(f"{base_url}/secretariat/correspondence/new/")
    page.select_option("#id_from_city", label="Beijing")
    page.select_option("#id_to_city", label="Seoul")
    page.select_option("#id_channel", value="letter")
    page.fill("#id_sent_on", sent_yesterday().isoformat())
    page.fill("#id_sent_time", "09:30")
    page.fill("#id_subject", SUBJECT)
    page.fill("#id_summary", "Beijing proposes a joint expo in autumn, hosted in turn.")
    page.click("main button[type=submit]")
    page.wait_for_selector(f"h1:has-text('{SUBJECT}')")
    return Correspondence.objects.get(subject=SUBJECT).reference


def test_secretariat_logs_replies_and_assigns_an_action_the_lead_sees(demo_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    sign_in(page, demo_server.url, "secretariat-beijing")

    reference = log_letter(page, demo_server.url)
    year = sent_yesterday().year  # the year of the day it was sent, in Beijing (09:30 there: the same day in UTC)
    assert reference.startswith(f"BJS-SEL-{year}-")
    assert reference in page.locator("main").inner_text()
    screenshot(page, "correspondence-logged")

    page.click("main a:has-text('Reply')")
    page.fill("#id_summary", "Seoul welcomes the proposal and suggests October.")
    page.click("main button[type=submit]")
    page.wait_for_selector(f"h1:has-text('Re: {SUBJECT}')")
    reply = Correspondence.objects.get(subject=f"Re: {SUBJECT}")
    assert (reply.in_reply_to.reference, reply.from_city.code, reply.to_city.code) == (reference, "SEL", "BJS")
    assert reply.reference != reference and reference in page.locator("main").inner_text()  # the thread shows both

    last_held = Assembly.objects.get(council__name_en="Seoul–Beijing Integration Council", sequence=6)
    page.goto(f"{demo_server.url}{last_held.get_absolute_url()}")
    page.locator("a:has-text('Turn into an action item')").first.click()
    page.select_option("#id_owner", label="이민준 (Lee Min-jun)")
    page.fill("#id_title", "Prepare the business-event calendar for the next cycle")
    page.fill("#id_due_on", (timezone.localdate() + dt.timedelta(days=30)).isoformat())
    page.click("main button[type=submit]")
    page.wait_for_selector(".alert-success")
    item = ActionItem.objects.get(title="Prepare the business-event calendar for the next cycle")
    assert (item.owner.name_romanised, item.resolution.assembly.sequence) == ("Lee Min-jun", 6)

    lead = context.new_page()
    context.clear_cookies()
    sign_in(lead, demo_server.url, "lead-economy-seoul")
    lead.goto(f"{demo_server.url}/secretariat/actions/mine/")
    assert lead.locator("main a:has-text('Prepare the business-event calendar')").count() == 1
    screenshot(lead, "my-actions-lead-economy-seoul")
    context.close()


def test_a_letter_about_an_old_exchange_finds_it_by_typing_its_title_in_another_language(demo_server, browser):
    """The exchange list shows only the latest exchanges; an older one is found on the server as one types,
    in any language of its title (here Chinese, read by someone working in English)."""
    economy = Team.objects.get(code="economy", council__name_en="Seoul–Beijing Integration Council")
    old = ExchangeFactory(team=economy, title="Han River water transport forum", starts_on=dt.date(2003, 4, 9))
    save_version(old, "title", "zh-hans", "汉江水运论坛", None)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    sign_in(page, demo_server.url, "secretariat-beijing")
    page.goto(f"{demo_server.url}/secretariat/correspondence/new/")
    assert page.locator(f"#id_exchange option[value='{old.pk}']").count() == 0  # not among the latest

    choice = page.locator("#id_exchange + .ts-wrapper .ts-control > .item")
    typed_in = page.locator("#id_exchange-ts-control")
    # Nothing chosen: the list says one can type, not "—".
    shown = (choice.inner_text(), choice.is_hidden(), typed_in.get_attribute("placeholder"))
    assert shown == ("—", True, "Type to search…")
    assert typed_in.evaluate("box => getComputedStyle(box).opacity") == "1"
    page.focus("#id_exchange-ts-control")
    page.keyboard.type("水运")
    assert choice.is_hidden()
    page.locator(".ts-dropdown .option", has_text="Han River water transport forum").click()
    assert choice.is_visible() and choice.inner_text().startswith("Han River water transport forum")
    control = page.locator("#id_exchange + .ts-wrapper .ts-control")
    assert control.bounding_box()["height"] - choice.bounding_box()["height"] < 20  # no empty line below it
    assert typed_in.evaluate("box => getComputedStyle(box).opacity") == "0"
    screenshot(page, "letter-exchange-found-by-typing")
    page.keyboard.type("20")
    assert choice.is_hidden()  # typing again, with an exchange chosen, looks for another
    page.select_option("#id_from_city", label="Beijing")
    page.select_option("#id_to_city", label="Seoul")
    page.select_option("#id_channel", value="letter")
    page.fill("#id_sent_on", sent_yesterday().isoformat())
    page.fill("#id_sent_time", "09:30")
    page.fill("#id_subject", "Minutes of the water transport forum")
    page.click("main button[type=submit]")
    page.wait_for_selector("h1:has-text('Minutes of the water transport forum')")

    assert Correspondence.objects.get(subject="Minutes of the water transport forum").exchange == old
    context.close()
