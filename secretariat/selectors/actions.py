"""Reads of action items shared by the desk's pages, the home page and the pages of their sources."""

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone

from assemblies.models import Resolution
from council.permissions import Access
from secretariat.models import ActionItem, Commitment, Correspondence
from secretariat.permissions import can_create_action
from teams.models import Exchange
from translations.reading import with_versions

OPEN = ActionItem.OPEN_STATUSES


def action_rows(queryset: QuerySet[ActionItem]) -> QuerySet[ActionItem]:
    """What every row shows: its owner and their city and its team in the same query; where it came
    from in one query per kind of source on the page (joined as well, the select took PostgreSQL longer
    to plan than to run: 7–13 ms for 9–13 tables); then the versions of its texts and its source's."""
    rows = queryset.select_related("owner__city", "team").prefetch_related(
        Prefetch("resolution", queryset=Resolution.objects.select_related("assembly", "team")),
        "correspondence",
        Prefetch("exchange", queryset=Exchange.objects.select_related("team")),
        Prefetch("commitment", queryset=Commitment.objects.select_related("agreement")),
    )
    return with_versions(with_versions(rows), "correspondence", "exchange", "commitment", "commitment__agreement")


def open_first(queryset: QuerySet[ActionItem]) -> QuerySet[ActionItem]:
    """Open and in-progress items before done and dropped ones, each by due date."""
    closed = Case(When(status__in=OPEN, then=Value(0)), default=Value(1), output_field=IntegerField())
    return queryset.annotate(closed=closed).order_by("closed", "due_on", "pk")


def overdue(queryset: QuerySet[ActionItem]) -> QuerySet[ActionItem]:
    return queryset.filter(status__in=OPEN, due_on__lt=timezone.localdate())


def my_actions(*, person, closed: bool = False) -> QuerySet[ActionItem]:
    """A person's open items by due date (the overdue ones come first), or their closed ones, latest first."""
    items = action_rows(ActionItem.objects.filter(owner=person))
    if closed:
        return items.exclude(status__in=OPEN).order_by("-updated_at", "-pk")
    return items.filter(status__in=OPEN).order_by("due_on", "pk")


def my_action_counts(*, person) -> dict[str, int]:
    """How many of the person's items are open, overdue and closed, in one query."""
    return ActionItem.objects.filter(owner=person).aggregate(
        open=Count("pk", filter=Q(status__in=OPEN)),
        overdue=Count("pk", filter=Q(status__in=OPEN, due_on__lt=timezone.localdate())),
        closed=Count("pk", filter=~Q(status__in=OPEN)),
    )


def upcoming_actions(*, person, limit: int = 5) -> list[ActionItem]:
    """The home page's card: the person's next open items by due date, in one query and their versions'."""
    if person is None:
        return []
    items = with_versions(ActionItem.objects.filter(owner=person, status__in=OPEN).select_related("team"))
    return list(items.order_by("due_on", "pk")[:limit])


def action_for_page(*, council_id: int | None) -> QuerySet[ActionItem]:
    """Items of the reader's council with all their detail page shows; look one up with .get(pk=…)."""
    return action_rows(ActionItem.objects.filter(council_id=council_id)).select_related("created_by__person")


def _source_kind(source) -> str:
    kinds = {Resolution: "resolution", Correspondence: "correspondence", Exchange: "exchange", Commitment: "commitment"}
    return kinds[type(source)]


def action_create_url(access: Access, source) -> str | None:
    """The "add an action item" link of a source's page (a resolution, letter, exchange or commitment).

    None when the reader may not create action items, so a template shows the link only `{% if %}` it.
    """
    if not can_create_action(access):
        return None
    return f"{reverse('secretariat:action-create')}?{_source_kind(source)}={source.pk}"
