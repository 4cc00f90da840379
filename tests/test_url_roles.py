"""Every named URL, for every role and signed out: the status the role's rights give, and to a signed-in
role a page no cache keeps (tests/security/policies.py).

A view added later without a row here fails `test_every_named_url_is_covered`.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.policies import assert_private_and_not_stored
from tests.url_cases import (
    accounts,
    actions,
    agreements,
    api,
    assemblies,
    calendar,
    core,
    correspondence,
    dashboards,
    exchanges,
    opportunities,
    plans,
    reminders,
    report,
    transfer,
    translations,
)
from tests.url_cases.roles import LOGIN, ROLES

pytestmark = pytest.mark.usefixtures("uninstrumented_templates")  # answers only: no response.context

# Each module lists (url name, method, fixture naming the object addressed, expected status per role).
CASES = (
    core.CASES
    + accounts.CASES
    + exchanges.CASES
    + plans.CASES
    + opportunities.CASES
    + transfer.CASES
    + assemblies.CASES
    + report.CASES
    + calendar.CASES
    + correspondence.CASES
    + actions.CASES
    + agreements.CASES
    + reminders.CASES
    + dashboards.CASES
    + translations.CASES
    + api.CASES
)


def named_urls(resolver=None, namespace="") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace != "admin":  # Django's admin guards itself; its index stands for it
                names |= named_urls(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def url_args(addressed) -> list:
    """A fixture names one object, or a tuple of them for an address with several ids (assembly, team),
    or a list of the address's parts as they are (a text at the translation desk: label, id, field, language)."""
    if isinstance(addressed, list):
        return addressed
    return [obj.pk for obj in (addressed if isinstance(addressed, tuple) else (addressed,))]


def test_every_named_url_is_covered():
    covered = {name for name, *_ in CASES}
    assert named_urls() - covered == set()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "target", "expected"), CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_url_status_for_role(request, client, demo_user, role, name, method, target, expected):
    if ROLES[role]:
        client.force_login(demo_user(ROLES[role]))
    args = url_args(request.getfixturevalue(target)) if target else []
    url = reverse(name, args=args)
    data = {"language": "ko", "next": "/"} if name == "set_language" else {}

    response = getattr(client, method)(url, data)

    expected = expected[role]
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("login") + "?next=")
    else:
        assert response.status_code == expected
    if ROLES[role] and method == "get":
        assert_private_and_not_stored(response)
