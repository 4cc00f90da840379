"""Backup and restore as an operator runs them: `manage.py backup`, then `manage.py restore` into a new
database and an empty MEDIA_ROOT, and the restored app shows the same records and the same files.

PostgreSQL only (pg_dump and pg_restore; CI runs the suite on PostgreSQL, where these fail rather than
skip). The data must be committed for pg_dump to see it: transactional tests.
"""

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from bench.worker_process import database_url
from common import change_tokens
from common.backups import libpq_environment
from teams.models import Exchange, ExchangeAttachment
from tests.concurrency import IN_CI, on_postgresql  # noqa: F401 (on_postgresql: the fixture)
from tests.factories import CouncilFactory, ExchangeFactory, TeamFactory
from tests.fixtures.correspondence import attach, log_letter
from tests.ops.snapshot import as_json, snapshot

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql" and not IN_CI,
        reason="needs PostgreSQL (pg_dump, pg_restore): set DATABASE_URL=postgres://…",
    ),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("on_postgresql"),  # in CI: fails on another database rather than skipping
]
ROOT = Path(settings.BASE_DIR)
# Bytes no text conversion survives unchanged: every byte value, after a PDF's signature.
LETTER_PDF = b"%PDF-1.4\n" + bytes(range(256)) * 4
MINUTES_PDF = b"%PDF-1.7\nminutes of the forum\n\x00\xff\xfe"


@pytest.fixture
def fresh_database():
    """A new, empty PostgreSQL database beside the test database (createdb, as an operator would); dropped after."""
    database = {**connection.settings_dict, "NAME": f"council_desk_restore_{uuid.uuid4().hex[:10]}"}
    env = libpq_environment(connection.settings_dict)
    subprocess.run(["createdb", database["NAME"]], env=env, check=True, capture_output=True)  # noqa: S607
    yield database
    subprocess.run(["dropdb", "--force", "--if-exists", database["NAME"]], env=env, check=True, capture_output=True)  # noqa: S607


@pytest.fixture
def records(settings, tmp_path):
    """A few records of each kind the operator will look for, and two uploaded files, in a MEDIA_ROOT of
    their own (the suite's shared one holds other tests' files)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    council = CouncilFactory()
    sender, receiver = council.rotation()
    team = TeamFactory(council=council)
    forum = ExchangeFactory(
        team=team, title="Smart-city forum · 스마트시티 포럼 · 智慧城市论坛", status=Exchange.Status.COMPLETED,
        investment_amount=Decimal("50000000.00"), investment_currency="USD",
    )  # fmt: skip
    ExchangeFactory(team=team, title="Teachers' exchange")
    minutes = ExchangeAttachment(
        exchange=forum, original_name="minutes.pdf", content_type="application/pdf", size=len(MINUTES_PDF)
    )
    minutes.file.save("minutes.pdf", ContentFile(MINUTES_PDF), save=True)
    letter = log_letter(council, sender=sender.code, receiver=receiver.code, subject="Invitation to the forum")
    log_letter(council, sender=receiver.code, receiver=sender.code, subject="Reply: we accept", in_reply_to=letter)
    attach(letter, "invitation.pdf", LETTER_PDF)
    get_user_model().objects.create_user("backup-operator", "operator@example.org", "a long enough password")
    return {"forum": forum, "letter": letter, "minutes": minutes}


def manage(*args: str, database: dict, media_root: Path) -> subprocess.CompletedProcess:
    """manage.py in a process of its own, configured for the other installation by its environment."""
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=_environment(database, media_root),
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def restored_snapshot(database: dict, media_root: Path) -> dict:
    code = "import django; django.setup(); from tests.ops.snapshot import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=_environment(database, media_root),
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _environment(database: dict, media_root: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "1",
        "DATABASE_URL": database_url(database),
        "MEDIA_ROOT": str(media_root),
    }


def table_count(database: dict) -> int:
    result = subprocess.run(
        ["psql", "-tAc", "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", database["NAME"]],  # noqa: S607
        env=libpq_environment(database), capture_output=True, text=True, check=True,
    )  # fmt: skip
    return int(result.stdout)


def test_a_backup_restored_into_a_new_installation_shows_the_same_records_and_files(records, fresh_database, tmp_path):
    archive = tmp_path / "council-desk.tar.gz"
    token = change_tokens.current()  # what figures kept now are keyed by: in the archive
    original = as_json(snapshot())
    call_command("backup", output=archive, stdout=io.StringIO())

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = sorted(tar.getnames())
    applied = {(app, name) for app, names_ in manifest["migrations"].items() for name in names_}
    assert applied == set(MigrationRecorder(connection).applied_migrations())
    assert (manifest["database"]["vendor"], manifest["media"]["files"]) == ("postgresql", 2)
    assert names == [
        "database.dump",
        "manifest.json",
        f"media/{records['letter'].attachments.get().file.name}",
        f"media/{records['minutes'].file.name}",
    ]

    media_root = tmp_path / "restored-media"
    result = manage("restore", str(archive), database=fresh_database, media_root=media_root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Restored the database and 2 files")

    restored = restored_snapshot(fresh_database, media_root)
    assert restored == original
    # The comparison is not of two empty sets: what the operator looks for is there, exactly.
    assert restored["counts"]["teams.Exchange"] >= 2 and restored["counts"]["secretariat.CorrespondenceAttachment"] >= 1
    forum = records["forum"]
    assert [forum.pk, forum.title, "completed", "2026-06-01", "50000000.00", "USD"] in restored["exchanges"]
    letter = records["letter"]
    assert [letter.reference, "Invitation to the forum"] in restored["references"]
    assert "backup-operator" in [username for username, _email, _password in restored["users"]]
    assert (media_root / records["minutes"].file.name).read_bytes() == MINUTES_PDF
    assert (media_root / letter.attachments.get().file.name).read_bytes() == LETTER_PDF
    # Restored, the records have a new token: nothing kept for this installation's records is read there.
    assert len(restored_token(fresh_database)) == 32 and restored_token(fresh_database) != token


def restored_token(database: dict) -> str:
    result = subprocess.run(
        ["psql", "-tAc", "SELECT token FROM common_changetoken", database["NAME"]],  # noqa: S607
        env=libpq_environment(database), capture_output=True, text=True, check=True,
    )  # fmt: skip
    return result.stdout.strip()


def test_restore_refuses_an_installation_that_is_not_empty_and_changes_nothing(records, fresh_database, tmp_path):
    archive = tmp_path / "council-desk.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())

    # Files in MEDIA_ROOT: refused before the (empty) database is touched.
    used_media = tmp_path / "used-media"
    used_media.mkdir()
    (used_media / "keep.txt").write_bytes(b"someone's file")
    refused = manage("restore", str(archive), database=fresh_database, media_root=used_media)
    assert refused.returncode == 1
    assert f"MEDIA_ROOT ({used_media}) is not empty" in refused.stderr
    assert table_count(fresh_database) == 0
    assert [path.name for path in used_media.iterdir()] == ["keep.txt"]

    # A database with rows (this one, once restored): refused, and it still holds what it held.
    media_root = tmp_path / "restored-media"
    assert manage("restore", str(archive), database=fresh_database, media_root=media_root).returncode == 0
    before = restored_snapshot(fresh_database, media_root)
    empty_media = tmp_path / "empty-media"
    refused = manage("restore", str(archive), database=fresh_database, media_root=empty_media)
    assert refused.returncode == 1
    assert f"The database {fresh_database['NAME']} is not empty" in refused.stderr
    assert restored_snapshot(fresh_database, media_root) == before
    assert not empty_media.exists()
