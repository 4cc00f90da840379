"""A reminder that can never be sent as it stands fails at once, with its reason, before any SMTP session.

The mail server is a real one (bench/smtp_sink.py, in a thread) reached through Django's SMTP
backend: it counts the sessions opened, so "no connection" is seen, not assumed.
"""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from bench.smtp_sink import HOST, Received, SmtpSink
from council.models import Person
from reminders import tasks
from reminders.models import Delivery, ReminderRule
from tests.council.test_person_email import admin_data
from tests.factories import PersonFactory
from tests.fixtures.actions import ActionItemFactory
from tests.fixtures.reminders import make_delivery

S = Delivery.Status
UNSENDABLE = "Enter an e-mail address that mail can be sent to: one address, without spaces or line breaks."
HINT = "The recipient's e-mail address cannot receive mail: correct it, then resend."


@pytest.fixture
def smtp(settings) -> SmtpSink:
    with SmtpSink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = HOST, sink.port
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        yield sink


def queued_to(address: str, assembly) -> Delivery:
    """A claimed e-mail about the assembly to a person whose stored address is `address`, as data written
    before addresses were checked would have it."""
    recipient = PersonFactory(council=assembly.council, email="placeholder@example.org")
    Person.objects.filter(pk=recipient.pk).update(email=address)
    rule = ReminderRule.objects.get(council=assembly.council, kind="assembly")
    return make_delivery(rule, assembly, recipient, status=S.QUEUED, claimed_at=timezone.now())


def outcome(delivery: Delivery) -> tuple:
    delivery.refresh_from_db()
    return delivery.status, delivery.attempts, delivery.last_error, delivery.sent_at


@pytest.mark.parametrize("address", ["two@@example.org", "x@exa mple.org", "lee@example.org\nBcc: all@example.org"])
def test_a_delivery_to_an_address_mail_cannot_reach_fails_at_once_without_a_session(smtp, next_assembly, address):
    row = queued_to(address, next_assembly)

    tasks.deliver.apply(args=(row.pk,))

    assert outcome(row) == (S.FAILED, 1, f"Unsendable address {address!r}: {UNSENDABLE}", None)
    assert (smtp.sessions, smtp.received) == (0, [])


def test_a_header_with_a_line_break_fails_at_once_without_a_session(smtp, settings, next_assembly):
    settings.DEFAULT_FROM_EMAIL = "Council Desk <desk@example.org>\nBcc: all@example.org"
    row = queued_to("lee@example.org", next_assembly)

    tasks.deliver.apply(args=(row.pk,))

    status, attempts, last_error, sent_at = outcome(row)
    assert (status, attempts, sent_at) == (S.FAILED, 1, None)
    assert last_error.startswith("Unsendable message: Header values can't contain newlines")
    assert (smtp.sessions, smtp.received) == (0, [])


def test_line_breaks_in_user_text_are_spaces_in_the_subject(next_assembly):
    owner = PersonFactory(council=next_assembly.council, email="owner@example.org")
    item = ActionItemFactory(owner=owner, title="Call Beijing\r\nBcc: all@example.org\u2028 today ")
    rule = ReminderRule.objects.get(council=next_assembly.council, kind="action_due")
    row = make_delivery(rule, item, owner, status=S.QUEUED, claimed_at=timezone.now())

    tasks.deliver.apply(args=(row.pk,))

    assert outcome(row)[:3] == (S.SENT, 1, "")
    assert [message.subject for message in mail.outbox] == [
        f"Due on {date_format(item.due_on)}: Call Beijing Bcc: all@example.org today"
    ]


def test_the_secretariat_sees_why_fixes_the_address_and_resends(
    smtp, client, demo_user, next_assembly, django_capture_on_commit_callbacks
):
    row = queued_to("two@@example.org", next_assembly)
    tasks.deliver.apply(args=(row.pk,))
    failed_page = reverse("reminders:deliveries") + "?status=failed"
    client.force_login(demo_user("secretariat-seoul"))

    page = client.get(failed_page).content.decode()
    reason = f"Unsendable address &#x27;two@@example.org&#x27;: {UNSENDABLE}"
    assert f'<div class="small text-danger text-break mt-1" data-error>{reason}</div>' in page
    assert HINT in page

    client.force_login(demo_user("admin"))  # people are kept in the admin
    fix = client.post(reverse("admin:council_person_change", args=[row.recipient_id]),
                      admin_data(row.recipient, "lee@example.org"))  # fmt: skip
    assert fix.status_code == 302
    client.force_login(demo_user("secretariat-seoul"))
    assert HINT not in client.get(failed_page).content.decode()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("reminders:delivery-resend", args=[row.pk]))
    assert len(callbacks) == 1 and outcome(row)[0] == S.QUEUED
    tasks.deliver.apply(args=(row.pk,))  # what the enqueued task does in a worker

    status, attempts, last_error, sent_at = outcome(row)
    assert (status, attempts, last_error, sent_at is not None) == (S.SENT, 2, "", True)
    assert smtp.received == [Received(f"<reminder-{row.pk}@council-desk>", ("lee@example.org",))]
    assert smtp.sessions == 1


def test_a_failed_row_of_a_reachable_address_shows_no_hint(client, demo_user, failed_delivery):
    client.force_login(demo_user("secretariat-seoul"))
    page = client.get(reverse("reminders:deliveries") + "?status=failed").content.decode()
    assert "SMTPRecipientsRefused: 550 no such user" in page
    assert HINT not in page
