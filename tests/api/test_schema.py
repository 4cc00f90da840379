"""The OpenAPI schema is valid OpenAPI 3, and every path in it answers a token of the secretariat with
what the schema says it answers."""

import json

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from accounts.tokens import make_token
from secretariat.models import Correspondence
from teams.models import Exchange

pytestmark = pytest.mark.django_db


def schema(client) -> dict:
    return json.loads(client.get("/api/v1/schema/").content)


def test_the_schema_is_valid_openapi(client):
    document = schema(client)

    validate(document)
    assert document["openapi"].startswith("3.")


def _response_schema(document: dict, operation: dict) -> dict:
    """The 200 answer's JSON schema, its references resolvable against the whole document."""
    answer = operation["responses"]["200"]["content"]["application/json"]["schema"]
    return {**answer, "components": document["components"]}


def test_every_path_answers_as_its_schema_says(client, demo_user, council_agreement, next_assembly):
    document = schema(client)
    key = make_token(user=demo_user("secretariat-seoul"), name="walk")[1]
    ids = {
        "exchange_id": Exchange.objects.filter(team__council=council_agreement.council).first().pk,
        "assembly_id": next_assembly.pk,
        "letter_id": Correspondence.objects.filter(council=council_agreement.council).first().pk,
        "agreement_id": council_agreement.pk,
    }
    walked = []

    for path, operations in document["paths"].items():
        response = client.get(path.format(**ids), headers={"Authorization": f"Bearer {key}"})
        assert response.status_code == 200, path
        answer = _response_schema(document, operations["get"])
        Draft202012Validator(answer).validate(json.loads(response.content))
        walked.append(path)

    assert len(walked) == len(document["paths"]) == 11
