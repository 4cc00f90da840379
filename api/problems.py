"""Errors as problem documents (RFC 9457): `application/problem+json` with a title, the status and,
where the pages give one, the same message as the page would, in the reader's language."""

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _

TITLES = {
    400: lambda: _("The request is not valid."),
    401: lambda: _("A valid API token is needed."),
    403: lambda: _("You may not read this."),
    404: lambda: _("Not found."),
    406: lambda: _("None of the languages asked for is spoken here; these are:"),
    429: lambda: _("Too many requests: wait a moment and try again."),
}


def problem(request: HttpRequest, status: int, detail: str = "", **extra) -> JsonResponse:
    body = {"type": "about:blank", "title": TITLES[status](), "status": status, "instance": request.path}
    if detail:
        body["detail"] = detail
    body.update(extra)
    response = JsonResponse(body, status=status, content_type="application/problem+json")
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="council-desk"'
    return response


def refused(request: HttpRequest, errors: dict[str, list[str]]) -> JsonResponse:
    """400 for parameters the page's filter form refuses, with its messages, per parameter too."""
    detail = " ".join(message for messages in errors.values() for message in messages)
    return problem(request, 400, detail, errors=errors)
