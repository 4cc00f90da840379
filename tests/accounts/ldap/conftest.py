"""Seoul's directory on a real slapd (tests/accounts/ldap/slapd.py), started once per test process.

Each test gets the same small directory, loaded afresh: kim (known by employee id), lee (known only by
e-mail), stranger (no person here), outsider (a person here, but not in the Council Desk group) and
park, an Active Directory-shaped entry (employeeID, objectGUID, userAccountControl). Without slapd the
tests skip locally; in CI (CI=true) they fail, for CI must install it.
"""

import os
import uuid

import pytest
from ldap3 import SUBTREE

from council.models import City, Council, Person
from tests.accounts.ldap import slapd as harness
from tests.factories import PersonFactory

PEOPLE = f"ou=people,{harness.SUFFIX}"
GROUPS = f"ou=groups,{harness.SUFFIX}"
GROUP = f"cn=council-desk,{GROUPS}"
SEARCH_DN = f"cn=council-desk-search,{harness.SUFFIX}"
SEARCH_PASSWORD = "search-account-secret"
PARK_GUID = uuid.UUID("0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0")
PASSWORDS = {"kim": "kim-directory-pw", "lee": "lee-directory-pw", "stranger": "stranger-pw", "outsider": "out-pw"}
PASSWORDS["park"] = "park-directory-pw"


def dn(uid: str) -> str:
    return f"uid={uid},{PEOPLE}"


def _person(uid: str, **attributes) -> tuple[str, list[str], dict]:
    classes = ["inetOrgPerson"] + (["extensibleObject"] if "objectGUID" in attributes else [])
    return dn(uid), classes, {"cn": uid, "sn": uid, "userPassword": PASSWORDS[uid], **attributes}


ENTRIES = [
    (PEOPLE, ["organizationalUnit"], {"ou": "people"}),
    (GROUPS, ["organizationalUnit"], {"ou": "groups"}),
    (SEARCH_DN, ["person"], {"cn": "council-desk-search", "sn": "search", "userPassword": SEARCH_PASSWORD}),
    _person("kim", mail="kim@seoul.example", employeeNumber="S-1001"),
    _person("lee", mail="lee@seoul.example"),
    _person("stranger", mail="stranger@seoul.example", employeeNumber="S-9999"),
    _person("outsider", mail="outsider@seoul.example", employeeNumber="S-1003"),
    _person("park", employeeID="S-2002", objectGUID=PARK_GUID.bytes_le, userAccountControl="512"),
    (GROUP, ["groupOfNames"], {"cn": "council-desk", "member": [dn("kim"), dn("lee"), dn("stranger"), dn("park")]}),
]


@pytest.fixture(scope="session")
def slapd():
    if not harness.installed():
        if os.environ.get("CI") == "true":
            pytest.fail("CI must install slapd (apt-get install -y slapd ldap-utils)")
        pytest.skip("slapd is not installed: apt-get install -y slapd ldap-utils")
    server = harness.Slapd().start()
    yield server
    server.stop()


@pytest.fixture
def directory(slapd):
    """An admin connection to the directory, loaded with ENTRIES; whatever a test changed is gone."""
    admin = slapd.admin()
    admin.search(harness.SUFFIX, "(objectClass=*)", SUBTREE, attributes=["1.1"])
    for entry in sorted(admin.response, key=lambda item: -len(item["dn"])):
        if entry["dn"] != harness.SUFFIX:
            admin.delete(entry["dn"])
    for entry_dn, classes, attributes in ENTRIES:
        assert admin.add(entry_dn, classes, attributes), admin.result
    yield admin
    admin.unbind()


def seoul_config(url: str, **changes) -> dict:
    """Seoul's directory as config.ldap_env reads it from the environment."""
    return {
        "url": url,
        "city": "SEL",
        "search_base": PEOPLE,
        "bind_dn": SEARCH_DN,
        "bind_password": SEARCH_PASSWORD,
        "user_dn": "",
        "username_attribute": "uid",
        "email_attribute": "mail",
        "employee_id_attribute": "employeeNumber",
        "id_attribute": "entryUUID",
        "required_group": GROUP,
        "start_tls": False,
        "ca_file": "",
        "timeout": 3,
        **changes,
    }


@pytest.fixture
def seoul_directory(settings, directory, slapd) -> dict:
    config = seoul_config(slapd.url)
    settings.LDAP_DIRECTORIES = {"seoul": config}
    return config


@pytest.fixture
def seoul_people(db) -> dict[str, Person]:
    """The people the secretariat entered: kim by employee id, lee by e-mail, outsider by employee id."""
    council = Council.objects.get(name_en="Seoul–Beijing Integration Council")
    city = City.objects.get(code="SEL")

    def make(name, **fields):
        return PersonFactory(council=council, city=city, name=name, name_romanised=name, **fields)

    return {
        "kim": make("Kim Directory", employee_id="S-1001", email="kim.old@seoul.example"),
        "lee": make("Lee Directory", email="lee@seoul.example"),
        "outsider": make("Outsider Directory", employee_id="S-1003"),
        "park": make("Park Directory", employee_id="S-2002"),
    }
