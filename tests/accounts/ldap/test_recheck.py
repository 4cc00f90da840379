"""A person their directory disables after they signed in is out at their first request once
LDAP_RECHECK_SECONDS have passed since the entry was last read — not before, and not by an outage."""

from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY as USER_SESSION_KEY
from django.utils import timezone
from ldap3 import MODIFY_ADD, MODIFY_DELETE, MODIFY_REPLACE

from accounts import ldap_signin
from tests.accounts.conftest import sign_in
from tests.accounts.ldap.conftest import GROUP, PEOPLE, dn, seoul_config
from tests.accounts.ldap.test_sign_in import active_directory, directory_sign_in, page_says

pytestmark = pytest.mark.django_db

INTERVAL = 300


@pytest.fixture
def signed_in(client, settings, seoul_directory, seoul_people, time_machine):
    """kim, signed in through Seoul's directory, with the clock held still."""
    settings.LDAP_RECHECK_SECONDS = INTERVAL
    time_machine.move_to(timezone.now(), tick=False)
    assert directory_sign_in(client, "kim").status_code == 302
    return client


def later(time_machine, seconds: int) -> None:
    time_machine.move_to(timezone.now() + timedelta(seconds=seconds), tick=False)


def lock(directory):
    directory.modify(dn("kim"), {"pwdAccountLockedTime": [(MODIFY_ADD, ["000001010000Z"])]})


def delete(directory):
    directory.delete(dn("kim"))


def leave_the_group(directory):
    directory.modify(GROUP, {"member": [(MODIFY_DELETE, [dn("kim")])]})


def replace_by_a_namesake(directory):
    """The entry deleted and another made at its DN: a new entryUUID, someone else."""
    directory.delete(dn("kim"))
    directory.add(dn("kim"), ["inetOrgPerson"], {"cn": "kim", "sn": "kim", "employeeNumber": "S-1001"})


@pytest.mark.parametrize("disable", [lock, delete, leave_the_group, replace_by_a_namesake])
def test_disabled_in_the_directory_is_out_at_the_first_request_after_the_interval(
    signed_in, directory, time_machine, disable
):
    disable(directory)
    later(time_machine, INTERVAL - 1)
    assert signed_in.get("/").status_code == 200  # not read again yet

    later(time_machine, 1)
    response = signed_in.get("/", follow=True)

    assert response.redirect_chain == [("/accounts/login/?next=/", 302)]
    assert page_says(response, ldap_signin.SIGNED_OUT) and USER_SESSION_KEY not in signed_in.session


def test_still_allowed_stays_signed_in_and_the_next_reading_is_an_interval_later(signed_in, directory, time_machine):
    later(time_machine, INTERVAL)
    assert signed_in.get("/").status_code == 200
    lock(directory)

    later(time_machine, INTERVAL - 1)
    assert signed_in.get("/").status_code == 200
    later(time_machine, 1)
    assert signed_in.get("/").status_code == 302


def test_an_unreachable_directory_signs_nobody_out(signed_in, settings, time_machine):
    settings.LDAP_DIRECTORIES = {"seoul": seoul_config("ldap://127.0.0.1:9", timeout=1)}
    later(time_machine, INTERVAL)

    assert signed_in.get("/").status_code == 200
    assert signed_in.session[ldap_signin.SESSION_KEY]["checked_at"] == int(timezone.now().timestamp())


def test_a_directory_taken_out_of_the_settings_signs_its_people_out(signed_in, settings, time_machine):
    settings.LDAP_DIRECTORIES = {}
    later(time_machine, INTERVAL)

    assert signed_in.get("/").status_code == 302 and USER_SESSION_KEY not in signed_in.session


def test_an_active_directory_account_disabled_is_out(client, settings, slapd, directory, seoul_people, time_machine):
    settings.LDAP_DIRECTORIES = {"seoul": active_directory(slapd.url)}
    time_machine.move_to(timezone.now(), tick=False)
    assert directory_sign_in(client, "park").status_code == 302
    later(time_machine, settings.LDAP_RECHECK_SECONDS)
    assert client.get("/").status_code == 200

    directory.modify(dn("park"), {"userAccountControl": [(MODIFY_REPLACE, ["514"])]})
    later(time_machine, settings.LDAP_RECHECK_SECONDS)

    assert client.get("/").status_code == 302 and USER_SESSION_KEY not in client.session


def test_a_local_sign_in_carries_no_directory_mark(client, make_user):
    make_user("local-pat")
    sign_in(client, "local-pat")

    assert USER_SESSION_KEY in client.session and ldap_signin.SESSION_KEY not in client.session


def test_with_direct_bind_alone_the_entry_is_not_read_again(
    client, settings, slapd, directory, seoul_people, time_machine
):
    """No search account, no password kept: the session's own limits end it (README)."""
    config = seoul_config(slapd.url, bind_dn="", bind_password="", user_dn=f"uid={{username}},{PEOPLE}")
    settings.LDAP_DIRECTORIES = {"seoul": config}
    time_machine.move_to(timezone.now(), tick=False)
    assert directory_sign_in(client, "kim").status_code == 302
    lock(directory)

    later(time_machine, settings.LDAP_RECHECK_SECONDS)

    assert client.get("/").status_code == 200
