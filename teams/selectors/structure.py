"""Reads of teams shared by views and other apps."""

from django.db.models import Prefetch, QuerySet

from council.models import Role
from teams.models import Team, TeamSide


def teams_with_sides(*, council_id: int) -> QuerySet[Team]:
    """Teams with their co-lead departments, leads and focus areas: three queries for any number."""
    return Team.objects.filter(council_id=council_id).prefetch_related(
        Prefetch("sides", queryset=TeamSide.objects.select_related("city", "department", "lead")),
        "focus_areas",
    )


def team_roles(*, team: Team) -> QuerySet[Role]:
    return team.roles.select_related("person__city", "person__department").order_by(
        "kind", "person__city__code", "person__name_romanised"
    )
