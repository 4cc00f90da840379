"""Object-level access: whoever may not read or change a record reached by its id is refused,
and the refusal changes nothing — not the record, not what hangs off it, not any other row.

Derived, not listed:
- from the URL × role table (tests/test_url_roles.py), every row addressing an object that refuses a
  signed-in role (403: another team's record, or a role that reads but may not change; 404: another
  council's record). A page row is also tried as a POST carrying a plausible change, the way a
  hand-made request would come: the answer must be the same refusal.
- from the URL patterns, every address with an id (`<int:pk>`) whose rows in the table name no record
  of another council: it is tried with the other council's record of the same kind.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.db.models import Model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from reminders.models import Notification
from tests.factories import PersonFactory
from tests.fixtures.reminders import make_notification
from tests.fuzz.snapshot import changes, signature
from tests.test_url_roles import CASES, url_args
from tests.url_cases.roles import ROLES

pytestmark = pytest.mark.usefixtures("uninstrumented_templates")  # answers only: no response.context

REFUSED = (403, 404)
SIGNED_IN = [role for role in ROLES if ROLES[role]]


def plausible_change() -> dict:
    """What a hand-made request would carry to change a record: its usual fields, a status, a file."""
    return {
        "title": "Changed by someone who may not", "subject": "Changed", "summary": "Changed", "text": "Changed",
        "description": "Changed", "outcomes": "Changed", "minutes": "Changed", "venue": "Elsewhere",
        "reason": "Because I can", "note": "Changed", "value": "99", "target": "99", "to": "cancelled",
        "status": "cancelled", "days": "1", "send_hour": "3", "new_date": "2030-01-01", "new_time": "10:00",
        "starts_on": "2030-01-01", "start_time": "10:00", "next": "/",
        "file": SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes\n", content_type="application/pdf"),
    }  # fmt: skip


def _post_only(name: str) -> bool:
    """A view the table shows no page of: its rows are POSTs, or GETs answered 405 by every role."""
    return not any(n == name and m == "get" and {e[role] for role in SIGNED_IN} != {405} for n, m, _t, e in CASES)


def _refusals() -> list[tuple]:
    rows = []
    for name, method, target, expected in CASES:
        if not target:
            continue
        for role in SIGNED_IN:
            if expected[role] in REFUSED:
                rows.append((name, target, role, method, expected[role]))
                if method == "get" and not _post_only(name):
                    rows.append((name, target, role, "post", expected[role]))
    return list(dict.fromkeys(rows))


def _addressed_by_id(resolver=None, namespace="") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":  # Django's admin guards itself, as in the URL × role test
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                names |= _addressed_by_id(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name and "<int:" in str(pattern.pattern):
            names.add(f"{namespace}{pattern.name}")
    return names


def _without_foreign_row() -> list[str]:
    foreign = {name for name, _m, target, _e in CASES if target and "foreign" in target}
    return sorted(_addressed_by_id() - foreign)


REFUSALS = _refusals()
# The table's records of another council, and one it has no row for (a notification is opened by its
# recipient only: the table tries the demo's notification with the other roles).
FOREIGN_FIXTURES = sorted({t for _n, _m, t, _e in CASES if t and t.startswith("foreign")} | {"foreign_notification"})


@pytest.fixture
def foreign_notification(foreign_team) -> Notification:
    return make_notification(PersonFactory(council=foreign_team.council), "Not yours", url="/exchanges/")


def record_state(obj: models.Model) -> dict:
    """The record's stored fields, and how many rows hang off it (attachments, goals, links …)."""
    fresh = type(obj)._default_manager.get(pk=obj.pk)
    state = {field.attname: getattr(fresh, field.attname) for field in fresh._meta.concrete_fields}
    for relation in fresh._meta.get_fields():
        if relation.auto_created and (relation.one_to_many or relation.many_to_many):
            state[relation.name] = getattr(fresh, relation.get_accessor_name()).count()
        elif relation.many_to_many:
            state[relation.name] = getattr(fresh, relation.name).count()
    return state


def _objects(addressed) -> tuple:
    """The records an address names: one, a tuple of them, or the records among an address's parts."""
    if isinstance(addressed, list):
        return tuple(part for part in addressed if isinstance(part, Model))
    return addressed if isinstance(addressed, tuple) else (addressed,)


def assert_refused_and_unchanged(client: Client, url: str, method: str, addressed, expected) -> None:
    before, states = signature(), [record_state(obj) for obj in _objects(addressed)]

    response = client.post(url, plausible_change()) if method == "post" else client.get(url)

    assert response.status_code in ((expected,) if isinstance(expected, int) else expected)
    assert changes(before, signature()) == {}
    assert [record_state(obj) for obj in _objects(addressed)] == states


@pytest.mark.parametrize(
    ("name", "target", "role", "method", "expected"), REFUSALS, ids=[f"{r[0]}-{r[1]}-{r[2]}-{r[3]}" for r in REFUSALS]
)
def test_a_record_the_role_may_not_reach_is_refused_and_unchanged(
    request, client, demo_user, name, target, role, method, expected
):
    client.force_login(demo_user(ROLES[role]))
    addressed = request.getfixturevalue(target)

    assert_refused_and_unchanged(client, reverse(name, args=url_args(addressed)), method, addressed, expected)


def _same_kind(request, own) -> object:
    """Another council's record of the kind `own` is (an assembly, a plan …; a pair for a pair)."""
    kinds = tuple(type(obj) for obj in _objects(own))
    for fixture in FOREIGN_FIXTURES:
        candidate = request.getfixturevalue(fixture)
        if tuple(type(obj) for obj in _objects(candidate)) == kinds:
            return candidate
    raise LookupError(f"no foreign_* fixture of the kind {kinds}")


@pytest.mark.parametrize("role", SIGNED_IN)
@pytest.mark.parametrize("name", _without_foreign_row())
def test_another_councils_record_is_not_found_at_every_address_with_an_id(request, client, demo_user, name, role):
    own_target = next(target for n, _m, target, _e in CASES if n == name and target)
    foreign = _same_kind(request, request.getfixturevalue(own_target))
    client.force_login(demo_user(ROLES[role]))
    url = reverse(name, args=url_args(foreign))

    for method in ("post",) if _post_only(name) else ("get", "post"):
        # An administrator has no council: refused before any lookup (403), which tells as little.
        assert_refused_and_unchanged(client, url, method, foreign, 404 if role != "administrator" else REFUSED)
