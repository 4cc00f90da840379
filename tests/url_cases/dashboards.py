"""URL × role expectations for the dashboard and its PDF. See tests/test_url_roles.py.

Readers are the council-wide roles (`can_read_council`): the secretariat, team leads and mayors'
offices. A team member reads only their own team, and an administrator has no council role: both
are refused, never shown a partial dashboard.
"""

from tests.url_cases.roles import LOGIN, row

READ = row(LOGIN, 200, 200, 403, 200, 403)

# (url name, method, object to address, expected per role)
CASES = [
    ("dashboard", "get", None, READ),
    ("dashboard-pdf", "get", None, READ),
]
