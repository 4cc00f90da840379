"""Pages kept whole for their reader until a record they show changes (common.kept_pages)."""

import re

import pytest
from django.apps import apps
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from common import change_tokens
from common.kept_pages import kept_page
from council.models import Person, Role
from dashboards.cache import HISTORY, LINKS
from reminders.models import Notification
from teams.models import Exchange
from tests.factories import ExchangeFactory

LEAD = "lead-economy-seoul"
SECRETARIAT = "secretariat-seoul"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# A kept page's request: the session, the user, their person and roles, the records' token, the
# navigation's unread count.
KEPT_QUERIES = 6


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# What a kept page renders when it is served: its live parts alone.
LIVE = {
    "includes/unread_badge.html", "dashboards/home/_failed_deliveries.html", "dashboards/_briefing_since.html",
}  # fmt: skip


def kept(response) -> bool:
    """Served as kept: nothing rendered but the live parts (the navigation's unread count …)."""
    rendered = {template.name for template in response.templates}
    return "includes/unread_badge.html" in rendered and rendered <= LIVE


def without_csrf(html: str) -> str:
    return CSRF_FIELD.sub("", html)


@pytest.fixture
def lead(client, demo_user):
    client.force_login(demo_user(LEAD))
    return client


@pytest.fixture
def exchange(economy) -> Exchange:
    return ExchangeFactory(team=economy, title="Port logistics forum")


def test_a_kept_page_is_the_page_as_rendered_with_a_csrf_token_of_its_own(lead, exchange, django_assert_num_queries):
    url = reverse("teams:exchange-detail", args=[exchange.pk])
    rendered = lead.get(url)
    assert not kept(rendered)

    with django_assert_num_queries(KEPT_QUERIES):
        served = lead.get(url)

    assert served.status_code == 200 and kept(served)
    assert without_csrf(served.content.decode()) == without_csrf(rendered.content.decode())
    assert len(set(CSRF_FIELD.findall(served.content.decode()))) == 1 and "kept-page" not in served.content.decode()


def test_the_csrf_token_of_a_kept_page_is_accepted(demo_user, exchange):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(demo_user(LEAD))
    url = reverse("teams:exchange-detail", args=[exchange.pk])
    browser.get(url)
    token = CSRF_FIELD.search(browser.get(url).content.decode()).group(1)

    response = browser.post(reverse("set_language"), {"csrfmiddlewaretoken": token, "language": "ko", "next": url})

    assert response.status_code == 302  # a 403 if the token were refused
    assert Person.objects.get(user__username=LEAD).preferred_language == "ko"


def test_a_change_of_a_record_shows_on_the_kept_page(lead, exchange):
    url = reverse("teams:exchange-detail", args=[exchange.pk])
    assert "Port logistics forum" in page(lead, url)
    page(lead, url)

    exchange.title = "Harbour logistics forum"
    exchange.save()

    assert "<del>Port logistics forum</del> → Harbour logistics forum" in page(lead, url)  # its history


def test_a_change_of_a_link_or_of_a_user_renews_the_token(exchange, demo_user):
    assert Exchange.people.through in LINKS and Exchange.history.model in HISTORY
    token = change_tokens.current()
    exchange.people.add(Person.objects.filter(council=exchange.team.council).first())
    assert change_tokens.current() != token

    token = change_tokens.current()
    user = demo_user(LEAD)
    user.first_name = "Renamed"
    user.save()
    assert change_tokens.current() != token


def test_signing_in_leaves_the_token_as_it_is(client, db):
    token = change_tokens.current()

    assert client.login(username=LEAD, password="council-demo")

    assert change_tokens.current() == token


def test_each_reader_has_a_page_of_their_own(client, demo_user, exchange):
    url = reverse("teams:exchange-detail", args=[exchange.pk])
    client.force_login(demo_user(LEAD))
    page(client, url)
    other = Client()
    other.force_login(demo_user("lead-culture-seoul"))

    html = page(other, url)

    assert Person.objects.get(user__username="lead-culture-seoul").name in html
    assert Person.objects.get(user__username=LEAD).name not in html


def test_a_new_role_shows_on_the_reader_s_kept_page(client, demo_user, economy):
    member = demo_user("member-economy-seoul")
    client.force_login(member)
    url = reverse("teams:exchange-list")
    assert not client.get(url).context["can_import"]
    assert kept(client.get(url))
    token = change_tokens.current()

    Role.objects.create(person=member.person, kind=Role.Kind.TEAM_LEAD, team=economy)

    assert change_tokens.current() != token
    assert client.get(url).context["can_import"]  # rendered anew: a lead may import


def test_the_unread_count_of_a_kept_page_is_counted_each_time(lead, demo_user, django_assert_num_queries):
    url = reverse("teams:exchange-list")
    page(lead, url)
    person = demo_user(LEAD).person
    unread = Notification.objects.filter(recipient=person, read_at=None).count()
    Notification.objects.create(recipient=person, subject="A reminder", body="Due today.")

    with django_assert_num_queries(KEPT_QUERIES):
        html = page(lead, url)

    assert f"data-unread-badge>{unread + 1}<" in html


