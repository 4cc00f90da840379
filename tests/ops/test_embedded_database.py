"""The embedded default's SQLite with two people saving at once: both saves go through, one after the other."""

import threading
import time

import pytest
from django.db import OperationalError, connections, transaction

from config.settings import SQLITE_OPTIONS

ALIAS = "embedded"


@pytest.fixture
def embedded(tmp_path, django_db_blocker):
    """A database alias on a SQLite file with the settings' options; each thread opens its own connection."""
    database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "db.sqlite3"), "OPTIONS": SQLITE_OPTIONS}
    connections.settings[ALIAS] = connections.configure_settings({"default": database, ALIAS: database})[ALIAS]
    with django_db_blocker.unblock():
        with connections[ALIAS].cursor() as cursor:
            cursor.execute("CREATE TABLE saved (count integer)")
            cursor.execute("INSERT INTO saved VALUES (0)")
        yield connections[ALIAS]
        connections[ALIAS].close()
    del connections.settings[ALIAS]


def save_once(read: threading.Event, *, wait_for: threading.Event | None, errors: list) -> None:
    """A save as a view makes it: read, then write, in one transaction."""
    try:
        if wait_for is not None:
            wait_for.wait(timeout=10)
        with transaction.atomic(using=ALIAS), connections[ALIAS].cursor() as cursor:
            cursor.execute("SELECT count FROM saved")
            read.set()
            time.sleep(0.3)  # the other save reads (and writes) meanwhile
            cursor.execute("UPDATE saved SET count = count + 1")
    except OperationalError as error:
        errors.append(str(error))
    finally:
        read.set()
        connections[ALIAS].close()


def test_two_saves_at_once_both_go_through(embedded):
    first_read, second_read, errors = threading.Event(), threading.Event(), []
    saves = [
        threading.Thread(target=save_once, args=(first_read,), kwargs={"wait_for": None, "errors": errors}),
        threading.Thread(target=save_once, args=(second_read,), kwargs={"wait_for": first_read, "errors": errors}),
    ]
    for save in saves:
        save.start()
    for save in saves:
        save.join(timeout=30)

    assert errors == []
    with embedded.cursor() as cursor:
        cursor.execute("SELECT count FROM saved")
        assert cursor.fetchone() == (2,)
    with embedded.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone() == ("wal",)
