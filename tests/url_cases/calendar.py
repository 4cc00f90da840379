"""URL × role expectations for calendar pages. See tests/test_url_roles.py."""

from tests.url_cases.roles import LOGIN, row

# The feed, asked without a token (a signed-in browser gets its own person's feed). Signed out it is
# 404, not a redirect to the sign-in page: calendar apps cannot sign in, and one that followed the
# redirect would fail on an HTML form instead of reporting a missing address; with no token the
# address is as unknown as with a wrong one. The administrator has no council role: 403.
CASES = [
    ("assemblies:calendar-feed", "get", None, row(404, 200, 200, 200, 200, 403)),
    ("assemblies:calendar", "get", None, row(LOGIN, 200, 200, 200, 200, 403)),
    # Reset the address: back to the page with a message.
    ("assemblies:calendar", "post", None, row(LOGIN, 302, 302, 302, 302, 403)),
]
