"""Signing in through the login page with a Seoul directory account, against a real slapd."""

import logging
import socket
import time

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY as USER_SESSION_KEY
from django.utils.html import escape
from django_otp.plugins.otp_totp.models import TOTPDevice
from ldap3 import MODIFY_ADD, MODIFY_DELETE, MODIFY_REPLACE

from accounts import ldap_signin
from accounts.linking import NO_PERSON
from accounts.models import ExternalAccount
from council.models import Person, User
from tests.accounts.conftest import PASSWORD as LOCAL_PASSWORD
from tests.accounts.conftest import sign_in
from tests.accounts.ldap.conftest import GROUP, PARK_GUID, PASSWORDS, PEOPLE, dn, seoul_config

pytestmark = pytest.mark.django_db


def entry_uuid(directory, uid: str) -> str:
    directory.search(dn(uid), "(objectClass=*)", attributes=["entryUUID"])
    return str(directory.entries[0].entryUUID)


def directory_sign_in(client, uid: str, password: str | None = None):
    return sign_in(client, uid, PASSWORDS[uid] if password is None else password)


def page_says(response, message) -> bool:
    return escape(str(message)) in response.content.decode()


def nothing_made(users_before: int) -> bool:
    return User.objects.count() == users_before and not ExternalAccount.objects.exists()


def test_a_person_known_by_employee_id_is_linked_and_lands_home(client, seoul_directory, seoul_people, directory):
    response = directory_sign_in(client, "kim")

    assert (response.status_code, response["Location"]) == (302, "/")
    kim = Person.objects.select_related("user").get(pk=seoul_people["kim"].pk)
    account = ExternalAccount.objects.get()
    assert (account.user, account.service, account.subject) == (kim.user, "ldap-seoul", entry_uuid(directory, "kim"))
    assert (kim.user.username, kim.user.has_usable_password()) == ("ldap-seoul-kim", False)
    assert client.session[USER_SESSION_KEY] == str(kim.user.pk)
    assert client.get("/").status_code == 200


def test_a_person_known_only_by_the_directorys_mail_is_linked(client, seoul_directory, seoul_people):
    assert directory_sign_in(client, "lee").status_code == 302

    assert Person.objects.get(pk=seoul_people["lee"].pk).user == ExternalAccount.objects.get().user


def test_later_sign_ins_find_the_person_by_the_entrys_id(client, seoul_directory, seoul_people, directory):
    directory_sign_in(client, "kim")
    user = ExternalAccount.objects.get().user
    client.logout()
    directory.modify(dn("kim"), {"employeeNumber": [(MODIFY_REPLACE, ["S-7777"])]})

    assert directory_sign_in(client, "kim").status_code == 302
    assert client.session[USER_SESSION_KEY] == str(user.pk) and User.objects.filter(person__isnull=False, pk=user.pk)


def test_an_unknown_person_is_refused_with_the_reason_and_nothing_is_made(
    client, seoul_directory, seoul_people, caplog
):
    users = User.objects.count()

    with caplog.at_level(logging.WARNING, logger="accounts.linking"):
        response = directory_sign_in(client, "stranger")

    assert response.status_code == 200 and page_says(response, NO_PERSON)
    assert nothing_made(users) and USER_SESSION_KEY not in client.session
    refusals = [r.getMessage() for r in caplog.records if r.name == "accounts.linking"]
    assert [text.split(":")[0] for text in refusals] == ["sign-in refused"] and "'S-9999'" in refusals[0]


def test_a_wrong_password_is_the_usual_failure_and_counts_towards_the_lockout(client, seoul_directory, seoul_people):
    users = User.objects.count()

    response = directory_sign_in(client, "kim", "not-kims-password")

    assert response.status_code == 200 and "Please enter a correct username and password" in response.content.decode()
    assert nothing_made(users)
    assert list(AccessAttempt.objects.values_list("username", "failures_since_start")) == [("kim", 1)]


