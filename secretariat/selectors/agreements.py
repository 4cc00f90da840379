"""Reads of the agreements register: the list with what needs attention, an agreement with its commitments' progress."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from council.permissions import Access
from secretariat.models import ActionItem, Agreement, Commitment
from secretariat.permissions import visible_actions, visible_agreements
from secretariat.selectors.actions import action_create_url
from teams.models import Exchange
from translations.reading import texts_matching, versions_lookup, with_versions

S = Agreement.Status
# How far ahead a review or an expiry makes an agreement stand out in the list.
ATTENTION_DAYS = 90
# Statuses in which an agreement binds the parties, so its review and expiry dates still matter.
LIVE_STATUSES = (S.SIGNED, S.IN_FORCE, S.UNDER_REVIEW)
SEARCHED_FIELDS = ("title", "parties", "signatories", "signed_place")
# What the sign-off panel of an official text reads: its versions, and who signed it off.
SIGN_OFF_PANEL = (versions_lookup(), "sign_offs__signed_by__person")


class Attention:
    """Why an agreement stands out in the list (shown as words, not only as a colour)."""

    REVIEW_DUE = "review_due"
    EXPIRING = "expiring"
    PAST_EXPIRY = "past_expiry"


def _horizon(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=ATTENTION_DAYS)


def review_due_filter(today: dt.date) -> Q:
    """Agreements whose review falls within ATTENTION_DAYS, or is past, and has not begun (not under review)."""
    return Q(status__in=(S.SIGNED, S.IN_FORCE), review_on__lte=_horizon(today))


def attention_filter(today: dt.date) -> Q:
    """Agreements due for review or expiring within ATTENTION_DAYS, or still live past their expiry date."""
    return review_due_filter(today) | Q(status__in=LIVE_STATUSES, expires_on__lte=_horizon(today))


def agreements_for_list(
    access: Access, *, status: str = "", search: str = "", attention_only: bool = False
) -> QuerySet[Agreement]:
    """The agreements this person may read, filtered, drafts first, then by signing date (newest first)."""
    agreements = visible_agreements(access).annotate(commitment_count=Count("commitments"))
    if status:
        agreements = agreements.filter(status=status)
    if search:
        agreements = agreements.filter(texts_matching(Agreement, SEARCHED_FIELDS, search))
    if attention_only:
        agreements = agreements.filter(attention_filter(timezone.localdate()))
    return with_versions(agreements).order_by(F("signed_on").desc(nulls_first=True), "-pk")


def attention(agreement: Agreement, today: dt.date) -> list[str]:
    """The reasons an agreement needs the secretariat's attention, in the order they are shown."""
    reasons = []
    horizon = _horizon(today)
    if agreement.status in (S.SIGNED, S.IN_FORCE) and agreement.review_on and agreement.review_on <= horizon:
        reasons.append(Attention.REVIEW_DUE)
    if agreement.status in LIVE_STATUSES and agreement.expires_on:
        if agreement.expires_on < today:
            reasons.append(Attention.PAST_EXPIRY)
        elif agreement.expires_on <= horizon:
            reasons.append(Attention.EXPIRING)
    return reasons


def with_attention(agreements) -> list[Agreement]:
    """The agreements of a page, each with `.attention` set; no query beyond the page's own."""
    today = timezone.localdate()
    rows = list(agreements)
    for agreement in rows:
        agreement.attention = attention(agreement, today)
    return rows


def commitments_in_scope(access: Access) -> QuerySet[Commitment]:
    """The commitments of the agreements of the reader's council, with their agreement and team."""
    return Commitment.objects.select_related("agreement", "owner_team").filter(agreement__in=visible_agreements(access))


@dataclass(frozen=True)
class Progress:
    """How far a commitment has come: its action items and the completed exchanges that carry it out."""

    actions_done: int
    actions_total: int  # dropped items are not counted: they will never be done
    actions_open: int
    actions_overdue: int
    exchanges_completed: int

    @property
    def percent(self) -> int:
        return round(100 * self.actions_done / self.actions_total) if self.actions_total else 0


def _progress_annotations(today: dt.date) -> dict:
    """Counts per commitment. Two to-many joins multiply rows, hence distinct counts."""
    status = "action_items__status"
    return {
        "n_done": Count("action_items", filter=Q(**{status: ActionItem.Status.DONE}), distinct=True),
        "n_total": Count("action_items", filter=~Q(**{status: ActionItem.Status.DROPPED}), distinct=True),
        "n_open": Count("action_items", filter=Q(**{f"{status}__in": ActionItem.OPEN_STATUSES}), distinct=True),
        "n_overdue": Count(
            "action_items",
            filter=Q(**{f"{status}__in": ActionItem.OPEN_STATUSES, "action_items__due_on__lt": today}),
            distinct=True,
        ),
        "n_exchanges": Count("exchanges", filter=Q(exchanges__status=Exchange.Status.COMPLETED), distinct=True),
    }


def commitments_with_progress(*, agreement: Agreement, access: Access) -> list[Commitment]:
    """The agreement's commitments in order, each with `.progress`, the exchanges and action items the reader
    may see, and where to add an action item. Three queries however many commitments, actions and exchanges,
    and one each for the versions of their texts.
    """
    reads_all_teams = access.can_read_council()  # else only the member's own team's exchanges are listed
    items = with_versions(visible_actions(access).select_related("owner").order_by("due_on", "pk"))
    exchanges = with_versions(Exchange.objects.order_by("-starts_on", "-pk"))
    commitments = (
        agreement.commitments.select_related("owner_team")
        .annotate(**_progress_annotations(timezone.localdate()))
        .prefetch_related(
            Prefetch("exchanges", queryset=exchanges),
            Prefetch("action_items", queryset=items),
            *SIGN_OFF_PANEL,
        )
        .order_by("order", "pk")
    )
    rows = list(with_versions(commitments))
    for commitment in rows:
        commitment.progress = Progress(
            commitment.n_done, commitment.n_total, commitment.n_open, commitment.n_overdue, commitment.n_exchanges
        )
        commitment.readable_exchanges = [
            e for e in commitment.exchanges.all() if reads_all_teams or e.team_id in access.member_team_ids
        ]
        commitment.action_create_url = action_create_url(access, commitment)
    return rows
