"""Reads of the exchange log shared by its pages."""

from django.db.models import Prefetch, QuerySet

from council.models import Department, Person, User
from council.permissions import Access
from teams.models import DraftReview, Exchange, ExchangeParticipation, Goal
from translations.reading import with_versions


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
            Prefetch("participations", queryset=ExchangeParticipation.objects.select_related("city")),
            Prefetch("departments", queryset=Department.objects.select_related("city")),
            Prefetch("people", queryset=Person.objects.select_related("city")),
            "attachments",
            Prefetch("goals", queryset=Goal.objects.select_related("plan")),
            "action_items__owner",  # the page's "Action items" card
            Prefetch("reviews", queryset=DraftReview.objects.select_related("by__person")),  # a draft's story
        )
    )
    return with_versions(with_versions(exchanges), "goals", "goals__plan")
