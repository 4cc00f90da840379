"""A reminder reaches its recipient in Chromium, in the recipient's language: an action item due
tomorrow is planned when saved, the sweep sends it at its moment, and its owner — who reads Korean —
finds it under the bell, opens it and lands on the action item."""

import datetime as dt
import zoneinfo

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from assemblies.models import Resolution
from council.models import Person
from reminders import services
from reminders.models import Delivery, Notification
from secretariat.models import ActionItem
from secretariat.services.actions import create_action
from tests.browser.conftest import screenshot
from tests.browser.test_sign_in_each_role import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")


def send_due(now: dt.datetime) -> None:
    """What the beat's sweep and a worker do at `now`, in this process."""
    claimed: list[int] = []
    services.sweep(now=now, enqueue=claimed.append)
    for pk in claimed:
        services.deliver(delivery_id=pk)


def test_an_action_due_tomorrow_reaches_its_owner_in_korean(demo_server, browser):
    lee = Person.objects.get(user__username="lead-economy-seoul")
    lee.preferred_language = "ko"
    lee.save()
    tomorrow = timezone.localdate(timezone=SEOUL) + dt.timedelta(days=1)
    item = create_action(
        item=ActionItem(
            council=lee.council,
            title="Send the expo budget",
            owner=lee,
            due_on=tomorrow,
            resolution=Resolution.objects.filter(assembly__council=lee.council).first(),
        ),  # fmt: skip
        by=get_user_model().objects.get(username="secretariat-seoul"),
    )  # committed: its reminders are planned on commit
    email, app = (Delivery.objects.get(target_id=item.pk, rule__kind="action_due", channel=c) for c in ("email", "app"))
    assert email.due_at == app.due_at == dt.datetime.combine(tomorrow - dt.timedelta(days=1), dt.time(9), SEOUL)

    send_due(app.due_at)

    subject = (
        f"{tomorrow.year}년 {tomorrow.month}월 {tomorrow.day}일 기한: Send the expo budget [원문: English · 번역 대기]"
    )
    [message] = [m for m in mail.outbox if m.to == [lee.email]]
    assert message.subject == subject
    unread = Notification.objects.filter(recipient=lee, read_at=None).count()

    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR").new_page()
    sign_in(page, demo_server.url, "lead-economy-seoul")
    assert page.locator("[data-unread-badge]").inner_text().startswith(str(unread))
    page.click("a[href='/notifications/']")
    entry = page.locator(f"[data-notification]:has-text('{subject}')")
    assert entry.locator(".badge").inner_text() == "새 알림"
    screenshot(page, "notifications-ko")

    entry.locator("button[type=submit]").click()
    page.wait_for_url(f"{demo_server.url}{item.get_absolute_url()}")
    assert Notification.objects.get(delivery=app).read_at is not None
    badge = page.locator("[data-unread-badge]")
    assert (badge.inner_text().startswith(str(unread - 1))) if unread > 1 else badge.count() == 0
