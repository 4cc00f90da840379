"""The read API answers with its token's person's rights, in the reader's language, in pages that hold
their place, and refuses as problem documents; query counts do not grow with the page."""

import datetime as dt
import json
import logging

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from accounts.models import ApiToken
from accounts.tokens import make_token, revoke
from council.permissions import access_for
from secretariat.models import Correspondence
from teams.filters import filtered_exchanges
from teams.models import Exchange
from tests.factories import ExchangeFactory
from translations.services import save_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, demo_user):
    """GET as a demo user through a fresh personal token: api("lead-economy-seoul", "/exchanges/", …)."""

    def get(username, path, *, token=None, **headers):
        key = token or make_token(user=demo_user(username), name="test")[1]
        return client.get(f"/api/v1{path}", headers={"Authorization": f"Bearer {key}", **headers})

    return get


def body(response) -> dict:
    return json.loads(response.content)


def test_without_a_token_the_answer_is_a_problem_document(client):
    response = client.get("/api/v1/exchanges/")

    assert response.status_code == 401 and response["Content-Type"] == "application/problem+json"
    assert body(response)["title"] == "A valid API token is needed." and body(response)["status"] == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_or_expired_token_is_refused(api, demo_user):
    user = demo_user("lead-economy-seoul")
    revoked, revoked_key = make_token(user=user, name="old")
    revoke(revoked)
    _expired, expired_key = make_token(user=user, name="old", expires_on=timezone.localdate() - dt.timedelta(days=1))

    assert api("", "/council/", token=revoked_key).status_code == 401
    assert api("", "/council/", token=expired_key).status_code == 401
    assert api("", "/council/", token=expired_key.replace("cd_", "xx_")).status_code == 401


