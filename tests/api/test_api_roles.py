"""Every API path for every role, with a token of each kind: the API lets a token read exactly what its
person's pages show (200 where the page is 200; refused, 403 or 404, where the page refuses), and a
service token only the data it was made for.

The pages' expectations come from the URL × role table (tests/url_cases), so the two cannot drift.
"""

import pytest
from django.urls import reverse

from accounts.models import ApiToken
from accounts.tokens import make_token
from tests.test_url_roles import CASES, url_args
from tests.url_cases.roles import ROLES

# API path name, the object it addresses, the page (URL name) whose rights it has, the token scope.
PATHS = [
    ("api-v1:council", None, "teams:list", None),
    ("api-v1:exchanges", None, "teams:exchange-list", "exchanges"),
    ("api-v1:exchange_detail", "economy_exchange", "teams:exchange-detail", "exchanges"),
    ("api-v1:exchange_detail", "culture_exchange", "teams:exchange-detail", "exchanges"),
    ("api-v1:exchange_detail", "foreign_exchange", "teams:exchange-detail", "exchanges"),
    ("api-v1:plans", None, "teams:plan-list", "plans"),
    ("api-v1:assemblies", None, "assemblies:list", "assemblies"),
    ("api-v1:assembly_detail", "next_assembly", "assemblies:detail", "assemblies"),
    ("api-v1:assembly_detail", "foreign_assembly", "assemblies:detail", "assemblies"),
    ("api-v1:dashboard", None, "dashboard", "dashboard"),
    ("api-v1:correspondence", None, "secretariat:correspondence-list", "correspondence"),
    ("api-v1:correspondence_detail", "economy_letter", "secretariat:correspondence-detail", "correspondence"),
    ("api-v1:correspondence_detail", "culture_letter", "secretariat:correspondence-detail", "correspondence"),
    ("api-v1:correspondence_detail", "foreign_letter", "secretariat:correspondence-detail", "correspondence"),
    ("api-v1:agreements", None, "secretariat:agreement-list", "agreements"),
    ("api-v1:agreement_detail", "council_agreement", "secretariat:agreement-detail", "agreements"),
    ("api-v1:agreement_detail", "foreign_agreement", "secretariat:agreement-detail", "agreements"),
]
SIGNED_IN = [role for role, username in ROLES.items() if username]
# The token kinds: personal (every role), and the secretariat's service tokens for all data or one kind.
KINDS = {
    "personal": (ApiToken.Kind.PERSONAL, []),
    "service-all": (ApiToken.Kind.SERVICE, [scope for scope, _label in ApiToken.Scope.choices]),
    "service-exchanges": (ApiToken.Kind.SERVICE, ["exchanges"]),
}


# Every role with a personal token; the secretariat, who alone makes service tokens, with those too.
READERS = [(role, "personal") for role in SIGNED_IN] + [("secretariat", kind) for kind in KINDS if kind != "personal"]


def page_status(page: str, target: str | None, role: str) -> int:
    [expected] = [exp[role] for name, method, tgt, exp in CASES if (name, method, tgt) == (page, "get", target)]
    return expected


def test_every_api_path_is_in_the_table():
    assert {name for name, *_ in PATHS} | {"api-v1:api-root", "api-v1:openapi-json", "api-v1:openapi-view"} == {
        name for name, *_ in CASES if name.startswith("api-v1:")
    }


@pytest.mark.parametrize(("role", "kind"), READERS)
@pytest.mark.parametrize(("name", "target", "page", "scope"), PATHS, ids=[f"{p[0]}-{p[1]}" for p in PATHS])
def test_a_token_reads_what_its_person_may(request, client, demo_user, role, kind, name, target, page, scope):
    token_kind, scopes = KINDS[kind]
    _token, key = make_token(user=demo_user(ROLES[role]), name="matrix", kind=token_kind, scopes=scopes)
    url = reverse(name, args=url_args(request.getfixturevalue(target)) if target else [])

    response = client.get(url, headers={"Authorization": f"Bearer {key}"})

    may = page_status(page, target, role) == 200 and (scope is None or scope in scopes or not scopes)
    if may:
        assert response.status_code == 200
    else:
        assert response.status_code in (403, 404) and response["Content-Type"] == "application/problem+json"