def test_an_empty_password_is_never_an_anonymous_bind(client, seoul_directory, seoul_people):
    users = User.objects.count()

    assert directory_sign_in(client, "kim", "").status_code == 200
    assert nothing_made(users)


def test_an_account_outside_the_required_group_is_refused(client, seoul_directory, seoul_people):
    users = User.objects.count()

    response = directory_sign_in(client, "outsider")

    assert response.status_code == 200 and page_says(response, ldap_signin.NOT_IN_GROUP)
    assert nothing_made(users) and Person.objects.get(pk=seoul_people["outsider"].pk).user is None


def test_without_a_required_group_the_directory_alone_decides(client, settings, seoul_directory, seoul_people):
    settings.LDAP_DIRECTORIES = {"seoul": {**seoul_directory, "required_group": ""}}

    assert directory_sign_in(client, "outsider").status_code == 302
    assert Person.objects.get(pk=seoul_people["outsider"].pk).user is not None


def test_a_locked_openldap_account_is_refused(client, seoul_directory, seoul_people, directory):
    directory.modify(dn("kim"), {"pwdAccountLockedTime": [(MODIFY_ADD, ["000001010000Z"])]})
    users = User.objects.count()

    response = directory_sign_in(client, "kim")

    assert response.status_code == 200 and page_says(response, ldap_signin.DISABLED) and nothing_made(users)


def active_directory(url: str) -> dict:
    """Seoul's directory read as an Active Directory: employeeID, objectGUID, userAccountControl."""
    return seoul_config(url, employee_id_attribute="employeeID", id_attribute="objectGUID")


def test_an_active_directory_account_links_by_its_object_guid(client, settings, slapd, directory, seoul_people):
    settings.LDAP_DIRECTORIES = {"seoul": active_directory(slapd.url)}

    assert directory_sign_in(client, "park").status_code == 302
    assert ExternalAccount.objects.get().subject == str(PARK_GUID)
    assert Person.objects.get(pk=seoul_people["park"].pk).user == ExternalAccount.objects.get().user


def test_a_disabled_active_directory_account_is_refused(client, settings, slapd, directory, seoul_people):
    settings.LDAP_DIRECTORIES = {"seoul": active_directory(slapd.url)}
    directory.modify(dn("park"), {"userAccountControl": [(MODIFY_REPLACE, ["514"])]})  # 512 + ACCOUNTDISABLE
    users = User.objects.count()

    response = directory_sign_in(client, "park")

    assert response.status_code == 200 and page_says(response, ldap_signin.DISABLED) and nothing_made(users)


def test_direct_bind_without_a_search_account(client, settings, slapd, directory, seoul_people):
    config = seoul_config(slapd.url, bind_dn="", bind_password="", user_dn=f"uid={{username}},{PEOPLE}")
    settings.LDAP_DIRECTORIES = {"seoul": config}

    assert directory_sign_in(client, "kim", "wrong").status_code == 200
    assert directory_sign_in(client, "kim").status_code == 302
    assert ExternalAccount.objects.get().user.person == seoul_people["kim"]


def test_a_username_that_would_widen_the_search_finds_nobody(client, seoul_directory, seoul_people):
    users = User.objects.count()

    assert sign_in(client, "*", PASSWORDS["kim"]).status_code == 200
    assert sign_in(client, "kim)(uid=*", PASSWORDS["kim"]).status_code == 200
    assert nothing_made(users)


def test_local_two_factor_still_applies_to_directory_people(client, seoul_directory, seoul_people):
    directory_sign_in(client, "kim")
    TOTPDevice.objects.create(user=ExternalAccount.objects.get().user, name="phone", confirmed=True)
    client.logout()

    response = directory_sign_in(client, "kim")

    assert (response.status_code, response["Location"]) == (302, "/")
    assert client.get("/")["Location"].startswith("/accounts/login/verify/")


