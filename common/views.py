"""The health check every deployment shares (load balancers, monitoring); it knows no project app."""

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any driver error means "not reachable"; the JSON says which part failed
        return False


def _broker_ok() -> bool:
    try:
        with Connection(
            settings.CELERY_BROKER_URL, transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS, connect_timeout=2
        ) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            return True
    except Exception:
        return False


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: no sign-in, no data, only whether the parts answer."""
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    body = {name: "ok" if ok else "unavailable" for name, ok in checks.items()}
    body["status"] = "ok" if all(checks.values()) else "unavailable"
    return JsonResponse(body, status=200 if all(checks.values()) else 503)
