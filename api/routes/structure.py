"""The reader's council: its cities, teams and focus areas."""

from django.db.models import Prefetch
from ninja import Router

from api import schemas
from api.auth import reader
from council.models import City
from teams.models import FocusArea, Team

router = Router(tags=["council"])


@router.get("/council/", response=schemas.Council, summary="The reader's council, its cities, teams and focus areas")
def council(request):
    access = reader(request, None, lambda access: bool(access.kinds))
    council = access.person.council
    cities = City.objects.filter(memberships__council=council).order_by("memberships__rotation_order")
    areas = Prefetch("focus_areas", queryset=FocusArea.objects.order_by("order", "pk"))
    teams = Team.objects.filter(council=council).order_by("order", "code").prefetch_related(areas)
    return {
        "id": council.pk,
        "name": str(council.name),
        "founded_on": council.founded_on,
        "assembly_interval_years": council.assembly_interval_years,
        "cities": [
            {
                "id": city.pk,
                "code": city.code,
                "name": str(city.name),
                "country": city.country,
                "time_zone": city.time_zone,
                "language": city.language,
            }
            for city in cities
        ],
        "teams": [
            {
                "id": team.pk,
                "code": team.code,
                "name": str(team.name),
                "focus_areas": [{"id": area.pk, "name": str(area.name)} for area in team.focus_areas.all()],
            }
            for team in teams
        ],
    }