def test_the_exchanges_are_those_of_the_list_in_pages_that_hold_their_place(api, demo_user):
    lead = demo_user("lead-economy-seoul")
    _token, key = make_token(user=lead, name="sync")
    expected = list(
        filtered_exchanges(access=access_for(lead), params={})
        .qs.order_by("updated_at", "pk")
        .values_list("pk", flat=True)
    )

    seen, cursor = [], ""
    while True:
        page = body(api("", f"/exchanges/?limit=200&cursor={cursor}", token=key))
        seen += [row["id"] for row in page["results"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert seen == expected and len(expected) > 200


def test_the_list_filters_apply_and_a_refused_filter_says_why(api, economy):
    team_rows = body(api("lead-economy-seoul", f"/exchanges/?team={economy.pk}&limit=5"))["results"]
    refused = api("lead-economy-seoul", "/exchanges/?kind=nonsense")

    assert team_rows and {row["team"]["code"] for row in team_rows} == {"economy"}
    assert refused.status_code == 400 and refused["Content-Type"] == "application/problem+json"
    assert body(refused)["errors"]["kind"] == ["Select a valid choice. nonsense is not one of the available choices."]


def test_updated_since_gives_only_what_changed(api, economy):
    since = timezone.now() - dt.timedelta(seconds=1)
    changed = ExchangeFactory(team=economy, status=Exchange.Status.PLANNED)

    rows = body(api("lead-economy-seoul", f"/exchanges/?updated_since={since.isoformat().replace('+', '%2B')}"))

    assert [row["id"] for row in rows["results"]] == [changed.pk]


@pytest.mark.parametrize("value", ["2026-13-01", "yesterday", "2026-12-01T09:00:00"])
def test_a_bad_time_or_cursor_is_refused_with_a_message(api, value):
    by_time = api("lead-economy-seoul", f"/exchanges/?updated_since={value}")
    by_cursor = api("lead-economy-seoul", f"/exchanges/?cursor={value}")

    assert by_time.status_code == by_cursor.status_code == 400
    assert body(by_cursor)["detail"] == "This cursor was not given by this API."


def test_a_cursor_works_only_for_its_own_query(api, demo_user, economy):
    _token, key = make_token(user=demo_user("lead-economy-seoul"), name="sync")
    cursor = body(api("", "/exchanges/?limit=2&status=completed", token=key))["next_cursor"]
    altered = cursor[:-3] + ("aaa" if not cursor.endswith("aaa") else "bbb")

    same = api("", f"/exchanges/?status=completed&limit=5&cursor={cursor}", token=key)
    other = api("", f"/exchanges/?status=planned&limit=2&cursor={cursor}", token=key)
    forged = api("", f"/exchanges/?status=completed&limit=2&cursor={altered}", token=key)

    assert same.status_code == 200 and len(body(same)["results"]) == 5
    assert other.status_code == 400 and body(other)["detail"].startswith("This cursor belongs to another query")
    assert forged.status_code == 400 and body(forged)["detail"] == "This cursor was not given by this API."


def test_texts_are_in_the_readers_language_as_the_pages_show_them(api, economy, demo_user):
    exchange = ExchangeFactory(team=economy, title="Trade fair", language="en")
    save_version(exchange, "title", "ko", "무역 박람회", by=demo_user("secretariat-seoul"))

    ko = body(api("lead-economy-seoul", f"/exchanges/{exchange.pk}/", **{"Accept-Language": "ko"}))
    zh = body(api("lead-economy-seoul", f"/exchanges/{exchange.pk}/", **{"Accept-Language": "zh-hans"}))

    assert ko["title"] == {"text": "무역 박람회", "language": "ko", "state": "translated"}
    assert zh["title"] == {"text": "Trade fair", "language": "en", "state": "missing"}


def test_correspondence_is_refused_to_a_member_and_logged_for_the_secretariat(api, caplog):
    refused = api("member-economy-seoul", "/correspondence/")
    with caplog.at_level(logging.INFO, logger="council_desk.api"):
        read = body(api("secretariat-seoul", "/correspondence/?limit=3"))

    assert refused.status_code == 403 and body(refused)["title"] == "You may not read this."
    ids = ",".join(str(row["id"]) for row in read["results"])
    [logged] = [r.getMessage() for r in caplog.records if r.name == "council_desk.api"]
    assert logged.startswith("api read correspondence token=") and logged.endswith(f"user=secretariat-seoul ids={ids}")
    assert len(read["results"]) == 3 and Correspondence.objects.filter(pk=read["results"][0]["id"]).exists()


def test_a_service_token_reads_only_the_data_chosen(client, demo_user):
    _token, key = make_token(
        user=demo_user("secretariat-seoul"), name="Portal", kind=ApiToken.Kind.SERVICE, scopes=["exchanges"]
    )

    def get(path):
        return client.get(f"/api/v1{path}", headers={"Authorization": f"Bearer {key}"}).status_code

    assert [get(p) for p in ("/council/", "/exchanges/", "/agreements/", "/dashboard/")] == [200, 200, 403, 403]


@override_settings(API_RATE_LIMIT="3/min")
def test_each_token_is_rate_limited(api, demo_user):
    cache.clear()
    _token, key = make_token(user=demo_user("lead-economy-seoul"), name="busy")
    _other, other_key = make_token(user=demo_user("lead-economy-seoul"), name="calm")

    statuses = [api("", "/council/", token=key).status_code for _ in range(4)]
    limited = api("", "/council/", token=key)

    assert statuses == [200, 200, 200, 429] and limited["Content-Type"] == "application/problem+json"
    assert int(limited["Retry-After"]) > 0 and api("", "/council/", token=other_key).status_code == 200


@pytest.mark.parametrize("path", ["/council/", "/plans/", "/assemblies/", "/dashboard/", "/agreements/"])
def test_every_read_answers_the_secretariat(api, path):
    response = api("secretariat-seoul", path)

    assert response.status_code == 200 and response["Content-Type"] == "application/json; charset=utf-8"


def test_the_dashboard_refuses_an_unknown_cycle_with_the_pages_message(api):
    response = api("mayor-office-seoul", "/dashboard/?cycle=1999")

    assert response.status_code == 400 and "cycle" in body(response)["errors"]


def test_the_schema_and_its_documentation_are_served(client):
    schema = client.get("/api/v1/schema/")
    docs = client.get("/api/v1/docs/")

    assert schema.status_code == 200 and "/api/v1/exchanges/" in body(schema)["paths"]
    assert docs.status_code == 200 and b"swagger-ui-bundle.js" in docs.content


@pytest.mark.parametrize("limit", [1, 100])
def test_a_page_costs_the_same_queries_whatever_its_size(api, demo_user, django_assert_num_queries, limit):
    _token, key = make_token(user=demo_user("secretariat-seoul"), name="count")
    api("", "/council/", token=key)  # the token's last use recorded, the content types cached

    with django_assert_num_queries(9):
        assert len(body(api("", f"/exchanges/?limit={limit}", token=key))["results"]) == limit


def test_the_language_is_the_one_asked_for_whatever_the_session_prefers(client, demo_user, economy):
    lead = demo_user("lead-economy-seoul")
    client.force_login(lead)
    client.cookies["django_language"] = "zh-hans"
    _token, key = make_token(user=lead, name="lang")

    response = client.get(
        "/api/v1/exchanges/?kind=nonsense", headers={"Authorization": f"Bearer {key}", "Accept-Language": "ko"}
    )

    assert response["Content-Language"] == "ko"
    assert body(response)["title"] == "요청이 올바르지 않습니다."


@pytest.mark.parametrize(
    ("asked", "status", "language"),
    [("fr", 406, None), ("fr, *;q=0.1", 200, "en"), ("zh-CN", 200, "zh-hans"), ("", 200, "en")],
)
def test_a_language_not_spoken_here_is_refused_unless_any_will_do(api, asked, status, language):
    response = api("lead-economy-seoul", "/council/", **{"Accept-Language": asked})

    assert response.status_code == status
    if status == 406:
        assert body(response)["detail"] == "en, ko, zh-hans" and response["Content-Type"] == "application/problem+json"
    else:
        assert response["Content-Language"] == language
