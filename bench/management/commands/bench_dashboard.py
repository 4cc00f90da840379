"""`make bench-dashboard`: the dashboard and the exchange list at volume, beside their floor and the Django admin.

Server time of each page through the test Client in this process (middleware, view, queries,
templates; no network), the median and 90th percentile of --runs requests after --warmups, with
DEBUG off (no query log, no template debugging). The floor is the dashboard's exchange figures as
plain SQL with the selectors' WHERE clauses (dashboards/selectors.py), run back to back on the same
connection: what the page cannot be faster than. The admin changelist is what a user would otherwise
open. Needs PostgreSQL with the demo council and the bulk exchanges (`make bench-dashboard` makes them).
"""

# ruff: noqa: S608 - the floor's SQL is put together from constants here; values go as parameters.

import datetime as dt
import os
import platform
import statistics
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import ApiToken
from accounts.tokens import make_token
from assemblies.cycles import CyclePeriod, cycle_periods, next_assembly
from bench.bulk import DEMO_COUNCIL, MARKER_USERNAME
from common import change_tokens
from council.models import Council
from dashboards import selectors
from teams.models import Exchange, Team

DASHBOARD_USER, LIST_USER, ADMIN_USER = "mayor-office-beijing", "secretariat-seoul", "admin"
DASHBOARD_QUERIES = 12  # the target for a whole request of the dashboard, session and user included


@dataclass
class Timing:
    name: str
    ms: list[float]
    queries: int

    @property
    def median(self) -> float:
        return statistics.median(self.ms)

    @property
    def p90(self) -> float:
        return statistics.quantiles(self.ms, n=10, method="inclusive")[-1]


class Command(BaseCommand):
    help = "Time the dashboard, its floor in raw SQL, the exchange list and the admin changelist (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=15, help="Timed requests per page (default 15).")
        parser.add_argument("--warmups", type=int, default=2, help="Untimed requests first (default 2).")

    def handle(self, *args, runs: int, warmups: int, **options) -> None:
        if runs < 2 or warmups < 0:
            raise CommandError("--runs must be 2 or more (for a p90), --warmups 0 or more.")
        if connection.vendor != "postgresql":
            raise CommandError("The bench runs on PostgreSQL: set DATABASE_URL (`make bench-dashboard`).")
        council = Council.objects.filter(name_en=DEMO_COUNCIL).first()
        if council is None:
            raise CommandError("No demo council here: `make bench-dashboard` loads it and the bulk exchanges.")
        # WhiteNoise warns that collectstatic has not run: the bench requests no static file.
        warnings.filterwarnings("ignore", "No directory at", UserWarning)
        measure = Measure(runs=runs, warmups=warmups)
        dashboard, list_, admin_ = (clients(username) for username in (DASHBOARD_USER, LIST_USER, ADMIN_USER))
        admin_url = "/admin/teams/exchange/?status__exact=completed"
        current, every = floor_scope(council, cycle="current"), floor_scope(council, cycle="all")
        # The API's rate limit counts a person's requests; the bench sends more than a person would.
        # Each page as its view renders it: a page kept whole for its reader (common.kept_pages) would
        # measure the cache, not the page.
        settings_ = {
            "DEBUG": False,
            "ALLOWED_HOSTS": ["testserver"],
            "API_RATE_LIMIT": "1000000/min",
            "KEPT_PAGES": False,
        }
        with override_settings(**settings_):
            rows = [
                measure.page("dashboard /dashboard/ (current cycle)", dashboard, "/dashboard/"),
                measure.timed("floor: its figures in raw SQL (current cycle)", lambda: run_floor(**current)),
                measure.page("dashboard /dashboard/?cycle=all", dashboard, "/dashboard/?cycle=all"),
                measure.timed("floor: its figures in raw SQL (all cycles)", lambda: run_floor(**every)),
                measure.page("exchange list /exchanges/?status=completed", list_, "/exchanges/?status=completed"),
            ]
            api_url = f"/api/v1/exchanges/?status=completed&limit={settings.PAGE_SIZE}"
            rows.append(measure.page("API exchange list, the same page size", api_client(LIST_USER), api_url))
            rows.append(measure.page(f"admin changelist {admin_url.removeprefix('/admin/teams/')}", admin_, admin_url))
            rows.append(measure.timed("dashboard, computed afresh (a record just changed)", cold(dashboard)))
        self.report(council, rows, runs, warmups)

    def report(self, council: Council, rows: list[Timing], runs: int, warmups: int) -> None:
        write = self.stdout.write
        with connection.cursor() as cursor:
            cursor.execute("SELECT version()")
            version = cursor.fetchone()[0].split(" on ")[0]
        exchanges = Exchange.objects.filter(team__council=council)
        write("")
        write(f"Machine: {os.cpu_count()} CPUs, {platform.platform()}, Python {platform.python_version()}, {version}")
        write(
            f"Data: {exchanges.count():,} exchanges in {council.name_en} "
            f"({exchanges.filter(created_by__username=MARKER_USERNAME).count():,} of them from seed_bulk)"
        )
        write(f"Server time in process (Django test Client), DEBUG off; median and p90 of {runs} after {warmups}.")
        write(
            "Cache: the dashboard's figures are kept until a record they are made of changes (dashboards.cache);"
            " the dashboard rows are of kept figures, the last row of figures computed afresh;"
            " every page rendered by its view (KEPT_PAGES off)."
        )
        write("")
        write(f"{'page':<52}{'median ms':>11}{'p90 ms':>9}{'queries':>9}")
        for row in rows:
            write(f"{row.name:<52}{row.median:>11.1f}{row.p90:>9.1f}{row.queries:>9}")
        write("")
        # The performance work's targets, each a ratio within this run (the machine varies by a fifth).
        ratios = [
            ("dashboard / floor (current cycle)", rows[0], rows[1], 1.25),
            ("dashboard / floor (all cycles)", rows[2], rows[3], 1.25),
            ("exchange list / admin changelist", rows[4], rows[6], 0.4),
            ("API exchange list / HTML exchange list", rows[5], rows[4], 1),
        ]
        for name, page, floor, aim in ratios:
            ratio = page.median / floor.median
            verdict = "OK" if ratio <= aim else "over"
            write(f"{name:<52}{ratio:>10.2f}x  (target: at most {aim}x: {verdict})")
        for row in (rows[0], rows[2]):
            verdict = "OK" if row.queries <= DASHBOARD_QUERIES else "over"
            write(f"{row.name + ': queries':<52}{row.queries:>10}   (target: at most {DASHBOARD_QUERIES}: {verdict})")


