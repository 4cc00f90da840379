"""The dashboard's figures, with the dashboard's filters (cycle, team, city), as its page shows them."""

from django.utils import timezone
from ninja import Router

from api import schemas
from api.auth import reader
from api.problems import refused
from api.texts import named
from dashboards.dashboard import for_reader

router = Router(tags=["dashboard"])


def _results(results) -> dict:
    return {
        "exchanges": results.exchanges,
        "agreements": results.agreements,
        "participants": results.participants,
        "investment": dict(results.investment),
        "investment_total": results.total,
        "unconverted_currencies": results.unconverted,
    }


@router.get("/dashboard/", response=schemas.Dashboard, summary="The dashboard's figures")
def dashboard(request, cycle: str = "", team: str = "", city: str = ""):
    """`cycle`, `team`, `city` as on the dashboard page; a value it would refuse is answered 400."""
    access = reader(request, "dashboard", lambda access: access.can_read_council())
    form, found = for_reader(access, request.GET, today=timezone.localdate())
    if any(field.errors for field in form):
        errors = {field.name: [str(e) for e in field.errors] for field in form if field.errors}
        return refused(request, errors)
    period = found.scope.period
    return {
        "as_of": found.today,
        "cycle": {"after": period.after, "until": period.until} if period else None,
        "team": named(found.scope.team),
        "city": found.scope.city.code if found.scope.city else None,
        "reporting_currency": found.reporting_currency,
        "this_cycle": _results(found.now),
        "all_time": _results(found.ever),
        "by_year": found.year_totals,
        "by_team": [
            {"team": named(row["team"]), "completed": row["completed"], "planned": row["planned"]}
            for row in found.activity
        ],
        "by_focus_area": [
            {"team": named(row["team"]), "focus_area": named(row["area"]), **_counts(row)} for row in found.focus_areas
        ],
        "reciprocity": [
            {"city": city.code, "hosted": hosted, "sent": sent}
            for city, (hosted, sent) in zip(found.cities, found.reciprocity_totals, strict=True)
        ],
    }


def _counts(row: dict) -> dict:
    return {"completed": row["completed"], "planned": row["planned"]}
