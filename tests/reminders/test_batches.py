"""A batch of rows in one task (reminders.deliver_batch), in the test process: each row's outcome is its own.

The worker, Redis and a real SMTP server are in test_worker_batches; here the mail backend stands in
for the server (the process edge), and only errors that need no retry are scripted, since a retry is
a task sent to the broker.
"""

import pytest
from django.core import mail
from django.utils import timezone

from reminders import tasks
from reminders.models import Delivery, ReminderRule
from tests.factories import PersonFactory
from tests.fixtures.reminders import make_delivery
from tests.reminders.backends import ScriptedBackend, refused

S = Delivery.Status


@pytest.fixture
def queued(next_assembly):
    """Three claimed e-mails about the assembly, in due order."""
    rule = ReminderRule.objects.get(council=next_assembly.council, kind="assembly")
    people = [PersonFactory(council=next_assembly.council, email=f"batch-{n}@example.org") for n in range(3)]
    now = timezone.now()
    return [
        make_delivery(rule, next_assembly, person, status=S.QUEUED, claimed_at=now, offset=-400 - n)
        for n, person in enumerate(people)
    ]


def outcomes(rows: list[Delivery]) -> list[tuple[str, int, str]]:
    found = Delivery.objects.in_bulk([row.pk for row in rows])
    return [(found[row.pk].status, found[row.pk].attempts, found[row.pk].last_error) for row in rows]


def test_a_batch_sends_each_queued_row_once_and_skips_the_others(queued):
    Delivery.objects.filter(pk=queued[1].pk).update(status=S.SENT, attempts=1)

    tasks.deliver_batch.apply(args=([row.pk for row in queued],))
    tasks.deliver_batch.apply(args=([row.pk for row in queued],))  # taken again: nothing more is sent

    assert outcomes(queued) == [(S.SENT, 1, ""), (S.SENT, 1, ""), (S.SENT, 1, "")]
    assert [message.to for message in mail.outbox] == [["batch-0@example.org"], ["batch-2@example.org"]]


def test_a_refused_row_fails_and_the_batch_goes_on(queued, settings):
    settings.EMAIL_BACKEND = "tests.reminders.backends.ScriptedBackend"
    ScriptedBackend.errors = [refused(550)]

    tasks.deliver_batch.apply(args=([row.pk for row in queued],))

    first, *others = outcomes(queued)
    assert (first[0], first[1], first[2].startswith("SMTPRecipientsRefused: {'x@example.org': (550")) == (
        S.FAILED, 1, True,
    )  # fmt: skip
    assert others == [(S.SENT, 1, ""), (S.SENT, 1, "")]
    assert [message.to for message in mail.outbox] == [["batch-1@example.org"], ["batch-2@example.org"]]


def test_a_row_that_breaks_fails_with_its_error_and_the_batch_goes_on(queued, next_assembly):
    broken = ReminderRule.objects.create(council=next_assembly.council, kind="no_such_kind", days=[1])
    Delivery.objects.filter(pk=queued[0].pk).update(rule=broken)

    tasks.deliver_batch.apply(args=([row.pk for row in queued],))

    assert outcomes(queued) == [(S.FAILED, 1, "KeyError: 'no_such_kind'"), (S.SENT, 1, ""), (S.SENT, 1, "")]
    assert len(mail.outbox) == 2
