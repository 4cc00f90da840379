"""Due rows are claimed once, sent once, in the recipient's language; errors retried, then kept."""

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.utils import translation

from assemblies.models import Assembly
from reminders import planning, services, tasks
from reminders.models import Delivery, Notification
from secretariat.models import ActionItem
from tests.reminders.backends import ScriptedBackend, refused
from tests.reminders.conftest import NOW
from translations.reading import plain

S = Delivery.Status


@pytest.fixture
def due_rows(world):
    """The assembly's reminders, all made due a minute ago; the only due rows (sweeps are council-wide)."""
    Delivery.objects.all().delete()
    seoul = world.council.rotation()[0]
    Assembly.objects.create(
        council=world.council, sequence=1, cycle=2027, host_city=seoul, venue="Seoul City Hall",
        starts_at=dt.datetime(2027, 6, 1, 1, 0, tzinfo=dt.UTC),
    )  # fmt: skip
    rule = planning.ensure_rules(world.council)[0]
    planning.sync(rule, now=NOW)
    Delivery.objects.filter(rule=rule).update(due_at=NOW - dt.timedelta(minutes=1))
    return Delivery.objects.filter(rule=rule).order_by("pk")


def sweep_now(now=NOW) -> list[int]:
    queued: list[int] = []
    services.sweep(now=now, enqueue=queued.append)
    return queued


