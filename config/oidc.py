"""The cities' OpenID Connect providers, read from the environment (used by config/settings.py).

OIDC_PROVIDERS names them ("seoul,beijing"); each name's OIDC_<NAME>_* variables describe its
provider. A named provider with a variable missing or malformed stops the start-up: a sign-in button
that cannot work is worse than none.
"""

import re

from django.core.exceptions import ImproperlyConfigured

from config.city_services import service_names

# Variable suffix → key in the provider's settings; all required.
REQUIRED = {
    "CITY": "city_code",  # the code of the city whose provider it is (Council Desk's City.code)
    "ISSUER": "issuer",
    "AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "TOKEN_ENDPOINT": "token_endpoint",
    "USERINFO_ENDPOINT": "userinfo_endpoint",
    "JWKS_ENDPOINT": "jwks_endpoint",
    "CLIENT_ID": "client_id",
    "CLIENT_SECRET": "client_secret",
}
OPTIONAL = {
    "SCOPES": ("scopes", "openid email profile"),
    "EMPLOYEE_ID_CLAIM": ("employee_id_claim", "employee_id"),
    "SIGN_ALGO": ("sign_algo", "RS256"),
}
# Plain http only to a provider on this machine (a test's, or one behind a local proxy).
LOOPBACK = re.compile(r"http://(127\.0\.0\.1|localhost|\[::1\])(:[0-9]+)?(/|$)")
URLS = ("issuer", "authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_endpoint")


def oidc_providers_from_env(env) -> dict[str, dict[str, str]]:
    return {name: _provider(env, name) for name in service_names(env, "OIDC_PROVIDERS")}


def _provider(env, name: str) -> dict[str, str]:
    prefix = f"OIDC_{name.upper()}_"
    provider = {}
    for suffix, key in REQUIRED.items():
        provider[key] = env.str(prefix + suffix, default="").strip()
        if not provider[key]:
            raise ImproperlyConfigured(f"{prefix}{suffix} must be set: OIDC_PROVIDERS names {name!r}.")
    for suffix, (key, default) in OPTIONAL.items():
        provider[key] = env.str(prefix + suffix, default=default).strip() or default
    for key in URLS:
        if not (provider[key].startswith("https://") or LOOPBACK.match(provider[key])):
            raise ImproperlyConfigured(f"{prefix}{key.upper()} must be an https:// address.")
    if not provider["sign_algo"].startswith(("RS", "ES", "PS")):
        raise ImproperlyConfigured(f"{prefix}SIGN_ALGO must be an asymmetric algorithm (RS256, ES256, PS256…).")
    if "openid" not in provider["scopes"].split():
        raise ImproperlyConfigured(f"{prefix}SCOPES must include openid.")
    return provider
