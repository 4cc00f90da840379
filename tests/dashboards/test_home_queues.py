"""Each person's home is their work: the queues of a team lead, a team member and the secretariat show
the demo's items, link to where each is done, and cost the same queries for one item or many."""

import datetime as dt
import re

import pytest
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from common import change_tokens
from dashboards.queues import LIMIT
from demo.exchanges import RETURN_REASON
from secretariat.models import Correspondence
from teams.models import DraftReview, Exchange
from tests.factories import ExchangeFactory
from tests.texts import warm_content_types

S, Step = Exchange.Status, DraftReview.Step


def queue_items(html: str, name: str) -> list[str]:
    """The items of one queue (its `data-queue` card), as their markup."""
    card = html.split(f'data-queue="{name}"', 1)[1].split("</section>", 1)[0]
    return card.split("data-queue-item")[1:]


def fill_queues(team, member, items: int) -> None:
    """`items` in each queue of the team's lead and of the member (waiting drafts, exchanges starting
    soon, completed ones without outcomes): none empty, whatever the day the demo was made around."""
    # A day away from today at least: the readers' today (Seoul, Beijing) may be the next day in UTC.
    today = timezone.localdate()
    for n in range(1, items + 1):
        draft = ExchangeFactory(team=team, status=S.DRAFT, created_by=member, starts_on=today + dt.timedelta(days=n))
        DraftReview.objects.create(exchange=draft, step=Step.SUBMITTED, by=member)
        ExchangeFactory(team=team, status=S.COMPLETED, outcomes="", starts_on=today - dt.timedelta(days=n))
        ExchangeFactory(team=team, status=S.PLANNED, starts_on=today + dt.timedelta(days=n)).people.add(member.person)


def waiting_drafts(team, **by) -> list[Exchange]:
    """The team's drafts not returned to their author (by one author: `created_by=user`)."""
    returned = DraftReview.objects.filter(exchange=OuterRef("pk"), step=Step.RETURNED)
    drafts = Exchange.objects.filter(team=team, status=S.DRAFT, **by).filter(~Exists(returned))
    return list(drafts.order_by("created_at", "pk"))


def test_a_leads_home_lists_the_drafts_to_approve_with_approve_and_return_in_place(client, demo_user, economy):
    client.force_login(demo_user("lead-economy-seoul"))

    html = client.get(reverse("home")).content.decode()

    drafts = waiting_drafts(economy)[:LIMIT]
    items = queue_items(html, "drafts")
    assert len(drafts) == len(items) > 0
    for draft, item in zip(drafts, items, strict=True):
        assert f'href="{draft.get_absolute_url()}"' in item
        assert f'action="{reverse("teams:exchange-status", args=[draft.pk])}"' in item
        assert f'action="{reverse("teams:exchange-return", args=[draft.pk])}"' in item
        assert '<input type="hidden" name="next" value="/">' in item
        # A date is never broken over two lines ("2027년 7월 20" / "일" on a phone).
        assert f'<span class="text-nowrap">{date_format(draft.starts_on)}</span>' in item


def test_a_lead_approves_from_home_and_comes_back_home(client, demo_user, economy):
    client.force_login(demo_user("lead-economy-seoul"))
    draft = waiting_drafts(economy)[0]

    response = client.post(reverse("teams:exchange-status", args=[draft.pk]), {"to": "proposed", "next": "/"})

    assert (response.status_code, response.url) == (302, "/")
    assert Exchange.objects.get(pk=draft.pk).status == S.PROPOSED
    assert len(queue_items(client.get("/").content.decode(), "drafts")) == len(waiting_drafts(economy)[:LIMIT])


def test_a_leads_home_lists_what_starts_soon_and_what_lacks_outcomes(client, demo_user, economy):
    today = timezone.localdate()
    soon = ExchangeFactory(team=economy, title="Port forum", status=S.PLANNED, starts_on=today + dt.timedelta(days=3))
    done = ExchangeFactory(team=economy, title="Trade fair", status=S.COMPLETED, starts_on=today, outcomes="")
    client.force_login(demo_user("lead-economy-seoul"))

    html = client.get(reverse("home")).content.decode()

    assert any(f'href="{soon.get_absolute_url()}"' in item for item in queue_items(html, "starting-soon"))
    assert any(f'href="{done.get_absolute_url()}"' in item for item in queue_items(html, "without-outcomes"))
    assert [re.sub(r"\s+", " ", item).count("badge") for item in queue_items(html, "inputs")] == [1]


