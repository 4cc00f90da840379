"""Views every part of the app shares: health and the language switch."""

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language
from kombu import Connection

from council.permissions import access_for


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


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's switch (cookie), and for a signed-in person also their saved preference."""
    response = django_set_language(request)
    language = request.POST.get("language")
    person = access_for(request.user).person
    if person is not None and language in dict(settings.LANGUAGES):
        person.preferred_language = language
        person.save(update_fields=["preferred_language", "updated_at"])
    return response
