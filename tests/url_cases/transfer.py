"""URL × role expectations for transfer pages. See tests/test_url_roles.py."""

from tests.url_cases.roles import LOGIN, row

# (url name, method, object to address, expected per role)
# anonymous, secretariat, team lead, team member, mayor's office, administrator (no council role)
CASES = [
    # Export: whoever reads the exchange list (a member gets their team's rows only).
    ("teams:exchange-export-csv", "get", None, row(LOGIN, 200, 200, 200, 200, 403)),
    ("teams:exchange-export-xlsx", "get", None, row(LOGIN, 200, 200, 200, 200, 403)),
    # Import: team leads and the secretariat.
    ("teams:exchange-import", "get", None, row(LOGIN, 200, 200, 403, 403, 403)),
    # With nothing uploaded in the session: back to the upload page with a message.
    ("teams:exchange-import-confirm", "post", None, row(LOGIN, 302, 302, 403, 403, 403)),
]
