"""/metrics (common.metrics, reminders.metrics): off by default, never public, exact counts."""

import datetime as dt
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings

from common.metrics import LATENCY, REQUESTS
from reminders import services
from reminders.models import Delivery, SweepRecord
from tests.fixtures.reminders import make_delivery, person_of

TOKEN = "scrape-token-0123456789abcdef-0123456789"
NOW = dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC)
S = Delivery.Status


@pytest.fixture(autouse=True)
def no_counts_yet():
    """The counters live in this process for the whole run: each test starts them from nothing."""
    REQUESTS.clear()
    LATENCY.clear()
    yield
    REQUESTS.clear()
    LATENCY.clear()


@pytest.fixture
def metrics_on(settings):
    settings.METRICS_TOKEN = TOKEN
    settings.PROMETHEUS_MULTIPROC_DIR = ""


def scrape(client, token: str = TOKEN) -> list[str]:
    response = client.get("/metrics", headers={"authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain; version=")
    return [line for line in response.content.decode().splitlines() if not line.startswith("#")]


def samples(lines: list[str], prefix: str) -> list[str]:
    return sorted(line for line in lines if line.startswith(prefix))


def test_metrics_are_not_found_and_nothing_is_counted_while_no_token_is_set(client, db, settings):
    settings.METRICS_TOKEN = ""
    client.get("/healthz")

    response = client.get("/metrics", headers={"authorization": "Bearer "})

    assert response.status_code == 404
    assert list(REQUESTS.collect()[0].samples) == []


@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer ", "Bearer wrong-token", f"Basic {TOKEN}", f"Bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}", TOKEN],
)
def test_metrics_refuse_any_other_authorization(client, db, metrics_on, authorization):
    client.get("/healthz")
    headers = {"authorization": authorization} if authorization is not None else {}

    response = client.get("/metrics", headers=headers)

    assert (response.status_code, response["WWW-Authenticate"], response.content) == (
        401,
        'Bearer realm="metrics"',
        b"",
    )


def test_requests_are_counted_by_view_method_and_status_class_never_by_path(client, db, metrics_on, economy):
    client.get("/healthz")
    client.get("/healthz")
    client.post("/healthz")  # 405
    client.get("/accounts/login/")
    client.get(f"/exchanges/{economy.exchanges.order_by('pk').first().pk}/")  # to the sign-in page
    client.get("/exchanges/99999999/?name=Kim+Ji-young")
    client.get("/no-such-page/kim-ji-young/")
    client.generic("PROPFIND", "/healthz")

    lines = scrape(client)

    assert samples(lines, "council_desk_http_requests_total") == [
        'council_desk_http_requests_total{method="GET",status="2xx",view="healthz"} 2.0',
        'council_desk_http_requests_total{method="GET",status="2xx",view="login"} 1.0',
        'council_desk_http_requests_total{method="GET",status="3xx",view="teams:exchange-detail"} 2.0',
        'council_desk_http_requests_total{method="GET",status="4xx",view="unresolved"} 1.0',
        'council_desk_http_requests_total{method="POST",status="4xx",view="healthz"} 1.0',
        'council_desk_http_requests_total{method="other",status="4xx",view="healthz"} 1.0',
    ]
    assert samples(lines, "council_desk_http_request_duration_seconds_count") == [
        'council_desk_http_request_duration_seconds_count{method="GET",view="healthz"} 2.0',
        'council_desk_http_request_duration_seconds_count{method="GET",view="login"} 1.0',
        'council_desk_http_request_duration_seconds_count{method="GET",view="teams:exchange-detail"} 2.0',
        'council_desk_http_request_duration_seconds_count{method="GET",view="unresolved"} 1.0',
        'council_desk_http_request_duration_seconds_count{method="POST",view="healthz"} 1.0',
        'council_desk_http_request_duration_seconds_count{method="other",view="healthz"} 1.0',
    ]
    body = "\n".join(lines)
    assert "99999999" not in body and "kim" not in body.lower() and "no-such-page" not in body


def a_row(status: str, due_at: dt.datetime, claimed_at: dt.datetime | None = None) -> Delivery:
    kim = person_of("secretariat-seoul")
    target = kim.council.assemblies.order_by("pk").first()
    rule = kim.council.reminder_rules.get(kind="assembly")
    offset = -400 - Delivery.objects.count()
    return make_delivery(rule, target, kim, due_at=due_at, status=status, claimed_at=claimed_at, offset=offset)


