"""Sign-in through a city's provider: the start (to the provider) and the callback (back from it)."""

import logging
from urllib.parse import parse_qs, urlsplit

import requests
from django.conf import settings
from django.contrib import auth, messages
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from accounts import signin
from accounts.linking import NotLinked
from accounts.oidc import providers
from accounts.oidc.backend import CityProviderBackend
from accounts.oidc.providers import EXPIRATION_KEY, PROVIDER_KEY, STATES_KEY, Provider

log = logging.getLogger("accounts.oidc")

BACKEND = "accounts.oidc.backend.CityProviderBackend"


class Start(OIDCAuthenticationRequestView):
    """To the provider's sign-in page, with a new state, nonce and PKCE challenge (the library's)."""

    def __init__(self, **kwargs):  # the library reads one provider's settings here; ours is in the URL
        super(OIDCAuthenticationRequestView, self).__init__(**kwargs)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.provider = providers.named(kwargs["name"])
        if self.provider is None:
            raise Http404
        self.OIDC_OP_AUTH_ENDPOINT = self.provider.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = self.provider.client_id

    def get_settings(self, attr, *args):
        return self.provider.setting(attr, *args)

    def get(self, request, name):
        return remember_provider(request, super().get(request), self.provider)


start = never_cache(Start.as_view())


def remember_provider(request: HttpRequest, to_provider: HttpResponse, provider: Provider) -> HttpResponse:
    """The state sent to the provider says, when it comes back, whose sign-in it was."""
    url = to_provider.get("Location") or to_provider["refresh_url"]  # refresh_url: the recheck of a script's request
    state = parse_qs(urlsplit(url).query)["state"][0]
    request.session[STATES_KEY][state]["provider"] = provider.name
    request.session.modified = True
    return to_provider


@never_cache
@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    """Back from a provider: a sign-in, a recheck of a signed-in person, or a refusal."""
    pending = _take_state(request)
    provider = providers.named(pending.get("provider")) if pending else None
    if provider is None:  # no sign-in of this session's: nothing changes (a link elsewhere signs no one out)
        log.warning("sign-in callback with an unknown or used state")
        messages.error(request, _("This sign-in has expired or was used already. Please sign in again."))
        return redirect("login")
    if "error" in request.GET:
        return _provider_said_no(request, provider)
    if request.GET.get("iss", provider.issuer) != provider.issuer:  # RFC 9207: an answer of another provider's
        log.warning("sign-in through %s answered by issuer %r", provider.name, request.GET["iss"][:200])
        return _refused(request, _("Your city's sign-in service could not sign you in. Please try again."))
    try:
        user = CityProviderBackend().authenticate(
            request, oidc_provider=provider, nonce=pending.get("nonce"), code_verifier=pending.get("code_verifier")
        )
    except NotLinked as refusal:  # logged by accounts.linking
        return _refused(request, refusal.message)
    except (SuspiciousOperation, requests.RequestException, ValueError, KeyError, TypeError) as error:
        log.warning("sign-in through %s refused: %s: %s", provider.name, type(error).__name__, error)
        return _refused(request, _("Your city's sign-in service could not sign you in. Please try again."))
    _signed_in(request, user, provider)
    return redirect(request.session.pop("oidc_login_next", None) or resolve_url(settings.LOGIN_REDIRECT_URL))


def _take_state(request: HttpRequest) -> dict | None:
    """This sign-in's state, nonce and verifier, removed from the session first: a state works once."""
    states = request.session.get(STATES_KEY)
    pending = states.pop(request.GET.get("state", ""), None) if isinstance(states, dict) else None
    if pending is not None:
        request.session.modified = True
        request.session.save()
    return pending


def _signed_in(request: HttpRequest, user, provider: Provider) -> None:
    """A recheck of the same person keeps the session as it is (its clock, its CSRF token)."""
    if request.user != user:
        auth.login(request, user, backend=BACKEND)
    request.session[PROVIDER_KEY] = provider.name
    signin.second_factor_elsewhere(request.session)
    request.session[EXPIRATION_KEY] = timezone.now().timestamp() + settings.OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS


def _provider_said_no(request: HttpRequest, provider: Provider) -> HttpResponse:
    """An error from the provider: at a recheck (prompt=none) the person's account no longer signs in
    there (disabled, or signed out there); at a sign-in, they cancelled or were refused."""
    error = request.GET.get("error", "")[:100]
    if request.user.is_authenticated and request.session.get(PROVIDER_KEY) == provider.name:
        log.warning("%s no longer signs in user %s (%r): signed out", provider.name, request.user.pk, error)
        return _refused(request, _("Your city's account no longer signs you in here. Please sign in again."))
    log.info("sign-in through %s refused by the provider: %r", provider.name, error)
    messages.error(request, _("Your city's sign-in service did not sign you in."))
    return redirect("login")


def _refused(request: HttpRequest, message) -> HttpResponse:
    if request.user.is_authenticated:
        auth.logout(request)
    messages.error(request, message)
    return redirect("login")
