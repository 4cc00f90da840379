"""URL × role expectations for opportunities pages. See tests/test_url_roles.py.

Readers: whoever may read the team (mayors' offices all, members their own team); writers: the team's
leads and the secretariat. A POST without data to the status endpoint answers with the detail page and
the form's errors (200), and changes nothing.
"""

from tests.url_cases.roles import LOGIN, row

# (url name, method, object to address, expected per role)
# roles:                                                  anon   secr lead member mayor admin
CASES = [
    ("teams:opportunity-list", "get", None, row(LOGIN, 200, 200, 200, 200, 403)),
    ("teams:opportunity-create", "get", None, row(LOGIN, 200, 200, 403, 403, 403)),
    ("teams:opportunity-create", "post", None, row(LOGIN, 200, 200, 403, 403, 403)),
    ("teams:opportunity-detail", "get", "economy_opportunity", row(LOGIN, 200, 200, 200, 200, 403)),
    ("teams:opportunity-detail", "get", "culture_opportunity", row(LOGIN, 200, 200, 403, 200, 403)),
    ("teams:opportunity-detail", "get", "foreign_opportunity", row(LOGIN, 404, 404, 404, 404, 404)),
    ("teams:opportunity-edit", "get", "economy_opportunity", row(LOGIN, 200, 200, 403, 403, 403)),
    ("teams:opportunity-edit", "get", "culture_opportunity", row(LOGIN, 200, 403, 403, 403, 403)),
    ("teams:opportunity-edit", "get", "foreign_opportunity", row(LOGIN, 404, 404, 404, 404, 404)),
    ("teams:opportunity-edit", "post", "culture_opportunity", row(LOGIN, 200, 403, 403, 403, 403)),
    ("teams:opportunity-status", "get", "economy_opportunity", row(LOGIN, 405, 405, 405, 405, 405)),
    ("teams:opportunity-status", "post", "economy_opportunity", row(LOGIN, 200, 200, 403, 403, 403)),
    ("teams:opportunity-status", "post", "culture_opportunity", row(LOGIN, 200, 403, 403, 403, 403)),
    ("teams:opportunity-status", "post", "foreign_opportunity", row(LOGIN, 404, 404, 404, 404, 404)),
    # Dropping: its confirmation page; a POST without a reason shows the page again with the error.
    ("teams:opportunity-drop", "get", "economy_opportunity", row(LOGIN, 200, 200, 403, 403, 403)),
    ("teams:opportunity-drop", "get", "culture_opportunity", row(LOGIN, 200, 403, 403, 403, 403)),
    ("teams:opportunity-drop", "get", "foreign_opportunity", row(LOGIN, 404, 404, 404, 404, 404)),
    ("teams:opportunity-drop", "post", "economy_opportunity", row(LOGIN, 200, 200, 403, 403, 403)),
]
