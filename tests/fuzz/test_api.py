"""The read API's parameters against generated bad input (hypothesis): every path of its OpenAPI schema,
every query parameter it names and more, odd tokens and odd languages. Never a 500; every refusal a
problem document; the token in no log line.

FUZZ_EXAMPLES: requests per path (default 20); FUZZ_SEED as for the forms (tests/fuzz/test_forms.py).
"""

import json
import logging
import os
from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from accounts.models import ApiToken
from accounts.tokens import make_token

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))
SEED = os.environ.get("FUZZ_SEED", "")

ODD_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "0", "-1", "1e309", "9" * 40, "NaN", "\x00", "2026-02-30", "2026-12-01T25:00", "null", "[]"]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates().map(str),
    st.datetimes().map(lambda moment: moment.isoformat()),
)
NAMES = ["cursor", "limit", "updated_since", "q", "team", "focus_area", "kind", "status", "host_city"]
NAMES += ["starts_from", "starts_until", "cycle", "city", "page", "ordering"]


def api_paths(client: Client, ids: dict[str, int]) -> list[str]:
    """Every path of the schema, its ids filled with records of the reader's council (or odd ones)."""
    paths = json.loads(client.get("/api/v1/schema/").content)["paths"]
    return [path.format(**ids) for path in paths]


def _ids() -> dict[str, int]:
    return {"exchange_id": 1, "assembly_id": 1, "letter_id": 1, "agreement_id": 1}


def _is_problem(response) -> bool:
    body = json.loads(response.content)
    return response["Content-Type"] == "application/problem+json" and body["status"] == response.status_code


@pytest.fixture
def secretariat_key(demo_user) -> str:
    return make_token(user=demo_user("secretariat-seoul"), name="fuzz", kind=ApiToken.Kind.PERSONAL)[1]


@pytest.mark.django_db
def test_every_api_parameter_takes_bad_input_without_a_server_error(client, secretariat_key, caplog):
    paths = api_paths(client, _ids())
    params = st.dictionaries(st.sampled_from(NAMES), ODD_TEXT, max_size=4)
    languages = st.one_of(
        st.just("ko"), st.sampled_from(["", "*", "xx", "zh-CN;q=0.5, fr", ";;;", "ko-KR"]), st.text(max_size=12)
    )
    tokens = st.one_of(
        st.just(secretariat_key),
        st.just(secretariat_key[:-1]),
        st.sampled_from(["", "cd_", "Bearer", "cd_" + "A" * 300]),
        st.text(max_size=60),
    )

    @settings(max_examples=EXAMPLES * len(paths), deadline=None, suppress_health_check=list(HealthCheck))
    @given(path=st.sampled_from(paths), query=params, language=languages, token=tokens)
    def check(path, query, language, token):
        address = path + "?" + "&".join(f"{quote(name)}={quote(value)}" for name, value in query.items())
        headers = {"Authorization": f"Bearer {token}"} if token.isprintable() else {}
        if language.isprintable():
            headers["Accept-Language"] = language
        response = client.get(address, headers=headers)

        assert response.status_code < 500, (address, headers, response.content[:300])
        if response.status_code >= 400:
            assert _is_problem(response), (address, response.content[:300])

    if SEED.isdigit():
        check = seed(int(SEED))(check)
    with caplog.at_level(logging.DEBUG):
        check()

    assert not [record for record in caplog.records if secretariat_key[3:20] in record.getMessage()]
