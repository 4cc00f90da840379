import os

from django.conf import settings
from django.db import ProgrammingError
from django.test import override_settings

from common import health


def test_health_reports_database_and_broker(client, db):
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (
        200,
        {"database": "ok", "broker": "ok", "reminders": "ok", "status": "ok"},
    )


def test_ci_checks_the_real_redis_broker():
    """In CI the suite runs against the production shape; a missing service fails, it never skips."""
    if os.environ.get("CI") == "true":
        assert settings.CELERY_BROKER_URL.startswith("redis://")
        assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    else:
        assert (os.environ.get("REDIS_URL") or "filesystem://") == settings.CELERY_BROKER_URL


@override_settings(CELERY_BROKER_URL="redis://127.0.0.1:9/0", CELERY_BROKER_TRANSPORT_OPTIONS={})
def test_health_is_503_when_the_broker_does_not_answer(client, db):
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (
        503,
        {"database": "ok", "broker": "unavailable", "reminders": "ok", "status": "unavailable"},
    )


def test_a_part_whose_check_breaks_is_503_with_the_error_type_never_a_500(client, db):
    def broken() -> str | None:
        raise ProgrammingError('relation "reminders_sweeprecord" does not exist')

    parts = health.registered()
    health.register("reminders", broken)
    try:
        response = client.get("/healthz")
    finally:
        health.register("reminders", parts["reminders"])

    assert (response.status_code, response.json()) == (
        503,
        {"database": "ok", "broker": "ok", "reminders": "check failed: ProgrammingError", "status": "unavailable"},
    )
    assert client.get("/healthz").status_code == 200
