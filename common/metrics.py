"""Prometheus metrics at /metrics: off unless METRICS_TOKEN is set, and then only for its bearer.

- Each request is counted and timed by the view that answered it (the URL pattern's name, never the
  raw path: a bounded set of label values, and no record's id or a person's name in a label), its
  method (one of a fixed few) and the class of its status (2xx, 4xx…).
- The apps add what a scrape reads from the database (register_collector; the reminders' queue in
  reminders.metrics), so a metric about data is as current as the scrape and costs nothing between.
- Under gunicorn each worker process counts its own requests: with PROMETHEUS_MULTIPROC_DIR set (before
  the process starts: prometheus-client chooses its storage when imported) each writes to files there
  and a scrape adds up every process's (deploy/gunicorn.conf.py clears the folder at start and tells
  prometheus-client when a worker exits).
"""

import hmac
import time
from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector

# No *_created series: the multiprocess collection has none, so a scrape looks the same either way.
disable_created_metrics()

REQUESTS = Counter(
    "council_desk_http_requests", "Requests answered, by view, method and status class.",
    ["view", "method", "status"], registry=None,
)  # fmt: skip
LATENCY = Histogram(
    "council_desk_http_request_duration_seconds", "Seconds from a request's arrival to its response.",
    ["view", "method"], registry=None,
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)  # fmt: skip
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

_collectors: list[Callable[[], object]] = []


def register_collector(make: Callable[[], object]) -> None:
    """Add a collector (made anew by `make` for each scrape) whose collect() yields metric families;
    once, however often an app's ready() runs."""
    if make not in _collectors:
        _collectors.append(make)


def view_label(request: HttpRequest) -> str:
    """The URL pattern's name ("teams:exchange-list"); static files and unknown addresses by kind."""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.view_name
    return "static" if request.path.startswith(settings.STATIC_URL) else "unresolved"


class RequestMetricsMiddleware:
    """Counts and times every request while metrics are on (METRICS_TOKEN set); nothing otherwise."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.METRICS_TOKEN:
            return self.get_response(request)
        started = time.perf_counter()  # a duration, not a moment: the monotonic clock, not timezone.now
        response = self.get_response(request)
        view, method = view_label(request), request.method if request.method in METHODS else "other"
        REQUESTS.labels(view=view, method=method, status=f"{response.status_code // 100}xx").inc()
        LATENCY.labels(view=view, method=method).observe(time.perf_counter() - started)
        return response


def _authorised(request: HttpRequest) -> bool:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    expected = settings.METRICS_TOKEN.encode()
    # Compared in constant time, so that the answer's timing does not tell how much of a guess was right.
    return scheme.lower() == "bearer" and hmac.compare_digest(token.strip().encode(), expected)


def scrape() -> bytes:
    """Every metric in Prometheus' text format: the requests of every process (or of this one without
    PROMETHEUS_MULTIPROC_DIR), then the apps' collectors."""
    registry = CollectorRegistry()  # no auto_describe: each collector is read once a scrape
    if settings.PROMETHEUS_MULTIPROC_DIR:
        MultiProcessCollector(registry, path=settings.PROMETHEUS_MULTIPROC_DIR)
    else:
        registry.register(REQUESTS)
        registry.register(LATENCY)
    for make in _collectors:
        registry.register(make())
    return generate_latest(registry)


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    """For Prometheus only: not found while metrics are off, 401 without the right bearer token."""
    if not settings.METRICS_TOKEN:
        raise Http404
    if not _authorised(request):
        response = HttpResponse(status=401)
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(scrape(), content_type=CONTENT_TYPE_LATEST)
