"""Sign-in with a city's OpenID Connect provider, through mozilla-django-oidc.

The library speaks to one provider from global settings; Council Desk has one per city
(settings.OIDC_PROVIDERS), so each piece of it used here reads its provider's settings instead:
the start of a sign-in (views.start, authorization code flow with PKCE, state and nonce), the token
and its checks (backend.CityProviderBackend, which also checks audience, issuer and expiry), and the
silent recheck of a signed-in person (middleware.RecheckMiddleware, prompt=none). One callback
address serves every provider: the state a sign-in started with says whose it is.

The claims go to accounts.linking.link: a person the secretariat entered, or a refusal.
"""
