"""The sign-in services' names, in OIDC_PROVIDERS and LDAP_DIRECTORIES, are checked the same way."""

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured

from config import ldap_env, oidc


@pytest.mark.parametrize(
    ("variable", "read"), [("OIDC_PROVIDERS", oidc.oidc_providers_from_env), ("LDAP_DIRECTORIES", ldap_env.directories)]
)
@pytest.mark.parametrize("bad", ["Seoul", "1seoul", "seoul-city", "x" * 32])
def test_a_name_that_cannot_make_variable_names_stops_the_start(monkeypatch, variable, read, bad):
    monkeypatch.setenv(variable, f"beijing_2,{bad}")

    with pytest.raises(ImproperlyConfigured) as refused:
        read(environ.Env())

    assert str(refused.value) == f"{variable}: {bad!r} is not a name of lowercase letters, digits and _."


@pytest.mark.parametrize("read", [oidc.oidc_providers_from_env, ldap_env.directories])
def test_none_named_none_read(monkeypatch, read):
    monkeypatch.delenv("OIDC_PROVIDERS", raising=False)
    monkeypatch.delenv("LDAP_DIRECTORIES", raising=False)

    assert read(environ.Env()) == {}
