"""Every page a role can reach by following links answers without a server error.

A guard for pages and templates that no other test opens: starting from the home page, each demo role
follows the links it is shown (breadth first, up to a bound), and no answer may be a 5xx.
"""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from council.models import Role
from secretariat.models import ActionItem, Agreement, Correspondence
from teams.models import Exchange

pytestmark = pytest.mark.usefixtures("uninstrumented_templates")  # answers only: no response.context

LINK = re.compile(r'href="(/[^"#]*)"')
NOT_FOLLOWED = ("/static/", "/admin/", "/accounts/logout", "/calendar.ics", "export.", "report.pdf", "dashboard.pdf")
MAX_PAGES = 120


def crawl(client, *, start=(), read=lambda url, page: None) -> tuple[set[str], list[tuple[str, int]]]:
    """The pages reached from the home page (and from `start`), and the server errors among them; `read`
    is given each HTML page's address and text."""
    seen, queue, errors = set(), [reverse("home"), *start], []
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code >= 500:
            errors.append((url, response.status_code))
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            read(url, response.content.decode())
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


PICKER_VALUE = re.compile(r'<input type="(date|time)"[^>]*? value="([^"]*)"')
UNNAMED_CHOICE = re.compile(r'name="([^"]+)"[^<]*>\s*<option value=""[^>]*>---------')
BROWSER_FORMAT = {"date": re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"), "time": re.compile(r"[0-9]{2}:[0-9]{2}")}


@pytest.mark.parametrize("language", ["en", "ko", "zh-hans"])
def test_form_dates_and_times_are_in_the_browsers_format_and_every_empty_choice_is_named(
    client, demo_user, next_assembly, language
):
    """A date picker drops a value in any other format (zh-hans's "2026/10/31") and shows nothing: the form
    would open with its dates empty, and save them empty. A time with seconds ("10:00:00") would add a box
    for seconds that no one sets."""
    user = demo_user("secretariat-seoul")
    user.person.preferred_language = language
    user.person.save()
    client.force_login(user)
    exchange, letter = Exchange.objects.exclude(ends_on=None).first(), Correspondence.objects.first()
    forms = [
        reverse("teams:exchange-edit", args=[exchange.pk]),
        reverse("secretariat:correspondence-edit", args=[letter.pk]),
        reverse("secretariat:action-edit", args=[ActionItem.objects.first().pk]),
        reverse("secretariat:agreement-edit", args=[Agreement.objects.exclude(review_on=None).first().pk]),
        reverse("assemblies:edit", args=[next_assembly.pk]),
        reverse("teams:exchange-list") + "?starts_from=2025-01-31",
        reverse("assemblies:host", args=[next_assembly.pk]),
    ]
    values, unnamed_choices = [], []

    def read(url: str, page: str) -> None:
        values.extend((url, *found) for found in PICKER_VALUE.findall(page))
        if "---------" in page:  # Django's empty choice, where the app's lists say "—" or what it means
            unnamed_choices.append((url, UNNAMED_CHOICE.findall(page)))

    crawl(client, start=forms, read=read)

    wrong = [(url, kind, value) for url, kind, value in values if not BROWSER_FORMAT[kind].fullmatch(value)]
    assert wrong == []
    assert unnamed_choices == [], "\n".join(map(str, unnamed_choices))
    shown = {(url, value) for url, _kind, value in values}
    assert (forms[0], exchange.ends_on.isoformat()) in shown
    assert (forms[1], timezone.localtime(letter.sent_at, letter.from_city.zone).strftime("%H:%M")) in shown
    assert (forms[5], "2025-01-31") in shown
