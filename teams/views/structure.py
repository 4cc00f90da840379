"""Team pages: the teams of the council and one team with its sides, focus areas and people."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from common.kept_pages import kept_page
from common.lookups import get_in_scope_or_404
from council.permissions import access_for, require
from teams import selectors


@login_required
@kept_page
def team_list(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require(access.council_id is not None and (access.can_read_council() or access.is_team_member))
    teams = selectors.teams_with_sides(council_id=access.council_id)
    if not access.can_read_council():
        teams = teams.filter(pk__in=access.member_team_ids)
    return render(request, "teams/team_list.html", {"teams": teams})


@login_required
@kept_page
def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    require(access.council_id is not None)
    team = get_in_scope_or_404(selectors.teams_with_sides(council_id=access.council_id), pk=pk)
    require(access.can_read_team(team))
    return render(
        request,
        "teams/team_detail.html",
        {"team": team, "roles": selectors.team_roles(team=team), "can_manage": access.can_manage_team(team)},
    )
