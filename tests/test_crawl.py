"""Every page a role can reach by following links answers without a server error.

A guard for pages and templates that no other test opens: starting from the home page, each demo role
follows the links it is shown (breadth first, up to a bound), and no answer may be a 5xx.
"""

import re

import pytest
from django.urls import reverse

from council.models import Role

LINK = re.compile(r'href="(/[^"#]*)"')
NOT_FOLLOWED = ("/static/", "/admin/", "/accounts/logout", "/calendar.ics", "export.", "report.pdf", "dashboard.pdf")
MAX_PAGES = 120


def crawl(client) -> tuple[set[str], list[tuple[str, int]]]:
    seen, queue, errors = set(), [reverse("home")], []
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code >= 500:
            errors.append((url, response.status_code))
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            for link in LINK.findall(response.content.decode()):
                link = link.replace("&amp;", "&")
                if link not in seen and not any(part in link for part in NOT_FOLLOWED):
                    queue.append(link)
    return seen, errors


@pytest.mark.parametrize(
    "username", ["secretariat-seoul", "lead-economy-seoul", "member-economy-seoul", "mayor-office-beijing", "admin"]
)
def test_no_page_a_role_can_reach_is_a_server_error(client, demo_user, username):
    client.raise_request_exception = False
    client.force_login(demo_user(username))

    seen, errors = crawl(client)

    assert errors == []
    assert len(seen) >= (5 if username == "admin" else 40)


def test_no_page_a_translator_can_reach_is_a_server_error(client, demo_user):
    """The translator role has no demo account: one of the demo council's people is given it alone."""
    client.raise_request_exception = False
    person = demo_user("member-economy-seoul").person
    person.roles.all().delete()
    Role.objects.create(person=person, kind=Role.Kind.TRANSLATOR)
    client.force_login(person.user)

    seen, errors = crawl(client)

    assert errors == []
    assert len(seen) >= 40
