"""URL × role expectations for action items. See tests/test_url_roles.py.

Everyone signed in has "My actions". The list: the secretariat, team leads (their team's and their own)
and mayors' offices. Readers of one item: its owner (economy_action is the team member's), its team's
leads, the secretariat and the mayors' offices. Writers: the secretariat and the team's leads; the owner
also moves it. The demo administrator is a person without a role: their own (no) items only.
A POST without data to the create, edit or status endpoint answers with the page and its errors (200).
"""

from tests.url_cases.roles import LOGIN, row

# (url name, method, object to address, expected per role)
# roles:                                                     anon   secr lead member mayor admin
CASES = [
    ("secretariat:my-actions", "get", None, row(LOGIN, 200, 200, 200, 200, 200)),
    ("secretariat:action-list", "get", None, row(LOGIN, 200, 200, 403, 200, 403)),
    ("secretariat:action-create", "get", None, row(LOGIN, 200, 200, 403, 403, 403)),
    ("secretariat:action-create", "post", None, row(LOGIN, 200, 200, 403, 403, 403)),
    ("secretariat:action-detail", "get", "economy_action", row(LOGIN, 200, 200, 200, 200, 403)),
    ("secretariat:action-detail", "get", "culture_action", row(LOGIN, 200, 403, 403, 200, 403)),
    ("secretariat:action-detail", "get", "foreign_action", row(LOGIN, 404, 404, 404, 404, 404)),
    ("secretariat:action-edit", "get", "economy_action", row(LOGIN, 200, 200, 403, 403, 403)),
    ("secretariat:action-edit", "get", "culture_action", row(LOGIN, 200, 403, 403, 403, 403)),
    ("secretariat:action-edit", "get", "foreign_action", row(LOGIN, 404, 404, 404, 404, 404)),
    ("secretariat:action-edit", "post", "economy_action", row(LOGIN, 200, 200, 403, 403, 403)),
    ("secretariat:action-status", "get", "economy_action", row(LOGIN, 405, 405, 405, 405, 405)),
    ("secretariat:action-status", "post", "economy_action", row(LOGIN, 200, 200, 200, 403, 403)),
    ("secretariat:action-status", "post", "culture_action", row(LOGIN, 200, 403, 403, 403, 403)),
    ("secretariat:action-status", "post", "foreign_action", row(LOGIN, 404, 404, 404, 404, 404)),
]
