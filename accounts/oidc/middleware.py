"""A person signed in through a provider is asked about again: on their first page (a GET) after every
OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS the browser goes to the provider with prompt=none and comes back
to the callback, which signs them out if the provider no longer signs them in (mozilla-django-oidc's
SessionRefresh, for the provider the session signed in with)."""

from django.contrib import auth, messages
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.middleware import SessionRefresh

from accounts.oidc import providers
from accounts.oidc.providers import PROVIDER_KEY, Provider
from accounts.oidc.views import remember_provider


class RecheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = request.session.get(PROVIDER_KEY) if request.user.is_authenticated else None
        if name is not None:
            provider = providers.named(name)
            if provider is None:  # no longer configured: no one can say the person may stay
                auth.logout(request)
                messages.info(request, _("Your city's sign-in service has changed. Please sign in again."))
            else:
                to_provider = _Recheck(provider, self.get_response).process_request(request)
                if to_provider is not None:
                    return remember_provider(request, to_provider, provider)
        return self.get_response(request)


class _Recheck(SessionRefresh):
    """The library's middleware, made for one request and one provider."""

    def __init__(self, provider: Provider, get_response):
        self.provider = provider
        super().__init__(get_response)

    def get_settings(self, attr, *args):
        return self.provider.setting(attr, *args)

    @property
    def exempt_urls(self):
        return {reverse("oidc_authentication_callback"), reverse("logout"), reverse("set_language")}

    exempt_url_patterns = frozenset()
