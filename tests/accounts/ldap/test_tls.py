"""LDAPS and StartTLS: the directory's certificate is verified, against LDAP_<NAME>_CA_FILE when set."""

import pytest
from django.contrib.auth import SESSION_KEY as USER_SESSION_KEY

from accounts import ldap_signin
from accounts.models import ExternalAccount
from tests.accounts.ldap.conftest import seoul_config
from tests.accounts.ldap.test_sign_in import directory_sign_in, page_says

pytestmark = pytest.mark.django_db


def plain_port(slapd) -> int:
    return int(slapd.url.rsplit(":", 1)[1])


@pytest.mark.parametrize("tls", ["ldaps", "start_tls"])
def test_a_person_signs_in_over_tls_with_the_directorys_ca(client, settings, slapd, directory, seoul_people, tls):
    if tls == "ldaps":
        config = seoul_config(f"ldaps://localhost:{slapd.ldaps_port}", ca_file=slapd.ca_file)
    else:
        config = seoul_config(f"ldap://localhost:{plain_port(slapd)}", ca_file=slapd.ca_file, start_tls=True)
    settings.LDAP_DIRECTORIES = {"seoul": config}

    assert directory_sign_in(client, "kim").status_code == 302
    assert ExternalAccount.objects.get().user.person == seoul_people["kim"]


@pytest.mark.parametrize(
    "url, ca",
    [
        ("ldaps://localhost:{ldaps}", False),  # a CA the system does not trust
        ("ldaps://127.0.0.1:{ldaps}", True),  # a certificate for another name
        ("ldap://localhost:{plain}", False),  # StartTLS, untrusted
    ],
)
def test_a_certificate_that_cannot_be_verified_is_an_outage(client, settings, slapd, directory, seoul_people, url, ca):
    address = url.format(ldaps=slapd.ldaps_port, plain=plain_port(slapd))
    config = seoul_config(address, ca_file=slapd.ca_file if ca else "", start_tls=address.startswith("ldap://"))
    settings.LDAP_DIRECTORIES = {"seoul": config}

    response = directory_sign_in(client, "kim")

    assert response.status_code == 200 and page_says(response, ldap_signin.UNREACHABLE)
    assert USER_SESSION_KEY not in client.session and not ExternalAccount.objects.exists()