def test_an_unreachable_directory_says_so_and_local_accounts_still_sign_in(client, settings, make_user, slapd):
    settings.LDAP_DIRECTORIES = {"seoul": seoul_config("ldap://127.0.0.1:9", timeout=1)}  # nothing listens on 9
    make_user("local-pat")

    response = sign_in(client, "kim", PASSWORDS["kim"])

    assert response.status_code == 200 and page_says(response, ldap_signin.UNREACHABLE)
    assert sign_in(client, "local-pat", LOCAL_PASSWORD).status_code == 302


def test_a_search_account_the_directory_refuses_is_an_outage_not_a_wrong_password(client, settings, slapd, directory):
    settings.LDAP_DIRECTORIES = {"seoul": seoul_config(slapd.url, bind_password="not-the-search-password")}

    response = directory_sign_in(client, "kim")

    assert response.status_code == 200 and page_says(response, ldap_signin.UNREACHABLE)


def test_a_group_that_does_not_exist_lets_nobody_in(client, settings, slapd, directory, seoul_people):
    directory.delete(GROUP)
    settings.LDAP_DIRECTORIES = {"seoul": seoul_config(slapd.url)}

    response = directory_sign_in(client, "kim")

    assert response.status_code == 200 and page_says(response, ldap_signin.NOT_IN_GROUP)


def test_removing_from_the_group_refuses_the_next_sign_in(client, seoul_directory, seoul_people, directory):
    assert directory_sign_in(client, "kim").status_code == 302
    client.logout()
    directory.modify(GROUP, {"member": [(MODIFY_DELETE, [dn("kim")])]})

    assert page_says(directory_sign_in(client, "kim"), ldap_signin.NOT_IN_GROUP)


def test_the_login_page_mentions_city_accounts_only_when_a_directory_is_set(client, settings):
    hint = "sign in with your city account's username and password"
    settings.LDAP_DIRECTORIES = {}
    assert hint not in client.get("/accounts/login/").content.decode()

    settings.LDAP_DIRECTORIES = {"seoul": seoul_config("ldap://127.0.0.1:9")}
    assert hint in client.get("/accounts/login/").content.decode()


@pytest.mark.parametrize("username", ["kim\x00", "김민준", "kim\\", "(", "kim,ou=people", "k" * 150, " kim*"])
@pytest.mark.parametrize("bind", ["search account", "direct"])
def test_odd_usernames_are_wrong_usernames(client, settings, slapd, directory, seoul_people, username, bind):
    direct = {"bind_dn": "", "user_dn": f"uid={{username}},{PEOPLE}"} if bind == "direct" else {}
    settings.LDAP_DIRECTORIES = {"seoul": seoul_config(slapd.url, **direct)}
    users = User.objects.count()

    response = sign_in(client, username, PASSWORDS["kim"])

    assert response.status_code == 200 and USER_SESSION_KEY not in client.session
    assert nothing_made(users)


def test_a_directory_that_accepts_but_never_answers_is_unreachable_after_its_timeout(client, settings, db):
    with socket.socket() as silent:  # the kernel completes the connection; nobody ever reads or answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"ldap://127.0.0.1:{silent.getsockname()[1]}"
        settings.LDAP_DIRECTORIES = {"seoul": seoul_config(url, timeout=1)}
        started = time.monotonic()

        response = sign_in(client, "kim", PASSWORDS["kim"])

    assert response.status_code == 200 and page_says(response, ldap_signin.UNREACHABLE)
    assert time.monotonic() - started < 5


def test_the_lockout_comes_before_the_directory(client, seoul_directory, seoul_people):
    statuses = [directory_sign_in(client, "kim", "wrong guess").status_code for _ in range(5)]

    response = directory_sign_in(client, "kim")  # the right password, once locked out

    assert statuses == [200, 200, 200, 200, 429] and response.status_code == 429
    assert USER_SESSION_KEY not in client.session and not ExternalAccount.objects.exists()


def test_a_refused_right_password_counts_as_a_failed_sign_in(client, seoul_directory, seoul_people):
    directory_sign_in(client, "stranger")

    assert list(AccessAttempt.objects.values_list("username", "failures_since_start")) == [("stranger", 1)]
