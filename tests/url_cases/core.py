"""URL × role expectations for the foundation's pages. See tests/test_url_roles.py."""

from tests.url_cases.roles import LOGIN, row

# (url name, method, object to address, expected per role)
CASES = [
    ("home", "get", None, row(LOGIN, 200, 200, 200, 200, 200)),
    ("login", "get", None, row(200, 302, 302, 302, 302, 302)),
    ("logout", "post", None, row(302, 302, 302, 302, 302, 302)),
    ("password_change", "get", None, row(LOGIN, 200, 200, 200, 200, 200)),
    ("password_change_done", "get", None, row(LOGIN, 200, 200, 200, 200, 200)),
    ("profile", "get", None, row(LOGIN, 200, 200, 200, 200, 200)),
    ("set_language", "post", None, row(302, 302, 302, 302, 302, 302)),
    ("healthz", "get", None, row(200, 200, 200, 200, 200, 200)),
    # Prometheus' only (common.metrics): not found for everyone while METRICS_TOKEN is unset, as here.
    ("metrics", "get", None, row(404, 404, 404, 404, 404, 404)),
    ("council:overview", "get", None, row(LOGIN, 200, 200, 403, 200, 403)),
    ("council:people", "get", None, row(LOGIN, 200, 200, 403, 200, 403)),
    # A person's sign-in details (employee id, e-mail): the secretariat's to enter.
    ("council:person-sign-in", "get", "council_person", row(LOGIN, 200, 403, 403, 403, 403)),
    ("council:person-sign-in", "post", "council_person", row(LOGIN, 200, 403, 403, 403, 403)),
    ("council:person-sign-in", "get", "foreign_person", row(LOGIN, 404, 404, 404, 404, 404)),
    ("teams:list", "get", None, row(LOGIN, 200, 200, 200, 200, 403)),
    ("teams:detail", "get", "economy", row(LOGIN, 200, 200, 200, 200, 403)),
    ("teams:detail", "get", "culture", row(LOGIN, 200, 200, 403, 200, 403)),
    ("teams:detail", "get", "foreign_team", row(LOGIN, 404, 404, 404, 404, 404)),
    ("admin:index", "get", None, row(302, 302, 302, 302, 302, 200)),
]
