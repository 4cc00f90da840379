"""Tests of concurrent writers on PostgreSQL, each thread with its own connection.

CI runs the suite on PostgreSQL (DATABASE_URL is set there), so in CI these tests fail rather than
skip when they find another database.
"""

import os
import threading
from collections.abc import Callable

import pytest
from django.conf import settings
from django.db import connection, connections

from bench.worker_process import database_url

IN_CI = os.environ.get("CI") == "true"

postgresql_only = [
    pytest.mark.skipif(
        connection.vendor != "postgresql" and not IN_CI,
        reason="needs PostgreSQL: set DATABASE_URL=postgres://… (SQLite has no concurrent writers to test)",
    ),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("on_postgresql"),  # import the fixture too, next to postgresql_only
]


# Tests with a real Celery worker: PostgreSQL (rows claimed by several processes) and Redis (the broker).
with_a_worker = [
    pytest.mark.skipif(
        (connection.vendor != "postgresql" or not settings.REDIS_URL) and not IN_CI,
        reason="needs PostgreSQL and Redis: set DATABASE_URL=postgres://… and REDIS_URL=redis://…",
    ),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("on_postgresql_and_redis"),  # import the fixture too, next to with_a_worker
]


def worker_env(email_url: str, **extra: str) -> dict[str, str]:
    """The environment of a real worker or beat of these tests: production settings (DEBUG on), this
    test database, Redis, the test's SMTP sink; `extra` adds or replaces variables."""
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "1",
        "DATABASE_URL": database_url(settings.DATABASES["default"]),
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_URL": email_url,
        **extra,
    }


@pytest.fixture
def on_postgresql_and_redis():
    assert connection.vendor == "postgresql", "CI runs the suite on PostgreSQL: DATABASE_URL must point to it"
    assert settings.REDIS_URL, "CI runs the suite with Redis: REDIS_URL must be set"


@pytest.fixture
def on_postgresql():
    assert connection.vendor == "postgresql", "CI runs the suite on PostgreSQL: DATABASE_URL must point to it"


def run_in_threads(*works: Callable[[], object]) -> list:
    """Run each function in a thread of its own, with its own connection; their results, or their errors."""
    results: list = [None] * len(works)

    def run(index: int, work: Callable[[], object]) -> None:
        try:
            results[index] = work()
        except Exception as error:  # noqa: BLE001 - reported by the test's assertions
            results[index] = error
        finally:
            connections.close_all()  # this thread's connections only

    threads = [threading.Thread(target=run, args=(i, work)) for i, work in enumerate(works)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results