def test_a_message_shows_once_on_a_kept_page(lead, exchange):
    url = reverse("teams:exchange-detail", args=[exchange.pk])
    page(lead, url)
    token = change_tokens.current()

    # A refused change: a message, and no record changed (the token is the same; the page is kept).
    response = lead.post(reverse("teams:exchange-status", args=[exchange.pk]), {"to": "nonsense"}, follow=True)

    assert change_tokens.current() == token
    assert not kept(response) and 'role="status"' in response.content.decode()
    again = lead.get(url)
    assert kept(again) and 'role="status"' not in again.content.decode()


def counting(queryset):
    """A page that shows how many rows the queryset has, kept for its reader."""

    @kept_page
    def view(request):
        return HttpResponse(f"<p>{queryset.count()}</p>", content_type="text/html; charset=utf-8")

    return view


def test_a_page_reading_an_unwatched_table_is_rendered_each_time(rf, demo_user):
    user = demo_user(LEAD)
    page_of_notifications = counting(Notification.objects.filter(recipient=user.person))
    before = Notification.objects.filter(recipient=user.person).count()
    request = rf.get("/counted/")
    request.user = user
    assert page_of_notifications(request).content == f"<p>{before}</p>".encode()

    Notification.objects.create(recipient=user.person, subject="A reminder", body="Due today.")  # not watched

    assert change_tokens.current() and page_of_notifications(request).content == f"<p>{before + 1}</p>".encode()


def test_a_page_reading_watched_tables_alone_is_kept(rf, demo_user, exchange):
    page_of_exchanges = counting(Exchange.objects.filter(title="Port logistics forum"))
    request = rf.get("/counted/")
    request.user = demo_user(LEAD)
    assert page_of_exchanges(request).content == b"<p>1</p>"

    Exchange.objects.filter(pk=exchange.pk).update(title="Renamed")  # past the signals: the token stays

    assert page_of_exchanges(request).content == b"<p>1</p>"  # as kept


def test_the_briefing_of_a_mayor_s_office_is_rendered_each_time(demo_user):
    user = demo_user("mayor-office-seoul")
    for _visit in range(2):
        browser = Client()
        browser.force_login(user)  # a new session: a new visit
        before = Person.objects.get(user=user).briefed_at
        assert browser.get("/").status_code == 200
        assert Person.objects.get(user=user).briefed_at != before


def test_pages_are_rendered_while_the_cache_is_down(lead, cache_down, exchange):
    url = reverse("teams:exchange-detail", args=[exchange.pk])

    assert "Port logistics forum" in page(lead, url)
    assert not kept(lead.get(url))


def first(model_path: str) -> int:
    return apps.get_model(model_path).objects.order_by("pk").values_list("pk", flat=True).first()


# The pages people open most (the load run's mix), each kept for its reader: a page that starts reading a
# table no change renews the token for is rendered each time, and this says which.
KEPT_PAGES = [
    (LEAD, lambda: "/"),
    (SECRETARIAT, lambda: "/"),
    ("mayor-office-seoul", lambda: "/"),
    (LEAD, lambda: reverse("teams:exchange-list") + "?page=2"),
    (LEAD, lambda: reverse("teams:exchange-detail", args=[first("teams.Exchange")])),
    (LEAD, lambda: reverse("teams:list")),
    (LEAD, lambda: reverse("teams:detail", args=[first("teams.Team")])),
    (LEAD, lambda: reverse("teams:plan-list")),
    (LEAD, lambda: reverse("teams:plan-detail", args=[first("teams.Plan")])),
    (LEAD, lambda: reverse("teams:opportunity-list")),
    (LEAD, lambda: reverse("dashboard")),
    (LEAD, lambda: reverse("teams:exchange-create")),
    (SECRETARIAT, lambda: reverse("secretariat:correspondence-list")),
    (
        "secretariat-seoul",
        lambda: reverse("secretariat:correspondence-detail", args=[first("secretariat.Correspondence")]),
    ),
    (SECRETARIAT, lambda: reverse("secretariat:action-list")),
    (SECRETARIAT, lambda: reverse("secretariat:action-detail", args=[first("secretariat.ActionItem")])),
    (SECRETARIAT, lambda: reverse("secretariat:my-actions")),
    (SECRETARIAT, lambda: reverse("secretariat:agreement-list")),
    (SECRETARIAT, lambda: reverse("secretariat:agreement-detail", args=[first("secretariat.Agreement")])),
    (SECRETARIAT, lambda: reverse("assemblies:list")),
    (SECRETARIAT, lambda: reverse("assemblies:detail", args=[first("assemblies.Assembly")])),
    ("mayor-office-beijing", lambda: reverse("dashboard") + "?cycle=all"),
]


@pytest.mark.parametrize(("username", "url"), KEPT_PAGES, ids=lambda value: value if isinstance(value, str) else "")
def test_the_pages_opened_most_are_kept(client, demo_user, username, url):
    client.force_login(demo_user(username))
    rendered = client.get(url())
    assert not kept(rendered)

    served = client.get(url())

    assert served.status_code == 200 and kept(served)
    assert "kept-page-" not in rendered.content.decode() + served.content.decode()  # every placeholder filled
