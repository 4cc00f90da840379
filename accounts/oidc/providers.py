"""The configured providers (settings.OIDC_PROVIDERS, read from the environment by config/oidc.py)."""

from dataclasses import dataclass

from django.conf import settings
from mozilla_django_oidc.utils import import_from_settings

# The session keys of a sign-in through a provider: which provider, and the pending sign-ins' states.
PROVIDER_KEY = "oidc_provider"
STATES_KEY = "oidc_states"  # mozilla-django-oidc's: state → nonce, PKCE verifier (and here the provider)
EXPIRATION_KEY = "oidc_id_token_expiration"  # mozilla-django-oidc's: when the next recheck is due


@dataclass(frozen=True)
class Provider:
    name: str
    city_code: str
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    jwks_endpoint: str
    client_id: str
    client_secret: str
    scopes: str
    employee_id_claim: str
    sign_algo: str

    def setting(self, attr: str, *default):
        """What mozilla-django-oidc reads from the settings, for this provider."""
        own = {
            "OIDC_OP_AUTHORIZATION_ENDPOINT": self.authorization_endpoint,
            "OIDC_OP_TOKEN_ENDPOINT": self.token_endpoint,
            "OIDC_OP_USER_ENDPOINT": self.userinfo_endpoint,
            "OIDC_OP_JWKS_ENDPOINT": self.jwks_endpoint,
            "OIDC_RP_CLIENT_ID": self.client_id,
            "OIDC_RP_CLIENT_SECRET": self.client_secret,
            "OIDC_RP_SIGN_ALGO": self.sign_algo,
            "OIDC_RP_SCOPES": self.scopes,
            "OIDC_RP_IDP_SIGN_KEY": None,  # the provider's keys, from its JWKS endpoint
            "OIDC_USE_PKCE": True,
            "OIDC_USE_NONCE": True,
            "OIDC_ALLOW_UNSECURED_JWT": False,
            "OIDC_TOKEN_USE_BASIC_AUTH": True,  # client_secret_basic: every provider must accept it
            "OIDC_STORE_ACCESS_TOKEN": False,
            "OIDC_STORE_ID_TOKEN": False,
        }
        if attr in own:
            return own[attr]
        return import_from_settings(attr, *default)


def configured() -> list[Provider]:
    return [Provider(name=name, **values) for name, values in settings.OIDC_PROVIDERS.items()]


def named(name: str | None) -> Provider | None:
    values = settings.OIDC_PROVIDERS.get(name) if name else None
    return Provider(name=name, **values) if values else None
