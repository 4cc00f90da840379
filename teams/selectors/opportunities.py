"""Reads of cooperation potential: the opportunities a person may see, ready for the list, board and detail."""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from council.permissions import Access
from teams.models import Exchange, Opportunity, Team
from teams.permissions import can_manage_team_work, visible_team_ids
from translations.reading import texts_matching, with_versions

SEARCHED_FIELDS = ("title", "description", "dropped_reason")


def opportunities_in_council(*, council_id: int) -> QuerySet[Opportunity]:
    """Every opportunity of a council, with what the detail page shows: fetch here, then check the team.

    With its texts' versions and its exchange's (one query each for any number of rows).
    """
    opportunities = Opportunity.objects.filter(team__council_id=council_id).select_related(
        "team", "focus_area", "proposed_by__city", "proposing_city", "exchange", "dropped_by__person"
    )
    return with_versions(with_versions(opportunities), "exchange")


def visible_opportunities(access: Access) -> QuerySet[Opportunity]:
    """The opportunities of the teams this person may read, with what each row and card shows."""
    return opportunities_in_council(council_id=access.council_id).filter(team__in=visible_team_ids(access))


def visible_teams(access: Access) -> QuerySet[Team]:
    return Team.objects.filter(council_id=access.council_id, pk__in=visible_team_ids(access)).order_by("order", "code")


def filter_opportunities(
    queryset: QuerySet[Opportunity], *, team=None, focus_area=None, status: str = "", search: str = ""
) -> QuerySet[Opportunity]:
    if team is not None:
        queryset = queryset.filter(team=team)
    if focus_area is not None:
        queryset = queryset.filter(focus_area=focus_area)
    if status:
        queryset = queryset.filter(status=status)
    if search:  # in the texts as written and in every version of them
        queryset = queryset.filter(texts_matching(Opportunity, SEARCHED_FIELDS, search))
    return queryset


@dataclass
class Column:
    status: str
    label: str
    opportunities: list[Opportunity] = field(default_factory=list)


@dataclass
class Board:
    team: Team
    columns: list[Column]
    can_manage: bool = False

    @property
    def total(self) -> int:
        return sum(len(column.opportunities) for column in self.columns)


def boards(*, teams, opportunities, access: Access) -> list[Board]:
    """One board per team, a column per status in workflow order; two queries whatever the number of cards."""
    by_team = {
        team.pk: Board(
            team=team,
            columns=[Column(status, label) for status, label in Opportunity.Status.choices],
            can_manage=can_manage_team_work(access, team),
        )
        for team in teams
    }
    positions = {status: index for index, status in enumerate(Opportunity.Status.values)}
    for opportunity in opportunities:
        board = by_team.get(opportunity.team_id)
        if board is not None:
            board.columns[positions[opportunity.status]].opportunities.append(opportunity)
    return list(by_team.values())


def linkable_exchanges(*, team: Team) -> QuerySet[Exchange]:
    """Exchanges an approved opportunity of this team could be recorded as having become."""
    return (
        Exchange.objects.filter(team=team, opportunity__isnull=True)
        .exclude(status=Exchange.Status.CANCELLED)
        .order_by("-starts_on", "-pk")
    )
