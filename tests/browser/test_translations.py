"""The council's texts across the two cities, in Chromium: written in Korean, translated in Beijing,
read by Beijing's mayor's office in Chinese; an official text signed off in each city's language."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from assemblies.models import Assembly, Resolution
from council.models import City, Person
from teams.models import Exchange
from tests.browser.conftest import screenshot
from tests.browser.test_sign_in_each_role import sign_in, switch_language
from translations.services import sign_offs_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KO_TITLE = "서울·베이징 녹색금융 원탁회의"
KO_SUMMARY = "양 도시 은행과 기업이 녹색채권 공동 발행을 논의한다."
ZH_TITLE = "首尔·北京绿色金融圆桌会议"
ZH_SUMMARY = "两市银行和企业讨论共同发行绿色债券。"


def sign_in_as(page, base_url: str, username: str, label: str) -> None:
    page.context.clear_cookies()
    sign_in(page, base_url, username)
    switch_language(page, label)


def record_in_korean(page, base_url: str) -> Exchange:
    """The lead records an exchange of ten days ago; its results come later (set here directly)."""
    starts_on = timezone.localdate() - dt.timedelta(days=10)
    page.goto(f"{base_url}/exchanges/new/")
    page.select_option("#id_focus_area", index=1)
    page.select_option("#id_kind", value="forum")
    page.fill("#id_title", KO_TITLE)
    page.fill("#id_description", KO_SUMMARY)
    page.fill("#id_starts_on", starts_on.isoformat())
    page.select_option("#id_host_city", value=str(City.objects.get(code="SEL").pk))
    page.select_option("#id_visiting_city", value=str(City.objects.get(code="BJS").pk))
    screenshot(page, "translations-exchange-form-ko")
    page.click("main button[type=submit]")
    page.wait_for_selector(f"h1:has-text('{KO_TITLE}')")
    exchange = Exchange.objects.get(title=KO_TITLE)
    assert exchange.language == "ko"
    Exchange.objects.filter(pk=exchange.pk).update(
        status=Exchange.Status.COMPLETED, agreements_signed=40, outcomes="녹색채권 공동 발행에 합의했다."
    )
    return exchange


def translate_at_the_desk(page, base_url: str, source: str, translation: str) -> None:
    page.goto(f"{base_url}{reverse('translations:desk')}?language=zh-hans")
    page.locator("main tr", has_text=source[:12]).locator("a").first.click()
    page.fill("main [name=text]", translation)
    screenshot(page, "translations-editor-zh")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def test_a_korean_exchange_is_translated_in_beijing_and_read_there_in_chinese(demo_server, page):
    base = demo_server.url
    sign_in_as(page, base, "lead-economy-seoul", "한국어")
    exchange = record_in_korean(page, base)

    sign_in_as(page, base, "secretariat-beijing", "简体中文")
    translate_at_the_desk(page, base, KO_TITLE, ZH_TITLE)
    translate_at_the_desk(page, base, KO_SUMMARY, ZH_SUMMARY)
    translate_at_the_desk(page, base, "녹색채권 공동 발행에 합의했다.", "同意共同发行绿色债券。")

    sign_in_as(page, base, "mayor-office-beijing", "简体中文")
    page.goto(f"{base}/dashboard/")
    assert page.locator(f"main a:has-text('{ZH_TITLE}')").first.is_visible()
    assert page.locator(f"main :text('{KO_TITLE}')").count() == 0
    screenshot(page, "translations-dashboard-zh")
    assembly = Assembly.objects.filter(status=Assembly.Status.PLANNED).get()
    report = page.request.get(f"{base}{reverse('assemblies:report-pdf', args=[assembly.pk])}")
    assert report.ok and report.headers["content-type"] == "application/pdf"
    page.goto(f"{base}{reverse('assemblies:report', args=[assembly.pk])}")
    assert page.locator(f"main :text('{ZH_TITLE}')").first.is_visible()

    sign_in_as(page, base, "lead-economy-seoul", "한국어")
    page.goto(f"{base}/exchanges/{exchange.pk}/edit/")
    page.fill("#id_description", KO_SUMMARY + " 투자 규모도 논의한다.")
    page.click("main button[type=submit]")
    page.wait_for_selector(f"h1:has-text('{KO_TITLE}')")

    sign_in_as(page, base, "secretariat-beijing", "简体中文")
    page.goto(f"{base}{reverse('translations:desk')}?language=zh-hans")
    row = page.locator("main tr", has_text="투자 규모도")
    assert row.count() == 1 and "过时" in row.inner_text()
    screenshot(page, "translations-desk-outdated-zh")


def test_a_resolution_is_signed_off_in_each_city_and_an_edit_clears_both(demo_server, page):
    base = demo_server.url
    assembly = Assembly.objects.filter(status=Assembly.Status.HELD).order_by("-sequence").first()
    resolution = Resolution.objects.create(
        assembly=assembly, number=90, language="ko", text="양 도시는 청소년 교류를 두 배로 늘린다."
    )
    Person.objects.filter(user__username__startswith="secretariat-").update(preferred_language="en")
    sign_in_as(page, base, "secretariat-beijing", "简体中文")
    translate_at_the_desk(page, base, "양 도시는 청소년", "两市将青少年交流增加一倍。")

    for username, language, label in (
        ("secretariat-seoul", "ko", "한국어"),
        ("secretariat-beijing", "zh-hans", "简体中文"),
    ):
        sign_in_as(page, base, username, label)
        page.goto(f"{base}{reverse('assemblies:detail', args=[assembly.pk])}")
        action = reverse("translations:sign-off", args=["assemblies.resolution", resolution.pk, "text", language])
        page.click(f"form[action^='{action}'] button[type=submit]")
        page.wait_for_load_state()
    screenshot(page, "translations-resolution-signed")

    signed = {language: row.signed_by.username for language, row in sign_offs_of(resolution, "text").items()}
    assert signed == {"ko": "secretariat-seoul", "zh-hans": "secretariat-beijing"}

    resolution.refresh_from_db()
    resolution.text = "양 도시는 청소년 교류를 세 배로 늘린다."
    resolution.save()
    assert sign_offs_of(resolution, "text") == {}
