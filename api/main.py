"""The read API, /api/v1/: JSON for the cities' other systems, with an OpenAPI 3 schema at
/api/v1/schema/ and its browsable documentation at /api/v1/docs/ (django-ninja).

Every route reads with the token's person's rights (api.auth), says its texts in the language of
Accept-Language as the pages would, and answers an error as a problem document (api.problems).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, Throttled, ValidationError

from api.auth import PerToken, TokenAuth
from api.pages import BadRequest
from api.problems import problem
from api.routes import assemblies, dashboard, exchanges, plans, secretariat, structure
from common.views import Refused

api = NinjaAPI(
    title="Council Desk",
    version="1",
    description=gettext_lazy("Read-only: the council's exchanges, plans, assemblies and figures, in your language."),
    urls_namespace="api-v1",
    docs_url="/docs/",
    openapi_url="/schema/",
    auth=TokenAuth(),
    throttle=[PerToken()],
)
for module in (structure, exchanges, plans, assemblies, dashboard, secretariat):
    api.add_router("/", module.router)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return problem(request, 401, _("Send a live token of your profile page as “Authorization: Bearer …”."))


@api.exception_handler(PermissionDenied)
def _refused(request, exc):
    return problem(request, 403, str(exc) if isinstance(exc, Refused) else "")


@api.exception_handler(Http404)
def _not_found(request, exc):
    return problem(request, 404)


@api.exception_handler(Throttled)
def _throttled(request, exc):
    response = problem(request, 429)
    if exc.wait:
        response["Retry-After"] = str(int(exc.wait) + 1)
    return response


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        name = str(error.get("loc", ["", "?"])[-1])
        errors.setdefault(name, []).append(_("Enter a valid value."))
    return problem(request, 400, _("Check the parameters: %(names)s.") % {"names": ", ".join(errors)}, errors=errors)


@api.exception_handler(BadRequest)
def _bad_request(request, exc):
    return problem(request, 400, str(exc))