@dataclass
class Measure:
    runs: int
    warmups: int

    def page(self, name: str, client: Client, url: str) -> Timing:
        def get() -> None:
            response = client.get(url)
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}, not 200.")

        return self.timed(name, get)

    def timed(self, name: str, run: Callable[[], None]) -> Timing:
        for _ in range(self.warmups):
            run()
        ms = []
        for _ in range(self.runs):
            started = time.perf_counter()
            run()
            ms.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:  # one more, untimed: the debug cursor costs time
            run()
        return Timing(name, ms, len(queries))


def cold(client: Client) -> Callable[[], None]:
    """The dashboard right after a change: the records' token renewed before each request."""

    def get() -> None:
        change_tokens.renew()
        if client.get("/dashboard/").status_code != 200:
            raise CommandError("/dashboard/ answered another status than 200.")

    return get


def clients(username: str) -> Client:
    client = Client()
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"No account {username!r}: run `manage.py load_demo`.")
    client.force_login(user)
    return client


def api_client(username: str) -> Client:
    """A client reading the API with a fresh token of the person (revoked by the next bench run)."""
    user = get_user_model().objects.get(username=username)
    ApiToken.objects.filter(user=user, name="bench").update(revoked_at=timezone.now())
    _token, key = make_token(user=user, name="bench")
    return Client(headers={"Authorization": f"Bearer {key}"})


# The floor ----------------------------------------------------------------------------------------


def floor_scope(council: Council, *, cycle: str) -> dict:
    """The parameters the dashboard's default view (current cycle) or ?cycle=all uses (dashboards/views.py)."""
    period: CyclePeriod | None = None
    if cycle == "current":
        periods = cycle_periods(council=council)
        upcoming = next_assembly(council_id=council.pk)
        fallback = periods[-1] if periods else None
        period = next((p for p in periods if upcoming and p.assembly.pk == upcoming.pk), fallback)
    return {
        "team_ids": list(Team.objects.filter(council=council).values_list("pk", flat=True)),
        "city_ids": [city.pk for city in council.rotation()],
        "period": (period.after, period.until) if period else None,
        "today": timezone.localdate(),
    }


SCOPE = "e.team_id = ANY(%(teams)s) AND NOT e.status = 'draft'"
PERIOD = "e.starts_on > %(after)s AND e.starts_on <= %(until)s"


