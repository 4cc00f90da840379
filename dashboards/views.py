"""The signed-in user's home: what their role needs first."""

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from assemblies.selectors import last_held_assembly, next_assembly
from council.desk_selectors import upcoming_actions
from council.permissions import Access, access_for
from teams.models import Team
from teams.selectors import teams_with_sides


@login_required
def home(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    my_actions = upcoming_actions(person=access.person)  # anyone with a person may own action items
    if not access.kinds:  # an administrator, or an account without a council role yet
        return render(request, "dashboards/home.html", {"council": None, "my_actions": my_actions})
    council = access.person.council
    return render(
        request,
        "dashboards/home.html",
        {
            "council": council,
            "my_actions": my_actions,
            "next_assembly": next_assembly(council_id=council.pk),
            "last_assembly": last_held_assembly(council_id=council.pk),
            "my_teams": _home_teams(access),
            "rotation": council.rotation(),
        },
    )


def _home_teams(access: Access) -> QuerySet[Team]:
    """A team's own people see their team; council-wide roles see every team."""
    teams = teams_with_sides(council_id=access.council_id)
    own_team_ids = access.lead_team_ids | access.member_team_ids
    if own_team_ids:
        return teams.filter(pk__in=own_team_ids)
    return teams if access.can_read_council() else teams.none()
