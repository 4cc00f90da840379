"""A cheap signature of the whole database, to show that a refused or invalid request changed nothing.

Per model: the row count, the highest id and the latest `updated_at`. An insert or delete moves the count
or the highest id; an update of a time-stamped row moves its `updated_at` (`auto_now`), and every change
of a model with history adds a historical row. One query for all tables: the fuzzer asks after every case.
"""

import functools

from django.apps import apps
from django.db import connection
from django.db.models import Model

# Rows a request writes about itself rather than council data: the session, the record of sign-in
# attempts (django-axes) and the Django admin's log; and the token kept results are keyed by, which its
# first reader makes (common.change_tokens; a change of council data renews it, and shows elsewhere).
NOT_COUNCIL_DATA = {"sessions", "axes", "admin"}
NOT_COUNCIL_MODELS = {"common.ChangeToken"}


def tracked_models() -> list[type[Model]]:
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label not in NOT_COUNCIL_DATA
        and model._meta.label not in NOT_COUNCIL_MODELS
        and model._meta.managed
    ]


def _select(model: type[Model]) -> str:
    quote = connection.ops.quote_name
    meta = model._meta
    updated = (
        f"CAST(MAX({quote('updated_at')}) AS TEXT)"
        if any(field.column == "updated_at" for field in meta.concrete_fields)
        else "CAST(NULL AS TEXT)"
    )
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    return f"SELECT '{meta.label}', COUNT(*), MAX({pk}), {updated} FROM {table}"  # noqa: S608 — names of the models


def signature() -> dict[str, tuple]:
    """Model label → (rows, highest id, latest update)."""
    with connection.cursor() as cursor:
        cursor.execute(_statement(cursor))
        return {label: (rows, last_id, last_update) for label, rows, last_id, last_update in cursor.fetchall()}


_PREPARED = "tests_signature"


@functools.cache
def _query() -> str:
    return " UNION ALL ".join(_select(model) for model in tracked_models())


def _statement(cursor) -> str:
    """On PostgreSQL the query is prepared once per connection (planning its some 80 parts cost twice what
    running them does, and the tests ask thousands of times); a prepared statement outlives rollbacks."""
    if connection.vendor != "postgresql":
        return _query()
    cursor.execute("SELECT 1 FROM pg_prepared_statements WHERE name = %s", [_PREPARED])
    if cursor.fetchone() is None:
        cursor.execute(f"PREPARE {_PREPARED} AS {_query()}")
    return f"EXECUTE {_PREPARED}"


def changes(before: dict[str, tuple], after: dict[str, tuple]) -> dict[str, tuple]:
    """The models whose signature moved: label → (before, after)."""
    return {label: (before[label], after[label]) for label in before if before[label] != after[label]}
