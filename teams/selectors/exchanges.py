"""Reads of the exchange log shared by its pages."""

import datetime as dt

from django.db.models import Prefetch, QuerySet

from council.models import Department, Person, User
from council.permissions import Access
from teams.models import DraftReview, Exchange, ExchangeParticipation, Goal
from teams.permissions import visible_exchanges
from teams.selectors.opportunities import linkable_exchanges
from translations.reading import texts_matching, with_versions


def exchanges_for_page(*, access: Access) -> QuerySet[Exchange]:
    """The exchanges of the reader's council, each with everything its page shows, its texts' versions too."""
    exchanges = (
        Exchange.objects.filter(team__council_id=access.council_id)
        .select_related("team", "focus_area", "host_city", "visiting_city")
        .prefetch_related(
            # Apart, not joined: with them the select took PostgreSQL longer to plan than to run (4–6 ms).
            Prefetch("created_by", queryset=User.objects.select_related("person")),
            Prefetch("cancelled_by", queryset=User.objects.select_related("person")),
            # Each relation in one query with what its rows show (a city, a plan), not one query more.
            # In the order they were entered (the form's, the council's member cities'): the same on every visit.
            Prefetch("participations", queryset=ExchangeParticipation.objects.select_related("city").order_by("pk")),
            Prefetch("departments", queryset=Department.objects.select_related("city")),
            Prefetch("people", queryset=Person.objects.select_related("city")),
            "attachments",
            Prefetch("goals", queryset=Goal.objects.select_related("plan")),
            "action_items__owner",  # the page's "Action items" card
            Prefetch("reviews", queryset=DraftReview.objects.select_related("by__person")),  # a draft's story
        )
    )
    return with_versions(with_versions(exchanges), "goals", "goals__plan")


def exchanges_to_choose(
    *, access: Access, q: str, team: int | None, linkable: bool, counting: bool, after: dt.date | None,
    until: dt.date | None,
) -> QuerySet[Exchange]:  # fmt: skip
    """What a searched list of exchanges offers (teams:exchange-choices), latest first: those the reader may
    read whose title, in any language, holds the words; of one team; those an opportunity of it could have
    become (`linkable`); those that may count toward a goal (`counting`: not cancelled), their first day
    in (after, until]. With their teams and their texts' versions."""
    exchanges = visible_exchanges(access).select_related("team")
    if team:
        exchanges = exchanges.filter(team_id=team)
    if linkable:
        exchanges = exchanges & linkable_exchanges(team=team)
    if counting:
        exchanges = exchanges.exclude(status=Exchange.Status.CANCELLED)
    if after:
        exchanges = exchanges.filter(starts_on__gt=after)
    if until:
        exchanges = exchanges.filter(starts_on__lte=until)
    if words := q.strip():
        exchanges = exchanges.filter(texts_matching(Exchange, ("title",), words))
    return with_versions(exchanges.order_by("-starts_on", "-pk"))
