"""What every app's pages share and no app owns: the health check (load balancers, monitoring) and the
refusal page. It knows no project app."""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection

from common import health

logger = logging.getLogger(__name__)


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


def _registered_parts(database_ok: bool) -> dict[str, str]:
    """Each registered part's "ok" or reason; without the database none can tell (they read it)."""
    if not database_ok:
        return dict.fromkeys(health.registered(), "not checked: the database is unavailable")
    return {name: _run(name, check) for name, check in health.registered().items()}


def _run(name: str, check: health.Check) -> str:
    try:
        return check() or "ok"
    except Exception as error:  # a check that breaks (its table not migrated yet) is a 503, never a 500
        logger.exception("The health check of %s failed", name)
        return f"check failed: {type(error).__name__}"


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: no sign-in, no personal data, only whether the parts work —
    the database and the broker answer, and each registered part (the reminders) says it is "ok" or why
    not."""
    database_ok = _database_ok()
    body = {"database": "ok" if database_ok else "unavailable", "broker": "ok" if _broker_ok() else "unavailable"}
    body.update(_registered_parts(database_ok))
    healthy = all(value == "ok" for value in body.values())
    body["status"] = "ok" if healthy else "unavailable"
    return JsonResponse(body, status=200 if healthy else 503)


class Refused(PermissionDenied):
    """A refusal that tells the reader why and what to do instead (its message, in their language),
    rather than only that their role may not open the page."""


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 403 page; its reason only from a Refused, never another exception's (library) text."""
    reason = str(exception) if isinstance(exception, Refused) else ""
    return render(request, "403.html", {"reason": reason}, status=403)


def safe_next(request: HttpRequest) -> str:
    """The `next` address of a form (where to go back to) when it is a path of this site, else ""."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(candidate, allowed_hosts=None):
        return candidate
    return ""