def test_sweep_claims_each_due_row_and_enqueues_it_after_commit(due_rows, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queued = sweep_now()
        assert queued == []  # nothing is enqueued before the claims are committed
    for callback in callbacks:
        callback()
    assert sorted(queued) == list(due_rows.values_list("pk", flat=True))
    assert set(due_rows.values_list("status", flat=True)) == {S.QUEUED}


def test_a_second_sweep_claims_nothing(due_rows, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = sweep_now()
    with django_capture_on_commit_callbacks(execute=True):
        second = sweep_now()
    assert (len(first), second) == (35, [])


def test_rows_not_yet_due_stay(world, due_rows, django_capture_on_commit_callbacks):
    later = due_rows.first()
    Delivery.objects.filter(pk=later.pk).update(due_at=NOW + dt.timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        queued = sweep_now()
    assert later.pk not in queued and Delivery.objects.get(pk=later.pk).status == S.DUE


@pytest.mark.parametrize("minutes", [30, 45])
def test_a_queued_row_whose_task_was_lost_is_claimed_again_after_the_setting(
    due_rows, django_capture_on_commit_callbacks, settings, minutes
):
    settings.REMINDER_LOST_AFTER_MINUTES = minutes
    lost_after = dt.timedelta(minutes=minutes)
    with django_capture_on_commit_callbacks(execute=True):
        sweep_now()
    with django_capture_on_commit_callbacks(execute=True):
        too_soon = sweep_now(NOW + lost_after - dt.timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        lost = sweep_now(NOW + lost_after + dt.timedelta(seconds=1))
    assert (too_soon, len(lost)) == ([], 35)


def queue(row: Delivery) -> None:
    Delivery.objects.filter(pk=row.pk).update(status=S.QUEUED, claimed_at=NOW)


def test_deliver_sends_once_in_the_recipients_language_and_marks_sent(world, due_rows):
    row = due_rows.get(recipient=world.lead_beijing, channel=Delivery.Channel.EMAIL, offset=-7)
    queue(row)

    assert services.deliver(delivery_id=row.pk) == "sent"
    assert services.deliver(delivery_id=row.pk) == "skipped"

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["zhao.lead@example.org"]
    assert message.extra_headers["Message-ID"] == f"<reminder-{row.pk}@council-desk>"
    assert message.subject == "第1届全体会议（2027）在首尔召开：还有 7 天"
    council = world.council.name_zh_hans
    with translation.override("zh-hans"):
        venue = plain(row.target, "venue")  # not translated: as written, marked in the recipient's language
    assert venue.startswith("Seoul City Hall [")
    assert message.body == (
        "Zhao Lead，您好：\n\n"
        "第1届全体会议（2027）将于首尔时间 2027年6月1日 10:00开幕。\n\n"
        f"会场：{venue}\n\n"
        f"http://127.0.0.1:8000/assemblies/{row.target_id}/\n\n"
        f"-- \n此提醒由 Council Desk 代表{council}发送。发送哪些提醒以及何时发送由秘书处设定。"
    )
    row.refresh_from_db()
    assert (row.status, row.attempts, row.sent_at, row.last_error) == (S.SENT, 1, NOW, "")


def test_in_app_reminder_becomes_a_notification_in_the_recipients_language(world, due_rows):
    row = due_rows.get(recipient=world.secretariat, channel=Delivery.Channel.APP, offset=-1)
    queue(row)
    services.deliver(delivery_id=row.pk)
    notification = Notification.objects.get(delivery=row)
    assert (notification.recipient, notification.read_at) == (world.secretariat, None)
    assert notification.subject == "제1차 총회 (2027), 서울 개최: 1일 남음"
    assert notification.url.endswith(row.target.get_absolute_url())
    assert mail.outbox == []


def test_a_due_row_not_claimed_is_not_sent(world, due_rows):
    row = due_rows.first()
    assert services.deliver(delivery_id=row.pk) == "skipped"
    assert (mail.outbox, Delivery.objects.get(pk=row.pk).status) == ([], S.DUE)


def test_a_row_whose_record_was_deleted_is_withdrawn(world):
    item = ActionItem.objects.create(council=world.council, title="Call", owner=world.lead_seoul,
                                     due_on=dt.date(2026, 11, 27))  # fmt: skip
    rule = next(rule for rule in planning.ensure_rules(world.council) if rule.kind == "action_due")
    planning.sync(rule, now=NOW)
    row = Delivery.objects.get(rule=rule)
    queue(row)
    ActionItem.objects.filter(pk=item.pk).update(title="gone")  # no signal; then delete without one
    ActionItem.objects.filter(pk=item.pk)._raw_delete(ActionItem.objects.db)
    assert services.deliver(delivery_id=row.pk) == "withdrawn"
    assert not Delivery.objects.filter(pk=row.pk).exists() and mail.outbox == []


# --- errors: the SMTP server is the process edge, stood in for by ScriptedBackend -------------------------


@pytest.fixture
def scripted_smtp(settings):
    settings.EMAIL_BACKEND = "tests.reminders.backends.ScriptedBackend"
    ScriptedBackend.errors = []
    yield ScriptedBackend.errors
    ScriptedBackend.errors.clear()


@pytest.fixture
def email_row(world, due_rows) -> Delivery:
    row = due_rows.get(recipient=world.lead_seoul, offset=-1)
    queue(row)
    return row


def test_a_temporary_error_is_retried_and_then_sent(email_row, scripted_smtp):
    scripted_smtp += [smtplib.SMTPServerDisconnected("gone"), refused(451)]
    tasks.deliver.apply(args=(email_row.pk,))  # eager: retries run at once
    email_row.refresh_from_db()
    assert (email_row.status, email_row.attempts, email_row.last_error, email_row.sent_at) == (S.SENT, 3, "", NOW)
    assert len(mail.outbox) == 1


def test_a_permanent_error_fails_at_once_and_is_kept(email_row, scripted_smtp):
    scripted_smtp.append(refused(550))
    tasks.deliver.apply(args=(email_row.pk,))
    email_row.refresh_from_db()
    assert (email_row.status, email_row.attempts, email_row.sent_at) == (S.FAILED, 1, None)
    assert email_row.last_error.startswith("SMTPRecipientsRefused: {'x@example.org': (550")
    assert mail.outbox == []


def test_retries_end_in_failure_with_the_last_error(email_row, scripted_smtp):
    scripted_smtp += [ConnectionRefusedError(111, "Connection refused")] * (tasks.MAX_RETRIES + 1)
    tasks.deliver.apply(args=(email_row.pk,))
    email_row.refresh_from_db()
    assert (email_row.status, email_row.attempts, email_row.sent_at) == (S.FAILED, tasks.MAX_RETRIES + 1, None)
    assert email_row.last_error == "ConnectionRefusedError: [Errno 111] Connection refused"


def test_resend_queues_a_failed_row_again_and_nothing_else(email_row, django_capture_on_commit_callbacks):
    Delivery.objects.filter(pk=email_row.pk).update(status=S.FAILED, last_error="550")
    queued: list[int] = []
    with django_capture_on_commit_callbacks(execute=True):
        assert services.resend(delivery=email_row, enqueue=queued.append) is True
        assert services.resend(delivery=email_row, enqueue=queued.append) is False
    assert queued == [email_row.pk]
    assert services.deliver(delivery_id=email_row.pk) == "sent"


def test_backoff_grows_and_is_capped():
    for retries, ceiling in [(0, 10), (1, 20), (2, 40), (5, 300), (9, 300)]:
        waits = [tasks.backoff(retries) for _ in range(50)]
        assert all(1 <= wait <= ceiling for wait in waits)
        assert len(set(waits)) > 1  # jitter: not all the same


def test_mark_read(world):
    first, second = (
        Notification.objects.create(recipient=world.secretariat, subject=s, body="b") for s in ("one", "two")
    )
    assert services.mark_read(person=world.secretariat, notification_ids=[first.pk]) == 1
    assert services.mark_read(person=world.lead_beijing) == 0
    assert services.mark_read(person=world.secretariat) == 1
    assert Notification.objects.filter(recipient=world.secretariat, read_at=None).count() == 0
    assert second
