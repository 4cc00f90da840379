"""URL × role expectations for the sign-in pages beyond Django's own. See tests/test_url_roles.py.

Demo users have no two-factor device and the test settings don't require one: the code step sends
them home, and turning off a device they don't have sends them back to the setup page.
"""

from tests.url_cases.roles import LOGIN, row

CASES = [
    ("login_verify", "get", None, row(LOGIN, 302, 302, 302, 302, 302)),
    ("two_factor", "get", None, row(LOGIN, 200, 200, 200, 200, 200)),
    ("two_factor_remove", "post", None, row(LOGIN, 302, 302, 302, 302, 302)),
    # API tokens: an empty form is refused (400) for people with a council role; the administrator
    # has none, so makes no token (403). A token that is not the person's own is not found: the lead's
    # is revoked by the lead alone.
    ("api_token_create", "post", None, row(LOGIN, 400, 400, 400, 400, 403)),
    ("api_token_create", "get", None, row(LOGIN, 405, 405, 405, 405, 405)),
    ("api_token_revoke", "post", "lead_api_token", row(LOGIN, 404, 302, 404, 404, 404)),
    ("api_token_revoke", "post", "foreign_api_token", row(LOGIN, 404, 404, 404, 404, 404)),
    # To the city's provider (the fixture configures one; tests/accounts/oidc sign in through a real one).
    ("oidc_sign_in", "get", "oidc_provider_name", row(302, 302, 302, 302, 302, 302)),
    # Without a sign-in of the session's own: to the sign-in page (home when signed in), signed in as before.
    ("oidc_authentication_callback", "get", None, row(302, 302, 302, 302, 302, 302)),
]
