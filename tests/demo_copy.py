"""The demo council, loaded once per test process and copied back before each test that needs it whole.

A transactional test (a browser test: the live server reads what the test committed) ends with the
database emptied by Django's flush, and loading the demo again takes seconds. So the first load is
copied, table by table, beside it in the same test database — into a schema on PostgreSQL, an attached
file on SQLite, which the flush does not touch — and copied back in one transaction: the same rows with
the same ids, in a fraction of the time.
"""

import io
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

COPY = "demo_copy"  # the schema (PostgreSQL) or attached database (SQLite) of the copy
_files: dict[str, Path] = {}  # SQLite: the copy's file per test database
_copied: set[str] = set()  # the test databases (by name) that have their copy


def load_demo() -> None:
    """The database as `manage.py load_demo` leaves it."""
    database = connection.settings_dict["NAME"]
    if database in _copied:
        _copy_back()
    else:
        call_command("load_demo", stdout=io.StringIO())
        _copy_aside()
        _copied.add(database)


def _copy_aside() -> None:
    with _copy_schema(), connection.cursor() as cursor:
        if connection.vendor != "sqlite":
            cursor.execute(f"DROP SCHEMA IF EXISTS {COPY} CASCADE")
            cursor.execute(f"CREATE SCHEMA {COPY}")
        for table in _tables():
            cursor.execute(f"CREATE TABLE {COPY}.{table} AS SELECT * FROM {table}")  # noqa: S608 — table names


def _copy_back() -> None:
    with _copy_schema(), transaction.atomic(), connection.cursor() as cursor:
        for sql in connection.ops.sql_flush(no_style(), _table_names(), allow_cascade=True):
            cursor.execute(sql)
        for table in _tables():  # the constraints are checked at the commit, when every row is back
            cursor.execute(f"INSERT INTO {table} SELECT * FROM {COPY}.{table}")  # noqa: S608 — table names
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)):
            cursor.execute(sql)
    ContentType.objects.clear_cache()  # the flush made the content types again, with other ids


def _table_names() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def _tables() -> list[str]:
    return [connection.ops.quote_name(table) for table in _table_names()]


@contextmanager
def _copy_schema():
    """On SQLite, the copy's file is attached while it is used (outside a transaction, as SQLite asks)."""
    if connection.vendor != "sqlite":
        yield
        return
    database = connection.settings_dict["NAME"]
    path = _files.setdefault(database, Path(tempfile.mkdtemp(prefix="council-desk-demo-")) / "demo.sqlite3")
    with connection.cursor() as cursor:
        cursor.execute(f"ATTACH DATABASE %s AS {COPY}", [str(path)])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DETACH DATABASE {COPY}")
