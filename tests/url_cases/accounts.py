"""URL × role expectations for the sign-in pages beyond Django's own. See tests/test_url_roles.py.

Demo users have no two-factor device and the test settings don't require one: the code step sends
them home, and turning off a device they don't have sends them back to the setup page.
"""

from tests.url_cases.roles import LOGIN, row

CASES = [
    ("login_verify", "get", None, row(LOGIN, 302, 302, 302, 302, 302)),
    ("two_factor", "get", None, row(LOGIN, 200, 200, 200, 200, 200)),
    ("two_factor_remove", "post", None, row(LOGIN, 302, 302, 302, 302, 302)),
]
