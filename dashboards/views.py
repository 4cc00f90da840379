"""The signed-in user's home: what their role needs first."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from assemblies.selectors import last_held_assembly, next_assembly
from council.permissions import access_for
from teams.selectors import teams_with_sides


@login_required
def home(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    context = {"council": access.person.council if access.person else None}
    if access.council_id is not None:
        team_ids = access.readable_team_ids(access.lead_team_ids | access.member_team_ids)
        context.update(
            next_assembly=next_assembly(council_id=access.council_id),
            last_assembly=last_held_assembly(council_id=access.council_id),
            my_teams=[t for t in teams_with_sides(council_id=access.council_id) if t.pk in team_ids],
            rotation=access.person.council.rotation(),
        )
    return render(request, "dashboards/home.html", context)
