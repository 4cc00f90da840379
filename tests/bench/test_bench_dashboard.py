"""The dashboard bench's raw-SQL floor counts what the dashboard's selectors count."""

from bench.management.commands.bench_dashboard import COUNTS, floor_queries


def test_the_floor_counts_planned_as_agreed_and_not_yet_completed():
    assert "COUNT(*) FILTER (WHERE e.status IN ('planned', 'in_progress')) AS planned" in COUNTS


def test_the_floors_upcoming_list_takes_proposals_as_the_dashboard_does():
    upcoming = next(sql for sql in floor_queries([1, 2], in_period=True) if "LIMIT 10" in sql and ">=" in sql)

    assert "e.status IN ('proposed', 'planned', 'in_progress') AND e.starts_on >= %(today)s" in upcoming
