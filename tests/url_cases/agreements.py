"""URL × role expectations for agreements pages. See tests/test_url_roles.py.

Every council role reads the register; the secretariat writes; the administrator has no council role.
A POST without data is answered with the form again (200), never a change.
"""

from tests.url_cases.roles import LOGIN, row

NOT_FOUND = row(LOGIN, 404, 404, 404, 404, 404)
READ = row(LOGIN, 200, 200, 200, 200, 403)
WRITE = row(LOGIN, 200, 403, 403, 403, 403)

CASES = [
    ("secretariat:agreement-list", "get", None, READ),
    ("secretariat:agreement-create", "get", None, WRITE),
    ("secretariat:agreement-create", "post", None, WRITE),
    ("secretariat:agreement-detail", "get", "council_agreement", READ),
    ("secretariat:agreement-detail", "get", "foreign_agreement", NOT_FOUND),
    ("secretariat:agreement-edit", "get", "council_agreement", WRITE),
    ("secretariat:agreement-edit", "post", "council_agreement", WRITE),
    ("secretariat:agreement-edit", "get", "foreign_agreement", NOT_FOUND),
    ("secretariat:agreement-edit", "post", "foreign_agreement", NOT_FOUND),
    ("secretariat:agreement-document", "get", "council_agreement", READ),
    ("secretariat:agreement-document", "get", "foreign_agreement", NOT_FOUND),
    ("secretariat:commitment-create", "get", "council_agreement", WRITE),
    ("secretariat:commitment-create", "post", "council_agreement", WRITE),
    ("secretariat:commitment-create", "get", "foreign_agreement", NOT_FOUND),
    ("secretariat:commitment-edit", "get", "agreement_commitment", WRITE),
    ("secretariat:commitment-edit", "post", "agreement_commitment", WRITE),
    ("secretariat:commitment-edit", "get", "foreign_commitment", NOT_FOUND),
    ("secretariat:commitment-edit", "post", "foreign_commitment", NOT_FOUND),
]
