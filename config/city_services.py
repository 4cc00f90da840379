"""The cities' sign-in services, named in one variable (OIDC_PROVIDERS, LDAP_DIRECTORIES: "seoul,beijing")
and each set by variables of its own, OIDC_SEOUL_… or LDAP_SEOUL_… (config/oidc.py, config/ldap_env.py)."""

import re

from django.core.exceptions import ImproperlyConfigured

NAME = re.compile(r"[a-z][a-z0-9_]{0,30}")  # it becomes part of variable names and of usernames


def service_names(env, variable: str) -> list[str]:
    names = env.list(variable, default=[])
    for name in names:
        if not NAME.fullmatch(name):
            raise ImproperlyConfigured(f"{variable}: {name!r} is not a name of lowercase letters, digits and _.")
    return names
