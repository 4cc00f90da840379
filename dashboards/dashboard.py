"""Everything the dashboard shows, from the selectors' aggregates: tables, and the same numbers for charts."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from assemblies.cycles import ACTIVE, cycle_periods, next_assembly
from common import change_tokens
from council.models import City
from council.permissions import Access
from dashboards import selectors
from dashboards.forms import DashboardFilterForm
from dashboards.selectors import Results, Scope
from teams.models import Team
from translations.reading import load_versions


@dataclass
class Dashboard:
    scope: Scope
    today: dt.date  # the day the figures are as of (the reader's)
    cities: list[City]
    years: list[int]
    activity: list[dict]  # per team: name, [(completed, planned) per year], totals
    year_totals: list[dict]  # per year: year, completed, planned
    total: dict  # every team and year: completed, planned
    focus_areas: list[dict]  # team, area, completed, planned
    now: Results
    ever: Results
    reporting_currency: str
    reciprocity: list[dict]  # team, [(hosted, sent) per city]
    reciprocity_totals: list[tuple[int, int]]
    plans: list
    upcoming: list
    latest: list
    next_assembly: selectors.NextAssembly | None

    def charts(self) -> dict:
        """The numbers of the tables, for Chart.js (labels already in the reader's language)."""
        # What Exchange.PLANNED_STATUSES counts, named as in the tables (the context tells translators).
        planned = pgettext("exchanges agreed, not yet completed", "Planned")
        return {
            "activity": {
                "labels": [str(year) for year in self.years],
                "series": [
                    {"label": _("Completed"), "data": [row["completed"] for row in self.year_totals]},
                    {"label": planned, "data": [row["planned"] for row in self.year_totals]},
                ],
            },
            "focus_areas": {
                "labels": [f"{row['area'].name} ({row['team'].name})" for row in self.focus_areas],
                "series": [
                    {"label": _("Completed"), "data": [row["completed"] for row in self.focus_areas]},
                    {"label": planned, "data": [row["planned"] for row in self.focus_areas]},
                ],
            },
            "reciprocity": {
                "labels": [city.name for city in self.cities],
                "series": [
                    {"label": _("Hosted"), "data": [hosted for hosted, _sent in self.reciprocity_totals]},
                    {"label": _("Sent a delegation"), "data": [sent for _hosted, sent in self.reciprocity_totals]},
                ],
            },
        }


def for_reader(access: Access, params, *, today: dt.date) -> tuple[DashboardFilterForm, Dashboard]:
    """The filter form bound to `params` (a query string) and the dashboard it selects, for the reader's
    council (who may read it is the caller's to check). A refused filter is left out, not fatal. The
    council's structure and the figures come from the cache while no record they are made of changes."""
    council = access.person.council
    token = change_tokens.current()
    periods, teams, cities = change_tokens.kept(token, "structure", council.pk, compute=lambda: _structure(council))
    # The next assembly is the first active one of the cycles (assemblies.cycles.next_assembly): no query.
    upcoming = next((p.assembly for p in periods if p.assembly.status in ACTIVE), None)
    current = next((p for p in periods if upcoming and p.assembly.pk == upcoming.pk), periods[-1] if periods else None)
    form = DashboardFilterForm(
        params or None,
        periods=periods,
        current=current,
        teams=Team.objects.filter(council=council).order_by("order", "code"),
        cities=City.objects.filter(memberships__council=council).order_by("memberships__rotation_order"),
        listed={"team": teams, "city": cities},
    )
    scope = Scope(
        council=council, teams=teams, period=form.period(), team=form.chosen("team"), city=form.chosen("city")
    )
    chosen = [scope.period and scope.period.assembly.pk, scope.team and scope.team.pk, scope.city and scope.city.pk]
    key = ("figures", council.pk, *chosen, today, settings.REPORTING_CURRENCY)
    return form, change_tokens.kept(
        token, *key, compute=lambda: build(scope, today=today, upcoming=upcoming, cities=cities)
    )


def _structure(council) -> tuple[list, list[Team], list[City]]:
    teams = list(Team.objects.filter(council=council).order_by("order", "code"))
    return cycle_periods(council=council), teams, council.rotation()


UNREAD = object()  # build() reads the next assembly and the cities itself unless given them


def build(scope: Scope, *, today: dt.date, upcoming=UNREAD, cities: list[City] | None = None) -> Dashboard:
    teams = {team.pk: team for team in scope.teams}
    cities = scope.council.rotation() if cities is None else cities
    activity = selectors.activity(scope)
    years = sorted({row["year"] for row in activity})
    by_year = _sum_by(activity, ("team_id", "year"))
    year_totals = _year_totals(by_year, years)
    now, ever = selectors.results(scope, reporting_currency=settings.REPORTING_CURRENCY)
    if upcoming is UNREAD:
        upcoming = next_assembly(council_id=scope.council.pk)
    state = selectors.next_assembly_state(upcoming, today)
    reciprocity, reciprocity_totals = _reciprocity(selectors.reciprocity(scope, cities), teams, cities)
    plans = selectors.current_plans(scope, state.assembly.cycle if state else None)
    upcoming, latest = selectors.upcoming_exchanges(scope, today), selectors.latest_completed(scope)
    # Their texts in the reader's language: the versions of all of them in one query.
    goals = [goal for plan in plans for goal in plan.goals.all()]
    load_versions(plans, goals, upcoming, latest, state.assembly if state else None)
    return Dashboard(
        scope=scope,
        today=today,
        cities=cities,
        years=years,
        activity=_activity(by_year, teams, years),
        year_totals=year_totals,
        total={key: sum(row[key] for row in year_totals) for key in ("completed", "planned")},
        focus_areas=_focus_areas(_sum_by(activity, ("focus_area_id",)), selectors.focus_areas(scope)),
        now=now,
        ever=ever,
        reporting_currency=settings.REPORTING_CURRENCY,
        reciprocity=reciprocity,
        reciprocity_totals=reciprocity_totals,
        plans=plans,
        upcoming=upcoming,
        latest=latest,
        next_assembly=state,
    )


def _sum_by(rows: list[dict], keys: tuple[str, ...]) -> list[dict]:
    """The activity rows' completed and planned exchanges summed per `keys` (the tables sort them)."""
    sums: dict[tuple, dict] = {}
    for row in rows:
        key = tuple(row[name] for name in keys)
        found = sums.setdefault(key, dict(zip(keys, key, strict=True), completed=0, planned=0))
        found["completed"] += row["completed"]
        found["planned"] += row["planned"]
    return list(sums.values())


def _activity(rows: list[dict], teams: dict, years: list[int]) -> list[dict]:
    cells = {(row["team_id"], row["year"]): (row["completed"], row["planned"]) for row in rows}
    table = []
    for team_id in sorted({row["team_id"] for row in rows}, key=lambda pk: (teams[pk].order, teams[pk].code)):
        per_year = [cells.get((team_id, year), (0, 0)) for year in years]
        table.append(
            {
                "team": teams[team_id],
                "years": per_year,
                "completed": sum(done for done, _planned in per_year),
                "planned": sum(planned for _done, planned in per_year),
            }
        )
    return table


def _year_totals(rows: list[dict], years: list[int]) -> list[dict]:
    totals = {year: {"year": year, "completed": 0, "planned": 0} for year in years}
    for row in rows:
        totals[row["year"]]["completed"] += row["completed"]
        totals[row["year"]]["planned"] += row["planned"]
    return [totals[year] for year in years]


def _focus_areas(rows: list[dict], areas: dict) -> list[dict]:
    table = [
        {"area": areas[row["focus_area_id"]], "completed": row["completed"], "planned": row["planned"]} for row in rows
    ]
    for row in table:
        row["team"] = row["area"].team
    return sorted(table, key=lambda row: (row["team"].order, row["team"].code, row["area"].order, row["area"].pk))


def _reciprocity(rows: list[dict], teams: dict, cities: list[City]) -> tuple[list[dict], list[tuple[int, int]]]:
    table = []
    for row in rows:
        pairs = [(row[f"hosted_{city.pk}"], row[f"sent_{city.pk}"]) for city in cities]
        table.append({"team": teams[row["team_id"]], "cities": pairs})
    table.sort(key=lambda row: (row["team"].order, row["team"].code))
    totals = [
        (sum(row["cities"][i][0] for row in table), sum(row["cities"][i][1] for row in table))
        for i in range(len(cities))
    ]
    return table, totals
