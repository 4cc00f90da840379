"""Every address refuses a POST without its CSRF token, and such a POST changes nothing.

The addresses are those of the URL × role table (tests/test_url_roles.py), each once, as a role the
table lets through (a page, else a redirect; the sign-in page signed out): the POST views, the create
and edit pages that post to themselves, and the pages that take no POST at all (for them too, the
refusal comes first). The same POST with the token then gets past the check, which shows that the
refusal was the token's and not the role's. A view added to the table is covered here unlisted.
"""

import logging

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.fuzz.snapshot import changes, signature
from tests.test_url_roles import CASES, url_args
from tests.url_cases.roles import ROLES

LET_THROUGH = (200, 302, 400)  # 400: a form the view refused, past the token check
# The read API and the metrics take no cookie: a browser's session is no credential there (401 for
# every signed-in role, tests/url_cases/api.py; /metrics wants its bearer token), so a forged request
# from another site carries nothing to abuse.
NO_COOKIES = ("api-v1:", "metrics")
TOKEN = "A" * 32  # a CSRF secret of the right shape: the cookie and the header carry the same one


def _one_case_per_address() -> list[tuple[str, str | None, str]]:
    """(URL name, object fixture, role): the POST row of each name if it has one, else a page row."""
    chosen = {}
    for name, _method, target, expected in sorted(CASES, key=lambda case: case[1] != "post"):
        if name.startswith(NO_COOKIES):
            continue
        # A role the page answers (200) before one it redirects; signed in before signed out.
        let_through = [role for role in ROLES if expected[role] in LET_THROUGH]
        let_through.sort(key=lambda role: (expected[role] != 200, ROLES[role] is None))
        if let_through and name not in chosen:
            chosen[name] = (name, target, let_through[0])
    return sorted(chosen.values())


ADDRESSES = _one_case_per_address()


def test_every_address_of_the_table_is_tried():
    assert {name for name, *_ in ADDRESSES} == {name for name, *_ in CASES if not name.startswith(NO_COOKIES)}


@pytest.mark.parametrize(("name", "target", "role"), ADDRESSES, ids=[f"{n}-{r}" for n, _t, r in ADDRESSES])
def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(request, demo_user, caplog, name, target, role):
    client = Client(enforce_csrf_checks=True)
    if ROLES[role]:
        client.force_login(demo_user(ROLES[role]))
    url = reverse(name, args=url_args(request.getfixturevalue(target)) if target else [])
    client.cookies[settings.CSRF_COOKIE_NAME] = TOKEN
    before = signature()

    with caplog.at_level(logging.WARNING, logger="django.security.csrf"):
        refused = client.post(url, {"title": "Posted from another site", "to": "cancelled"})

    assert refused.status_code == 403
    assert [record.name for record in caplog.records if record.name.startswith("django.security")] == [
        "django.security.csrf"
    ]
    assert changes(before, signature()) == {}
    with_token = client.post(url, {"title": "Posted from this site"}, headers={"X-CSRFToken": TOKEN})
    assert with_token.status_code != 403