@pytest.fixture
def queue(db, time_machine):
    """No deliveries but the test's, the clock at NOW, the last sweep 30 s before."""
    time_machine.move_to(NOW, tick=False)
    Delivery.objects.all().delete()
    SweepRecord.objects.all().delete()
    services.record_sweep(now=NOW - dt.timedelta(seconds=30))


def test_the_reminders_queue_is_read_at_each_scrape(client, metrics_on, queue):
    a_row(S.DUE, NOW - dt.timedelta(minutes=2))  # not claimed by the last sweep: waits since it, 30 s
    a_row(S.DUE, NOW + dt.timedelta(hours=1))  # not due yet
    a_row(S.QUEUED, NOW - dt.timedelta(hours=1), claimed_at=NOW - dt.timedelta(seconds=50))  # since its claim
    for _ in range(3):
        a_row(S.SENT, NOW - dt.timedelta(days=1))
    a_row(S.FAILED, NOW - dt.timedelta(days=1))

    lines = scrape(client)

    assert samples(lines, "council_desk_reminder") == [
        'council_desk_reminder_deliveries{status="due"} 2.0',
        'council_desk_reminder_deliveries{status="failed"} 1.0',
        'council_desk_reminder_deliveries{status="queued"} 1.0',
        'council_desk_reminder_deliveries{status="sent"} 3.0',
        "council_desk_reminder_lag_seconds 50.0",
        "council_desk_reminder_sweep_age_seconds 30.0",
    ]


def test_an_empty_queue_has_no_lag(client, metrics_on, queue):
    assert samples(scrape(client), "council_desk_reminder") == [
        'council_desk_reminder_deliveries{status="due"} 0.0',
        'council_desk_reminder_deliveries{status="failed"} 0.0',
        'council_desk_reminder_deliveries{status="queued"} 0.0',
        'council_desk_reminder_deliveries{status="sent"} 0.0',
        "council_desk_reminder_lag_seconds 0.0",
        "council_desk_reminder_sweep_age_seconds 30.0",
    ]


@pytest.mark.parametrize("rows", [1, 3])
def test_a_scrape_costs_the_same_queries_however_many_deliveries(
    client, metrics_on, queue, rows, django_assert_num_queries
):
    for n in range(rows):
        a_row(list(S)[n % 4], NOW - dt.timedelta(minutes=n))

    # the sweep's row; every delivery grouped by status
    with django_assert_num_queries(2):
        scrape(client)


COUNT_REQUESTS = """
import sys
import django
django.setup()
from django.test import Client
for _ in range(int(sys.argv[1])):
    assert Client(HTTP_HOST="localhost").get("/metrics").status_code == 401  # needs no database
"""


def test_every_processs_requests_are_added_up_in_multiprocess_mode(client, db, settings, tmp_path):
    """Two processes, as two gunicorn workers, each counting in PROMETHEUS_MULTIPROC_DIR; a third (this
    one) scrapes: the counts add up."""
    env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_test", "METRICS_TOKEN": TOKEN,
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path),
    }  # fmt: skip
    for count in (3, 4):
        subprocess.run(
            [sys.executable, "-c", COUNT_REQUESTS, str(count)], cwd=django_settings.BASE_DIR, env=env, check=True
        )
    settings.METRICS_TOKEN, settings.PROMETHEUS_MULTIPROC_DIR = TOKEN, str(tmp_path)

    lines = scrape(client)

    assert len(list(tmp_path.glob("*.db"))) == 4  # a counter's and a histogram's file per process
    assert samples(lines, "council_desk_http_requests_total") == [
        'council_desk_http_requests_total{method="GET",status="4xx",view="metrics"} 7.0'
    ]
    assert samples(lines, "council_desk_http_request_duration_seconds_count") == [
        'council_desk_http_request_duration_seconds_count{method="GET",view="metrics"} 7.0'
    ]
    assert "council_desk_reminder_lag_seconds" in "\n".join(lines)  # the apps' collectors too


def test_a_short_token_stops_every_process_at_startup():
    clean = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=django_settings.BASE_DIR, capture_output=True, text=True,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1", "METRICS_TOKEN": "x" * 31},
    )  # fmt: skip

    assert result.returncode == 1
    assert "METRICS_TOKEN must be 32 or more random characters (or unset: no metrics)." in result.stderr
