"""Every named URL, for every role and signed out: the status the role's rights give.

A view added later without a row here fails `test_every_named_url_is_covered`.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = {
    "anonymous": None,
    "secretariat": "secretariat-seoul",
    "team_lead": "lead-economy-seoul",
    "team_member": "member-economy-seoul",
    "mayor_office": "mayor-office-beijing",
    "administrator": "admin",
}
LOGIN = "login"  # signed out: a redirect to the sign-in page


def row(anonymous, secretariat, team_lead, team_member, mayor_office, administrator) -> dict:
    return dict(zip(ROLES, (anonymous, secretariat, team_lead, team_member, mayor_office, administrator), strict=True))


# (url name, method, object to address, expected per role)
CASES = [
    ("home", "get", None, row(LOGIN, 200, 200, 200, 200, 200)),
    ("login", "get", None, row(200, 302, 302, 302, 302, 302)),
    ("logout", "post", None, row(302, 302, 302, 302, 302, 302)),
    ("password_change", "get", None, row(LOGIN, 200, 200, 200, 200, 200)),
    ("password_change_done", "get", None, row(LOGIN, 200, 200, 200, 200, 200)),
    ("profile", "get", None, row(LOGIN, 200, 200, 200, 200, 200)),
    ("set_language", "post", None, row(302, 302, 302, 302, 302, 302)),
    ("healthz", "get", None, row(200, 200, 200, 200, 200, 200)),
    ("council:overview", "get", None, row(LOGIN, 200, 200, 403, 200, 403)),
    ("council:people", "get", None, row(LOGIN, 200, 200, 403, 200, 403)),
    ("teams:list", "get", None, row(LOGIN, 200, 200, 200, 200, 403)),
    ("teams:detail", "get", "economy", row(LOGIN, 200, 200, 200, 200, 403)),
    ("teams:detail", "get", "culture", row(LOGIN, 200, 200, 403, 200, 403)),
    ("teams:detail", "get", "foreign_team", row(LOGIN, 404, 404, 404, 404, 404)),
    ("admin:index", "get", None, row(302, 302, 302, 302, 302, 200)),
]


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


def test_every_named_url_is_covered():
    covered = {name for name, *_ in CASES}
    assert named_urls() - covered == set()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "target", "expected"), CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_url_status_for_role(request, client, demo_user, role, name, method, target, expected):
    if ROLES[role]:
        client.force_login(demo_user(ROLES[role]))
    args = [request.getfixturevalue(target).pk] if target else []
    url = reverse(name, args=args)
    data = {"language": "ko", "next": "/"} if name == "set_language" else {}

    response = getattr(client, method)(url, data)

    expected = expected[role]
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("login") + "?next=")
    else:
        assert response.status_code == expected
