"""Each person's home is their work: what waits for them, by role, each item linking to where it is done.

Every queue is a query or two whatever the council's size: at most LIMIT items, and how many there are
in all when there may be more (`Queue.total`).
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Window

from assemblies.cycles import CyclePeriod, cycle_periods
from assemblies.models import Assembly
from assemblies.selectors import input_states
from common import change_tokens
from council.permissions import Access
from secretariat.models import ActionItem, Agreement, Correspondence
from secretariat.selectors.agreements import review_due_filter
from teams.models import DraftReview, Exchange, Plan, Team
from teams.selectors.plans import RATES, attach_progress, goals_with_latest_update
from teams.services.exchanges import last_review
from translations.reading import load_versions, with_versions

S, Step = Exchange.Status, DraftReview.Step
LIMIT = 6
SOON_DAYS = 30  # exchanges starting within this many days
RECENT_DAYS = 30  # a member sees what happened to their drafts this long
# Letters to the reader's city that are no reply themselves await one for this long; unanswered
# after REPLY_DAYS, the reply is overdue. (Older letters, greetings among them, are not chased.)
REPLY_WINDOW_DAYS = 90
REPLY_DAYS = 14


@dataclass
class Queue:
    items: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.items)


def _queue(queryset: QuerySet, limit: int = LIMIT) -> Queue:
    """The first `limit` rows, each carrying the count of all of them (a window): one query."""
    items = list(queryset.annotate(queue_total=Window(Count("pk")))[:limit])
    return Queue(items, items[0].queue_total if items else 0)


def _long_queue(queryset: QuerySet, limit: int = LIMIT) -> Queue:
    """A queue that may hold thousands (years of completed exchanges): the first `limit` rows, and the
    count of all kept until a record changes (common.change_tokens), where a window would count them
    all on every request."""
    return Queue(list(queryset[:limit]), change_tokens.kept_count(queryset, change_tokens.current()))


def _last_step() -> Subquery:
    latest = DraftReview.objects.filter(exchange=OuterRef("pk")).order_by("-at", "-pk")
    return Subquery(latest.values("step")[:1])


def _exchanges(team_ids) -> QuerySet[Exchange]:
    return with_versions(Exchange.objects.filter(team_id__in=list(team_ids)).select_related("team"))


# A team lead ----------------------------------------------------------------------------------------


def lead_queues(access: Access, *, today: dt.date, upcoming: Assembly | None) -> dict:
    teams = access.lead_team_ids
    exchanges = _exchanges(teams)
    waiting = (
        exchanges.filter(status=S.DRAFT)
        .annotate(last_step=_last_step())
        .filter(Q(last_step=None) | ~Q(last_step=Step.RETURNED))  # a draft never reviewed waits too
        .select_related("created_by__person")
        .order_by("created_at", "pk")
    )
    soon = exchanges.filter(
        status__in=(S.PROPOSED, S.PLANNED, S.IN_PROGRESS),
        starts_on__gte=today,
        starts_on__lte=today + dt.timedelta(days=SOON_DAYS),
    )
    return {
        "drafts": _queue(waiting),
        "starting_soon": _queue(soon.order_by("starts_on", "pk")),
        "without_outcomes": _long_queue(
            exchanges.filter(status=S.COMPLETED, outcomes="").order_by("-starts_on", "-pk")
        ),
        "inputs": [state for state in input_states(assembly=upcoming) if state.team.pk in teams] if upcoming else [],
        "goals_behind": _goals_behind(teams, upcoming, today, access),
    }


def _goals_behind(team_ids, upcoming: Assembly | None, today: dt.date, access: Access) -> list:
    """The current plan's goals that have reached less than the share of the cycle already gone by."""
    if upcoming is None:
        return []
    period = next((p for p in cycle_periods(council=access.person.council) if p.assembly.pk == upcoming.pk), None)
    if period is None:
        return []
    gone = _share_gone(period, today)
    plans = Plan.objects.filter(team_id__in=list(team_ids), cycle=upcoming.cycle).select_related("team")
    plans = list(plans.prefetch_related(RATES, Prefetch("goals", queryset=goals_with_latest_update())))
    attach_progress(plans)
    behind = [goal for plan in plans for goal in plan.goals.all() if goal.progress.percent < gone]
    load_versions(plans, behind)
    return behind


