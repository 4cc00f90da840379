"""URL × role expectations for correspondence pages. See tests/test_url_roles.py.

Roles: anonymous, secretariat-seoul, lead-economy-seoul, member-economy-seoul, mayor-office-beijing, admin.
The secretariat writes; mayors' offices read all; the economy lead reads the economy team's letters
only; members and administrators read none; another council's letter is not found for anyone.
"""

from tests.url_cases.roles import LOGIN, row

READ_ALL = row(LOGIN, 200, 200, 403, 200, 403)
WRITE = row(LOGIN, 200, 403, 403, 403, 403)
NOT_FOUND = row(LOGIN, 404, 404, 404, 404, 404)

CASES = [
    ("secretariat:correspondence-list", "get", None, READ_ALL),
    ("secretariat:correspondence-create", "get", None, WRITE),
    ("secretariat:correspondence-export-csv", "get", None, READ_ALL),
    ("secretariat:correspondence-export-xlsx", "get", None, READ_ALL),
    ("secretariat:correspondence-detail", "get", "economy_letter", READ_ALL),
    ("secretariat:correspondence-detail", "get", "culture_letter", row(LOGIN, 200, 403, 403, 200, 403)),
    ("secretariat:correspondence-detail", "get", "foreign_letter", NOT_FOUND),
    ("secretariat:correspondence-edit", "get", "economy_letter", WRITE),
    ("secretariat:correspondence-edit", "get", "culture_letter", WRITE),
    ("secretariat:correspondence-edit", "get", "foreign_letter", NOT_FOUND),
    ("secretariat:correspondence-reply", "get", "economy_letter", WRITE),
    ("secretariat:correspondence-reply", "get", "foreign_letter", NOT_FOUND),
    # With no file the secretariat is sent back to the page with a message: nothing attached.
    ("secretariat:correspondence-attachment-add", "post", "economy_letter", row(LOGIN, 302, 403, 403, 403, 403)),
    ("secretariat:correspondence-attachment-add", "post", "foreign_letter", NOT_FOUND),
    ("secretariat:correspondence-attachment", "get", "economy_letter_attachment", READ_ALL),
    ("secretariat:correspondence-attachment", "get", "culture_letter_attachment", row(LOGIN, 200, 403, 403, 200, 403)),
    ("secretariat:correspondence-attachment", "get", "foreign_letter_attachment", NOT_FOUND),
    # Withdrawing: its confirmation page; a POST without a reason shows the page again with the error.
    ("secretariat:correspondence-withdraw", "get", "economy_letter", WRITE),
    ("secretariat:correspondence-withdraw", "get", "culture_letter", WRITE),
    ("secretariat:correspondence-withdraw", "get", "foreign_letter", NOT_FOUND),
    ("secretariat:correspondence-withdraw", "post", "economy_letter", WRITE),
]
