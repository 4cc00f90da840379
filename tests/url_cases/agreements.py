"""URL × role expectations for agreements pages. See tests/test_url_roles.py."""

from tests.url_cases.roles import LOGIN, row  # noqa: F401

CASES = []