def status_list(statuses) -> str:
    """Statuses as an SQL list; from the model's own constants, so the floor counts what the selectors do."""
    return ", ".join(f"'{status}'" for status in statuses)  # the model's choices: never user input


COUNTS = (
    "COUNT(*) FILTER (WHERE e.status = 'completed') AS completed, "
    f"COUNT(*) FILTER (WHERE e.status IN ({status_list(Exchange.PLANNED_STATUSES)})) AS planned"
)
LIST_COLUMNS = (
    "e.id, e.kind, e.status, e.language, e.title, e.starts_on, e.outcomes, "
    "e.agreements_signed, e.investment_amount, e.investment_currency, e.participants_reached, "
    "t.name_en, t.name_ko, t.name_zh_hans, c.name_en, c.name_ko, c.name_zh_hans"
)
VERSIONS = (
    "SELECT v.object_id, v.field, v.language, v.text, v.source_text FROM translations_version v "
    "WHERE v.content_type_id = %(type)s AND v.object_id = ANY(%(ids)s)"
)
LIST_FROM = "teams_exchange e JOIN teams_team t ON t.id = e.team_id LEFT JOIN council_city c ON c.id = e.host_city_id"


def floor_queries(city_ids: list[int], *, in_period: bool) -> list[str]:
    """The dashboard's exchange figures in plain SQL, with the WHERE clauses of dashboards/selectors.py."""
    scoped = f"{SCOPE} AND {PERIOD}" if in_period else SCOPE
    now = PERIOD if in_period else "TRUE"
    reciprocity = ", ".join(
        f"COUNT(*) FILTER (WHERE e.host_city_id = {pk}), COUNT(*) FILTER (WHERE e.visiting_city_id = {pk})"
        for pk in city_ids
    )
    return [
        # activity: per team, focus area and year (the dashboard sums it into both tables)
        f"SELECT e.team_id, e.focus_area_id, EXTRACT(YEAR FROM e.starts_on) AS year, {COUNTS} "
        f"FROM teams_exchange e WHERE {scoped} GROUP BY 1, 2, 3",
        # results: this cycle's and all time's, per currency (the dashboard sums the currencies)
        f"SELECT e.investment_currency, COUNT(*) FILTER (WHERE {now}), SUM(e.agreements_signed) FILTER (WHERE {now}), "
        f"SUM(e.participants_reached) FILTER (WHERE {now}), "
        f"COUNT(*) FILTER (WHERE {now} AND e.participants_reached IS NULL), "
        f"SUM(e.investment_amount) FILTER (WHERE {now}), COUNT(*), SUM(e.agreements_signed), "
        "SUM(e.participants_reached), COUNT(*) FILTER (WHERE e.participants_reached IS NULL), SUM(e.investment_amount) "
        f"FROM teams_exchange e WHERE {SCOPE} AND e.status = 'completed' GROUP BY 1 ORDER BY 1",
        # reciprocity
        f"SELECT e.team_id, {reciprocity} FROM teams_exchange e WHERE {scoped} AND e.status = 'completed' "
        "GROUP BY 1 ORDER BY 1",
        # upcoming_exchanges (all cycles)
        f"SELECT {LIST_COLUMNS} FROM {LIST_FROM} WHERE {SCOPE} "
        f"AND e.status IN ({status_list(selectors.UPCOMING_STATUSES)}) AND e.starts_on >= %(today)s "
        "AND e.starts_on <= %(upcoming_until)s ORDER BY e.starts_on, e.id LIMIT 10",
        # latest_completed
        f"SELECT {LIST_COLUMNS} FROM {LIST_FROM} WHERE {scoped} AND e.status = 'completed' AND e.outcomes <> '' "
        "ORDER BY e.starts_on DESC, e.id DESC LIMIT 10",
    ]


def run_floor(*, team_ids: list[int], city_ids: list[int], period: tuple | None, today) -> None:
    params = {
        "teams": team_ids,
        "after": period[0] if period else None,
        "until": period[1] if period else None,
        "today": today,
        "upcoming_until": today + dt.timedelta(days=selectors.UPCOMING_DAYS),
    }
    with connection.cursor() as cursor:
        for sql in floor_queries(city_ids, in_period=period is not None):
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            if rows and sql.startswith(f"SELECT {LIST_COLUMNS}"):  # a list's texts in other languages
                listed = [row[0] for row in rows]
                cursor.execute(VERSIONS, {"type": ContentType.objects.get_for_model(Exchange).pk, "ids": listed})
                cursor.fetchall()
