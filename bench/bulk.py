"""Volume for measuring: many generated exchanges in the demo council (`manage.py seed_bulk`).

The rows speak demo/exchanges.py's vocabulary and follow its rules (templates per team, status by
date, results and outcomes of completed ones), spread over more years and far more per team. They are
inserted with bulk_create: no history records and no signals, since nobody wrote or edited them.
They are recorded by an inactive account of their own (MARKER_USERNAME), which marks them: the
exchange page names it as "recorded by", and `--replace` deletes by it (created_by_id is indexed).
"""

import datetime as dt
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from council.models import City, Council
from demo.exchanges import TEMPLATES, _exchange, _status
from teams.models import Exchange, FocusArea, Team

DEMO_COUNCIL = "Seoul–Beijing Integration Council"
MARKER_USERNAME = "seed-bulk"
BATCH_SIZE = 5_000
FUTURE_DAYS = 180  # planned and proposed exchanges reach half a year ahead
GROWTH = 0.75  # < 1: later years hold more exchanges than earlier ones (the cooperation grows)
TEAM_WEIGHTS = {"economy": 4, "culture": 3, "education": 2}
# Share of a team's exchanges hosted by the first city of the rotation (Seoul): never quite even.
FIRST_CITY_HOSTS = {"economy": 0.58, "culture": 0.46, "education": 0.53}
NO_OUTCOMES = 0.12  # completed exchanges whose outcomes nobody has written down yet


class DemoCouncilMissing(Exception):
    pass


@dataclass(frozen=True)
class Layout:
    """The demo council's rows the generator picks from, read once."""

    teams: list[Team]
    weights: list[int]
    areas: dict[int, dict[str, FocusArea]]  # team id → focus areas by English name
    cities: list[City]


def demo_layout() -> Layout:
    council = Council.objects.filter(name_en=DEMO_COUNCIL).first()
    if council is None:
        raise DemoCouncilMissing(f"The demo council ({DEMO_COUNCIL}) is missing: run `manage.py load_demo` first.")
    teams = [team for team in Team.objects.filter(council=council).order_by("order", "code") if team.code in TEMPLATES]
    cities = council.rotation()
    if not teams or len(cities) < 2:
        raise DemoCouncilMissing("The demo council has no teams or fewer than two cities: run `manage.py load_demo`.")
    areas = {team.pk: {} for team in teams}
    for area in FocusArea.objects.filter(team__in=teams):
        areas[area.team_id][area.name_en] = area
    return Layout(teams, [TEAM_WEIGHTS.get(team.code, 1) for team in teams], areas, cities)


def marker_user():
    """The inactive account the generated exchanges are recorded by; it cannot sign in."""
    user, _created = get_user_model().objects.get_or_create(
        username=MARKER_USERNAME, defaults={"is_active": False, "password": make_password(None)}
    )
    return user


def generated_exchanges(layout: Layout, *, count: int, years: int, seed: int, today: dt.date) -> Iterator[Exchange]:
    """`count` unsaved exchanges from `years` ago to FUTURE_DAYS ahead; the same for the same seed and day."""
    rng = random.Random(seed)
    first_day = today - dt.timedelta(days=round(years * 365.25))
    span = (today - first_day).days + FUTURE_DAYS
    first_city, second_city = layout.cities[0], layout.cities[1]
    for _n in range(count):
        team = rng.choices(layout.teams, weights=layout.weights)[0]
        template = rng.choice(TEMPLATES[team.code])
        starts_on = first_day + dt.timedelta(days=int(span * rng.random() ** GROWTH))
        if rng.random() < FIRST_CITY_HOSTS.get(team.code, 0.5):
            host, visiting = first_city, second_city
        else:
            host, visiting = second_city, first_city
        status = _status(starts_on, today, rng)
        exchange = _exchange(team, layout.areas[team.pk], template, starts_on, host, visiting, status, rng)
        if status == Exchange.Status.COMPLETED and rng.random() < NO_OUTCOMES:
            exchange.outcomes = ""
        yield exchange


def insert(exchanges: Iterator[Exchange], *, by, batch_size: int = BATCH_SIZE, progress: Callable | None = None) -> int:
    """Insert in batches, one transaction each; `progress(done, seconds)` after each. Returns the count."""
    done, started = 0, time.perf_counter()
    while batch := list(islice(exchanges, batch_size)):
        for exchange in batch:
            exchange.created_by = by
        with transaction.atomic():
            Exchange.objects.bulk_create(batch, batch_size=batch_size)
        done += len(batch)
        if progress:
            progress(done, time.perf_counter() - started)
    return done


def analyze() -> None:
    """Refresh the planner's statistics: right after a bulk load they still describe the empty table,
    and PostgreSQL would plan the dashboard's scans of 100,000 rows as if they returned one (autovacuum
    catches up only later). VACUUM also sets the visibility map that index-only scans need; it cannot
    run inside a transaction (a test's), where ANALYZE alone does."""
    table = Exchange._meta.db_table
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {table}" if vacuum else f"ANALYZE {table}")


def delete_generated(*, by) -> int:
    """Delete the exchanges recorded by the marker account, in one statement.

    Not QuerySet.delete(): simple-history listens to post_delete, so Django would load every row and
    write a "deleted" history record for each. Generated rows have no history and nothing linked to
    them; if someone linked something since, the database's foreign keys refuse (IntegrityError).
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Exchange._meta.db_table} WHERE created_by_id = %s", [by.pk])  # noqa: S608
        return cursor.rowcount
