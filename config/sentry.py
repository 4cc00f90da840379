"""Error reporting to Sentry or GlitchTip (self-hosted or not), when SENTRY_DSN is set.

Unhandled errors of requests (Django) and tasks (Celery) are sent with their traceback, without
anything personal: no request body (letters, passwords, tokens: every form value), no cookies, only a
few harmless headers, the calendar token masked in addresses and messages, no local variables of the
frames (they hold letters and names), and of the person only the id. Performance tracing is off unless
SENTRY_TRACES_SAMPLE_RATE is above 0.
"""

from common.masking import mask_tokens
from common.request_context import current

# Request headers kept in an event: none carries a credential, a cookie or an address.
KEPT_HEADERS = {"accept", "accept-language", "content-length", "content-type", "host", "referer", "user-agent"}


def init_from_env(env) -> None:
    """From config/settings.py: nothing unless SENTRY_DSN is set."""
    dsn = env.str("SENTRY_DSN", default="")
    if dsn:
        configure(
            dsn=dsn,
            environment=env.str("SENTRY_ENVIRONMENT", default="") or None,
            release=env.str("SENTRY_RELEASE", default="") or None,
            traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        )


def configure(*, dsn: str, environment: str | None, release: str | None, traces_sample_rate: float = 0.0):
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    return sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        traces_sample_rate=traces_sample_rate or None,
        before_send=scrub,
        before_send_transaction=scrub,
        before_breadcrumb=scrub_breadcrumb,
    )


def scrub(event: dict, hint: dict | None = None) -> dict | None:
    if str(event.get("logger", "")).startswith("django.security."):
        return None  # a client's bad request (another host name, a malformed upload): answered 400
    if request := event.get("request"):
        _scrub_request(request)
    context = current()
    event["user"] = {"id": str(context.user_id)} if context and context.user_id else {}
    if context:
        event.setdefault("tags", {})["request_id"] = context.request_id
    for exception in (event.get("exception") or {}).get("values") or []:
        if isinstance(exception.get("value"), str):
            exception["value"] = mask_tokens(exception["value"])
    for key in ("message", "formatted"):
        if isinstance((event.get("logentry") or {}).get(key), str):
            event["logentry"][key] = mask_tokens(event["logentry"][key])
    if isinstance(event.get("message"), str):
        event["message"] = mask_tokens(event["message"])
    for breadcrumb in (event.get("breadcrumbs") or {}).get("values") or []:
        scrub_breadcrumb(breadcrumb)
    return event


def _scrub_request(request: dict) -> None:
    for key in ("data", "cookies", "env"):
        request.pop(key, None)
    headers = request.get("headers") or {}
    request["headers"] = {
        name: mask_tokens(value) if isinstance(value, str) else value  # a Referer may be the feed's address
        for name, value in headers.items()
        if name.lower() in KEPT_HEADERS
    }
    for key in ("url", "query_string"):
        if isinstance(request.get(key), str):
            request[key] = mask_tokens(request[key])


def scrub_breadcrumb(breadcrumb: dict, hint: dict | None = None) -> dict:
    if isinstance(breadcrumb.get("message"), str):
        breadcrumb["message"] = mask_tokens(breadcrumb["message"])
    data = breadcrumb.get("data") or {}
    breadcrumb["data"] = {key: mask_tokens(value) if isinstance(value, str) else value for key, value in data.items()}
    return breadcrumb