def test_a_members_home_tells_what_happened_to_each_draft(client, demo_user, economy):
    client.force_login(demo_user("member-economy-seoul"))

    response = client.get(reverse("home"))
    html = response.content.decode()

    items = queue_items(html, "my-drafts")
    states = sorted(re.search(r"badge text-bg-[a-z]+[^>]*>([^<]+)<", item).group(1) for item in items)
    waiting = ["Waiting for approval"] * len(waiting_drafts(economy, created_by=demo_user("member-economy-seoul")))
    assert waiting and states == ["Approved", "Returned", *waiting]
    [returned] = [item for item in items if "Returned" in item]
    assert f'<p class="small mb-1 mt-1" data-review-reason>{RETURN_REASON.replace(chr(39), "&#x27;")}</p>' in returned
    days = [re.search(r"data-draft-day>([^<]+)<", item).group(1) for item in items]  # drafts may share a title
    shown = response.context["member"]["my_drafts"].items
    assert days == [date_format(exchange.starts_on, "DATE_FORMAT") for exchange in shown] and len(days) == len(items)


def test_the_secretariats_home_counts_the_letters_awaiting_a_reply(client, demo_user):
    seoul = demo_user("secretariat-seoul")
    client.force_login(seoul)

    response = client.get(reverse("home"))

    since = timezone.localdate() - dt.timedelta(days=90)
    unanswered = Correspondence.objects.filter(
        council=seoul.person.council, to_city=seoul.person.city, in_reply_to=None, withdrawn_at=None, replies=None
    ).filter(sent_at__date__gte=since)
    queue = response.context["secretariat"]["letters"]
    assert queue.total == unanswered.count() > 0
    assert [letter.pk for letter in queue.items] == list(
        unanswered.order_by("sent_at", "pk").values_list("pk", flat=True)[:6]
    )
    assert response.context["secretariat"]["preparation"].assembly == response.context["next_assembly"]


@pytest.mark.usefixtures("pages_rendered")  # the page as its view renders it, not as kept
@pytest.mark.parametrize(
    ("username", "queries"), [("lead-economy-seoul", 26), ("member-economy-seoul", 14), ("secretariat-seoul", 32)]
)
@pytest.mark.parametrize("extra", [1, 12])
def test_each_home_costs_the_same_queries_for_more_items(
    client, demo_user, economy, django_assert_num_queries, username, queries, extra
):
    user = demo_user(username)
    fill_queues(economy, demo_user("member-economy-seoul"), extra)
    client.force_login(user)
    warm_content_types()  # else the first page of the process reads them: one query more
    change_tokens.current()  # the records' token exists: the secretariat's translation counts are computed

    with django_assert_num_queries(queries):
        client.get(reverse("home"))


def test_the_leads_count_of_exchanges_without_outcomes_follows_each_change(client, demo_user, economy):
    """That queue may hold years of exchanges: its count is kept until a record changes."""
    client.force_login(demo_user("lead-economy-seoul"))
    lacking = Exchange.objects.filter(team=economy, status=S.COMPLETED, outcomes="")
    first = client.get(reverse("home")).context["lead"]["without_outcomes"]
    assert first.total == lacking.count()

    added = ExchangeFactory(team=economy, status=S.COMPLETED, outcomes="", starts_on=timezone.localdate())
    assert client.get(reverse("home")).context["lead"]["without_outcomes"].total == first.total + 1

    added.outcomes = "A memorandum signed."
    added.save()
    after = client.get(reverse("home")).context["lead"]["without_outcomes"]
    assert after.total == first.total == lacking.count()


def test_a_home_counts_the_days_to_the_next_assembly_as_the_dashboard_does(
    client, demo_user, next_assembly, time_machine
):
    """In days, in the reader's language: Django's "10 月，1 周" read as a month's name in Chinese."""
    time_machine.move_to(next_assembly.starts_at - dt.timedelta(days=40), tick=False)  # weeks before, any day
    user = demo_user("secretariat-beijing")
    user.person.preferred_language = "zh-hans"
    user.person.save()
    client.force_login(user)
    day = timezone.localtime(next_assembly.starts_at, next_assembly.host_city.zone).date()

    html = client.get(reverse("home")).content.decode()

    countdown = re.search(r"data-countdown>\s*(.*?)\s*</p>", html, re.S).group(1)
    today = timezone.localdate(timezone=user.person.zone)  # the reader's day, as the page counts from it
    assert countdown == f"<strong>还有 {(day - today).days} 天</strong>"
