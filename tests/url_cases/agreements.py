"""URL × role expectations for agreements pages. See tests/test_url_roles.py.

Every council role reads the register; the secretariat writes; the administrator has no council role.
A POST without data is answered with the form again (200), never a change.
"""

from tests.url_cases.roles import LOGIN, row

NOT_FOUND = row(LOGIN, 404, 404, 404, 404, 404)
READ = row(LOGIN, 200, 200, 200, 200, 403)
WRITE = row(LOGIN, 200, 403, 403, 403, 403)

CASES = [
    ("desk:agreement-list", "get", None, READ),
    ("desk:agreement-create", "get", None, WRITE),
    ("desk:agreement-create", "post", None, WRITE),
    ("desk:agreement-detail", "get", "council_agreement", READ),
    ("desk:agreement-detail", "get", "foreign_agreement", NOT_FOUND),
    ("desk:agreement-edit", "get", "council_agreement", WRITE),
    ("desk:agreement-edit", "post", "council_agreement", WRITE),
    ("desk:agreement-edit", "get", "foreign_agreement", NOT_FOUND),
    ("desk:agreement-edit", "post", "foreign_agreement", NOT_FOUND),
    ("desk:agreement-document", "get", "council_agreement", READ),
    ("desk:agreement-document", "get", "foreign_agreement", NOT_FOUND),
    ("desk:commitment-create", "get", "council_agreement", WRITE),
    ("desk:commitment-create", "post", "council_agreement", WRITE),
    ("desk:commitment-create", "get", "foreign_agreement", NOT_FOUND),
    ("desk:commitment-edit", "get", "agreement_commitment", WRITE),
    ("desk:commitment-edit", "post", "agreement_commitment", WRITE),
    ("desk:commitment-edit", "get", "foreign_commitment", NOT_FOUND),
    ("desk:commitment-edit", "post", "foreign_commitment", NOT_FOUND),
]
