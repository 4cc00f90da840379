"""The authentication backend of a sign-in through a city's provider: the code for tokens, the ID
token checked, the claims linked to a person (accounts.linking)."""

import jwt
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import absolutify

from accounts.linking import Claims, link
from accounts.oidc.providers import Provider

# Seconds of difference between the provider's clock and ours that an ID token's times may show.
CLOCK_LEEWAY = 60


class CityProviderBackend(OIDCAuthenticationBackend):
    """Authenticates only when called with a provider (accounts.oidc.views.callback): a password
    sign-in passes through it untouched. Raises accounts.linking.NotLinked for a person not entered
    here, SuspiciousOperation for a token that fails a check, requests' errors for a provider that
    does not answer: the callback tells each apart."""

    def __init__(self, *args, **kwargs):
        # The library reads one provider's settings here; ours come with each sign-in (authenticate).
        self.UserModel = get_user_model()

    # The session's user, as for a password sign-in: none if the account was made inactive meanwhile
    # (the library's own get_user would not ask).
    get_user = ModelBackend.get_user

    def get_settings(self, attr, *args):
        return self.provider.setting(attr, *args)

    def authenticate(self, request, oidc_provider: Provider | None = None, nonce=None, code_verifier=None, **kw):
        if request is None or oidc_provider is None:
            return None
        self.request, self.provider = request, oidc_provider
        self.OIDC_OP_TOKEN_ENDPOINT = oidc_provider.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = oidc_provider.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = oidc_provider.jwks_endpoint
        self.OIDC_RP_CLIENT_ID = oidc_provider.client_id
        self.OIDC_RP_CLIENT_SECRET = oidc_provider.client_secret
        self.OIDC_RP_SIGN_ALGO = oidc_provider.sign_algo
        self.OIDC_RP_IDP_SIGN_KEY = None
        tokens = self.get_token(
            {
                "client_id": oidc_provider.client_id,
                "client_secret": oidc_provider.client_secret,
                "grant_type": "authorization_code",
                "code": request.GET.get("code", ""),
                "redirect_uri": absolutify(request, reverse("oidc_authentication_callback")),
                "code_verifier": code_verifier,
            }
        )
        payload = self.verify_token(tokens.get("id_token") or "", nonce=nonce)
        userinfo = self.get_userinfo(tokens.get("access_token") or "", None, payload)
        if userinfo.get("sub") != payload["sub"]:  # OpenID Connect Core 5.3.2: the same person, or no one
            raise SuspiciousOperation("the user info is of another subject than the ID token")
        return link(self.claims(payload, userinfo))

    def verify_token(self, token, nonce=None, **kwargs):
        """The ID token: signed by the provider's key, for this client, by this issuer, not expired,
        and answering this sign-in's nonce. (The library checks the signature and nonce only.)"""
        try:
            key = self.retrieve_matching_jwk(token)
            payload = jwt.decode(
                token,
                key,
                algorithms=[self.provider.sign_algo],
                audience=self.provider.client_id,
                issuer=self.provider.issuer,
                leeway=CLOCK_LEEWAY,
                options={"require": ["iss", "aud", "exp", "iat", "sub"]},
            )
        except jwt.PyJWTError as error:  # malformed, or a check failed: the message says which
            raise SuspiciousOperation(f"ID token refused: {error}") from error
        if (
            isinstance(payload["aud"], list)
            and len(payload["aud"]) > 1
            and payload.get("azp") != self.provider.client_id
        ):
            raise SuspiciousOperation("ID token refused: issued to another party as well, not authorized for us")
        if nonce is None or payload.get("nonce") != nonce:
            raise SuspiciousOperation("ID token refused: its nonce is not this sign-in's")
        return payload

    def claims(self, payload: dict, userinfo: dict) -> Claims:
        """What linking needs, from the user info (the ID token may carry less)."""
        found = {**payload, **userinfo}
        return Claims(
            service=self.provider.name,
            city_code=self.provider.city_code,
            subject=str(payload["sub"]),
            email=str(found.get("email") or ""),
            # Some providers send "true" as a string; anything else is not a verified address.
            email_verified=found.get("email_verified") in (True, "true"),
            employee_id=str(found.get(self.provider.employee_id_claim) or ""),
        )
