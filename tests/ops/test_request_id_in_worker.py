"""A task queued by a request logs, in the worker, with the request's id: a real worker process (JSON
logs), real Redis and PostgreSQL, the secretariat resending a failed reminder through its page.

Like tests/reminders/test_worker_delivery.py: the worker reads the committed rows of the test database
(PostgreSQL, transactional test) and takes the resend's task from Redis. The resend queues on the
default queue, which the test empties before and after.
"""

import datetime as dt
import json
import time

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from bench.smtp_sink import SmtpSink
from bench.worker_process import WorkerProcess, forget
from reminders.models import Delivery
from reminders.planning import ensure_rules
from tests.concurrency import on_postgresql_and_redis, with_a_worker, worker_env  # noqa: F401 (the fixture)
from tests.factories import CouncilFactory, PersonFactory, RoleFactory
from tests.fixtures.actions import ActionItemFactory

pytestmark = with_a_worker
REQUEST_ID = "resend-0123456789abcdef"


@pytest.fixture
def worker(transactional_db, tmp_path):
    """A worker on the default queue (where the resend's task goes) with LOG_FORMAT=json, sending to a sink."""
    forget("celery", bindings=False)
    with SmtpSink() as sink:
        env = worker_env(sink.url, LOG_FORMAT="json")
        process = WorkerProcess(queue="celery", name="test-request-id", env=env, log_path=tmp_path / "worker.log")
        try:
            yield process.start().wait_ready()
        finally:
            process.kill()
            forget("celery", bindings=False)


def failed_reminder() -> tuple[Delivery, object]:
    """A reminder that failed to go out, and a secretariat member of its council who may resend it."""
    council = CouncilFactory()
    item = ActionItemFactory(
        owner=PersonFactory(council=council, email="owner@example.test"), title="Send the programme"
    )
    rule = next(rule for rule in ensure_rules(council) if rule.kind == "action_due")
    delivery = Delivery.objects.create(
        rule=rule, target=item, offset=-1, recipient=PersonFactory(council=council, email="lee@example.test"),
        channel="email", due_at=timezone.now() - dt.timedelta(hours=1), status=Delivery.Status.FAILED, attempts=6,
    )  # fmt: skip
    user = get_user_model().objects.create_user(username="secretariat-of-the-test")
    RoleFactory(person=PersonFactory(council=council, user=user))
    return delivery, user


def worker_lines(worker: WorkerProcess) -> list[dict]:
    """The worker's JSON lines (Celery prints its start-up banner before them, as plain text)."""
    text = worker.log_path.read_text()
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def test_the_workers_lines_for_a_task_carry_the_id_of_the_request_that_queued_it(client, worker, json_logs):
    delivery, user = failed_reminder()
    client.force_login(user)

    response = client.post(
        reverse("reminders:delivery-resend", args=[delivery.pk]), headers={"X-Request-ID": REQUEST_ID}
    )

    assert (response.status_code, response["X-Request-ID"]) == (302, REQUEST_ID)
    [request_line] = [line for line in json_logs() if line["logger"] == "council_desk.request"]
    assert (request_line["request_id"], request_line["user_id"]) == (REQUEST_ID, user.pk)
    deadline = time.monotonic() + 30
    while Delivery.objects.get(pk=delivery.pk).status != Delivery.Status.SENT:
        assert time.monotonic() < deadline, worker.log()
        time.sleep(0.1)
    lines = worker_lines(worker)
    succeeded = [line for line in lines if " succeeded in " in line["message"]]
    assert [(line["logger"], line["request_id"]) for line in succeeded] == [("celery.app.trace", REQUEST_ID)]
    assert succeeded[0]["message"].startswith("Task reminders.deliver[")
    assert all({"time", "level", "logger", "message"} <= set(line) for line in lines)
    # Lines of the worker that belong to no request (start-up, receiving) carry no id.
    assert [line for line in lines if line.get("request_id") not in (None, REQUEST_ID)] == []
