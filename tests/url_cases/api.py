"""URL × role expectations for the read API. See tests/test_url_roles.py.

A signed-in browser's session is no credential for the API: every read wants a token (401, a problem
document); tests/api reads with tokens. The schema and its documentation page are public.
"""

from tests.url_cases.roles import row

NO_TOKEN = row(401, 401, 401, 401, 401, 401)
PUBLIC = row(200, 200, 200, 200, 200, 200)

CASES = [
    ("api-v1:api-root", "get", None, row(404, 404, 404, 404, 404, 404)),
    ("api-v1:openapi-json", "get", None, PUBLIC),
    ("api-v1:openapi-view", "get", None, PUBLIC),
    ("api-v1:council", "get", None, NO_TOKEN),
    ("api-v1:exchanges", "get", None, NO_TOKEN),
    ("api-v1:exchange_detail", "get", "economy_exchange", NO_TOKEN),
    ("api-v1:plans", "get", None, NO_TOKEN),
    ("api-v1:assemblies", "get", None, NO_TOKEN),
    ("api-v1:assembly_detail", "get", "next_assembly", NO_TOKEN),
    ("api-v1:dashboard", "get", None, NO_TOKEN),
    ("api-v1:correspondence", "get", None, NO_TOKEN),
    ("api-v1:correspondence_detail", "get", "culture_letter", NO_TOKEN),
    ("api-v1:agreements", "get", None, NO_TOKEN),
    ("api-v1:agreement_detail", "get", "economy_exchange", NO_TOKEN),
]