def _share_gone(period: CyclePeriod, today: dt.date) -> int:
    """How much of the cycle has gone by, in percent."""
    days = (period.until - period.after).days or 1
    return max(0, min(100, round(100 * (today - period.after).days / days)))


# A team member --------------------------------------------------------------------------------------


def member_queues(access: Access, user, *, today: dt.date) -> dict:
    since = today - dt.timedelta(days=RECENT_DAYS)
    approved_lately = DraftReview.objects.filter(exchange=OuterRef("pk"), step=Step.APPROVED, at__date__gte=since)
    mine = (
        _exchanges(access.member_team_ids | access.lead_team_ids)
        .filter(created_by=user)
        .filter(Q(status=S.DRAFT) | Q(Exists(approved_lately)))
        .prefetch_related("reviews")
        .order_by("-updated_at", "-pk")
    )
    taking_part = Exchange.people.through.objects.filter(exchange=OuterRef("pk"), person=access.person)
    upcoming = (
        _exchanges(access.member_team_ids)
        .filter(Q(Exists(taking_part)) | Q(created_by=user), status__in=(S.PROPOSED, S.PLANNED, S.IN_PROGRESS))
        .filter(starts_on__gte=today)
        .order_by("starts_on", "pk")
    )
    drafts = _queue(mine)
    for exchange in drafts.items:
        exchange.last_review = last_review(exchange)
    return {"my_drafts": drafts, "my_upcoming": _queue(upcoming)}


# The secretariat ------------------------------------------------------------------------------------


def secretariat_queues(access: Access, *, today: dt.date, upcoming: Assembly | None) -> dict:
    council_id = access.council_id
    since = today - dt.timedelta(days=REPLY_WINDOW_DAYS)
    unanswered = with_versions(
        Correspondence.objects.filter(
            council_id=council_id, to_city_id=access.person.city_id, in_reply_to=None, withdrawn_at=None
        )
        .filter(sent_at__date__gte=since)
        .filter(~Exists(Correspondence.objects.filter(in_reply_to=OuterRef("pk"))))
        .select_related("from_city", "to_city")
        .order_by("sent_at", "pk")
    )
    overdue_before = today - dt.timedelta(days=REPLY_DAYS)
    # The register's rule (its rows marked "review due"): an agreement under review is being reviewed.
    agreements = with_versions(
        Agreement.objects.filter(review_due_filter(today), council_id=council_id).order_by("review_on", "pk")
    )
    return {
        "letters": _queue(unanswered),
        "letters_overdue": unanswered.filter(sent_at__date__lt=overdue_before).count(),
        "overdue_before": overdue_before,
        "overdue_actions": _overdue_actions_per_team(council_id, today),
        "preparation": _preparation(upcoming),
        "agreements": _queue(agreements),
    }


def _overdue_actions_per_team(council_id: int, today: dt.date) -> list[tuple[Team | None, int]]:
    """(team, or None for the council's own, how many) open action items past their due date."""
    rows = (
        ActionItem.objects.filter(council_id=council_id, status__in=ActionItem.OPEN_STATUSES, due_on__lt=today)
        .values("team_id")
        .annotate(count=Count("pk"))
        .order_by("team_id")
    )
    teams = {team.pk: team for team in Team.objects.filter(council_id=council_id)}
    found = [(teams.get(row["team_id"]), row["count"]) for row in rows]
    return sorted(found, key=lambda pair: (pair[0] is None, pair[0] and (pair[0].order, pair[0].code)))


@dataclass
class Preparation:
    assembly: Assembly
    agenda: int
    attendees: int
    inputs: list  # assemblies.selectors.InputState per team

    @property
    def inputs_ready(self) -> int:
        return sum(1 for state in self.inputs if state.ready)


def _preparation(upcoming: Assembly | None) -> Preparation | None:
    if upcoming is None:
        return None
    counts = Assembly.objects.filter(pk=upcoming.pk).aggregate(
        agenda=Count("agenda_items", distinct=True), attendees=Count("attendees", distinct=True)
    )
    return Preparation(upcoming, counts["agenda"], counts["attendees"], input_states(assembly=upcoming))
