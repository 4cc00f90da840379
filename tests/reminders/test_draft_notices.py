"""A member's draft reaches the team's leads at once; the lead's approval or return reaches the member;
a returned draft, saved again by its author, reaches the leads again. Each in the recipient's language,
in the app and by e-mail, through the reminder machinery (each notice sent once)."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError

from reminders import services
from reminders.models import Delivery, Notification
from teams.models import DraftReview, Exchange
from teams.services import exchanges as exchange_services
from tests.factories import ExchangeFactory
from tests.reminders.conftest import NOW
from tests.reminders.test_planning import rows

EMAIL, APP = Delivery.Channel.EMAIL, Delivery.Channel.APP
Step = DraftReview.Step


def account(person):
    person.user = get_user_model().objects.create_user(username=person.name.lower().replace(" ", "-"))
    person.save()
    return person.user


@pytest.fixture
def draft(world, django_capture_on_commit_callbacks) -> Exchange:
    """Choi Member (Seoul, Korean) records a draft of the team; both its leads are told."""
    world.member.preferred_language = "ko"
    world.member.save()
    author = account(world.member)
    exchange = ExchangeFactory.build(team=world.team, title="Youth forum", status=Exchange.Status.PROPOSED)
    with django_capture_on_commit_callbacks(execute=True):
        exchange_services.record_exchange(exchange=exchange, by=author, drafts_only=True)
    return exchange


@pytest.fixture
def deliver_due(django_capture_on_commit_callbacks):
    """Sweep the due rows (each is queued once its claim commits) and deliver each, as a worker would."""

    def deliver() -> None:
        queued: list[int] = []
        with django_capture_on_commit_callbacks(execute=True):
            services.sweep(now=NOW, enqueue=queued.append)
        for delivery_id in queued:
            services.deliver(delivery_id=delivery_id)

    return deliver


def test_a_members_draft_reaches_the_teams_leads_at_once(world, draft):
    assert [review.step for review in draft.reviews.all()] == [Step.SUBMITTED]
    assert rows(world, "draft_submitted") == {
        (0, "Park Lead", EMAIL, NOW, "due"),
        (0, "Zhao Lead", EMAIL, NOW, "due"),
        (0, "Zhao Lead", APP, NOW, "due"),
    }


def test_the_notice_speaks_each_leads_language_and_is_sent_once(world, draft, deliver_due):
    deliver_due()
    deliver_due()  # nothing twice

    # Park Lead reads English; Zhao Lead Chinese (the title, written in English, marked untranslated).
    assert sorted((message.to[0], message.subject) for message in mail.outbox) == [
        ("park.lead@example.org", "Draft to approve: Youth forum"),
        ("zhao.lead@example.org", "待批准草稿：Youth forum [原文：English · 等待翻译]"),
    ]
    [notification] = Notification.objects.filter(recipient=world.lead_beijing)
    assert notification.subject.startswith("待批准草稿：Youth forum")
    assert notification.url.endswith(draft.get_absolute_url())


def test_a_return_reaches_the_member_with_the_reason(world, draft, deliver_due, django_capture_on_commit_callbacks):
    lead = account(world.lead_seoul)
    with django_capture_on_commit_callbacks(execute=True):
        exchange_services.return_draft(exchange=draft, reason="Add the venue, please.", by=lead)
    deliver_due()

    assert rows(world, "draft_submitted") == set()  # moot once returned: the leads' notices withdrawn
    to_member = [message for message in mail.outbox if message.to == [world.member.email]]
    assert [message.subject for message in to_member] == ["반려됨: Youth forum [원문: English · 번역 대기]"]
    assert "Add the venue, please." in to_member[0].body
    assert exchange_services.is_returned(Exchange.objects.get(pk=draft.pk))


def test_a_returned_draft_saved_by_its_author_goes_back_to_the_leads(world, draft, django_capture_on_commit_callbacks):
    lead = account(world.lead_seoul)
    exchange_services.return_draft(exchange=draft, reason="Add the venue.", by=lead)
    draft = Exchange.objects.get(pk=draft.pk)
    draft.description = "At Seoul City Hall."
    with django_capture_on_commit_callbacks(execute=True):
        exchange_services.update_exchange(exchange=draft, by=world.member.user)

    assert [review.step for review in draft.reviews.order_by("at", "pk")] == [
        Step.SUBMITTED,
        Step.RETURNED,
        Step.SUBMITTED,
    ]
    assert not exchange_services.is_returned(draft)
    assert {(name, channel) for _o, name, channel, _at, _s in rows(world, "draft_submitted")} == {
        ("Park Lead", EMAIL),
        ("Park Lead", APP),
        ("Zhao Lead", EMAIL),
        ("Zhao Lead", APP),
    }  # Park Lead has an account now (he returned the draft): the notice reaches his app too


def test_approval_reaches_the_member(world, draft, django_capture_on_commit_callbacks):
    lead = account(world.lead_seoul)
    with django_capture_on_commit_callbacks(execute=True):
        exchange_services.change_status(exchange=draft, to=Exchange.Status.PROPOSED, by=lead)

    assert rows(world, "draft_reviewed") == {(0, "Choi Member", EMAIL, NOW, "due"), (0, "Choi Member", APP, NOW, "due")}
    assert rows(world, "draft_submitted") == set()


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_return_without_a_reason_is_refused_and_changes_nothing(world, draft, reason):
    lead = account(world.lead_seoul)

    with pytest.raises(ValidationError) as refused:
        exchange_services.return_draft(exchange=draft, reason=reason, by=lead)

    assert refused.value.message_dict == {
        "reason": ["Say why the draft goes back, so that its author can put it right."]
    }
    assert [review.step for review in draft.reviews.all()] == [Step.SUBMITTED]


def test_only_a_waiting_draft_can_be_returned(world, draft):
    lead = account(world.lead_seoul)
    exchange_services.change_status(exchange=draft, to=Exchange.Status.PROPOSED, by=lead)

    with pytest.raises(ValidationError):
        exchange_services.return_draft(exchange=draft, reason="Too late.", by=lead)

    assert [review.step for review in draft.reviews.order_by("pk")] == [Step.SUBMITTED, Step.APPROVED]
