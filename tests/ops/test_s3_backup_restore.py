"""Backup and restore with the files in an S3-compatible bucket (MEDIA_STORAGE_URL), against a moto
server: the archive is the same as from MEDIA_ROOT, so a bucket's backup restores into an empty bucket
or into a folder, and a folder's backup into a bucket, with the same files under the same names.

On the suite's database, SQLite or PostgreSQL (the archive holds it either way); the restores run
`manage.py` in processes of their own, configured by their environment as an operator's would be.
The data must be committed for the backup to see it: transactional tests.
"""

import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from bench.worker_process import database_url
from common.backups import libpq_environment
from teams.models import ExchangeAttachment
from tests.factories import CouncilFactory, ExchangeFactory, TeamFactory
from tests.fixtures.correspondence import attach, log_letter
from tests.fixtures.s3 import new_bucket
from tests.ops.snapshot import as_json, snapshot

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(settings.BASE_DIR)
LETTER_PDF = b"%PDF-1.4\n" + bytes(range(256)) * 4
MINUTES_PDF = b"%PDF-1.7\nminutes of the forum\n\x00\xff\xfe"


@pytest.fixture
def new_database(tmp_path):
    """Makes new, empty databases of the suite's kind (createdb, as an operator would); their DATABASE_URLs."""
    made = []

    def make() -> str:
        if connection.vendor != "postgresql":
            made.append(tmp_path / f"restored-{len(made)}.sqlite3")
            return f"sqlite:///{made[-1]}"
        made.append(f"council_desk_restore_{uuid.uuid4().hex[:10]}")
        _pg("createdb", made[-1])
        return database_url({**connection.settings_dict, "NAME": made[-1]})

    yield make
    for name in made:
        if isinstance(name, str):
            _pg("dropdb", "--force", "--if-exists", name)


def _pg(*command: str) -> None:
    env = libpq_environment(connection.settings_dict)
    subprocess.run(command, env=env, check=True, capture_output=True)  # noqa: S603


def table_count(url: str) -> int:
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as database:
            return database.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    result = subprocess.run(
        ["psql", "-tAc", "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", url],  # noqa: S607
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return int(result.stdout)


def run(code: list[str], *, database: str, media: dict[str, str]) -> subprocess.CompletedProcess:
    """A process of the installation on `database` whose files are where `media` says (MEDIA_ROOT, or a
    bucket's environment): nothing of this process's storage settings is inherited."""
    inherited = {k: v for k, v in os.environ.items() if k not in ("MEDIA_ROOT", "MEDIA_STORAGE_URL")}
    env = {**inherited, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1", "DATABASE_URL": database, **media}
    return subprocess.run(
        [sys.executable, *code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,  # noqa: S603
    )


def manage(*args: str, database: str, media: dict[str, str]) -> subprocess.CompletedProcess:
    return run(["manage.py", *args], database=database, media=media)


def restored_snapshot(*, database: str, media: dict[str, str]) -> dict:
    code = "import django; django.setup(); from tests.ops.snapshot import main; main()"
    result = run(["-c", code], database=database, media=media)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def files_in_the_bucket(s3_bucket) -> dict[str, bytes]:
    """Two uploaded files of new records, in the bucket: their names and bytes."""
    council = CouncilFactory()
    sender, receiver = council.rotation()
    forum = ExchangeFactory(team=TeamFactory(council=council), title="Smart-city forum")
    minutes = ExchangeAttachment(
        exchange=forum, original_name="minutes.pdf", content_type="application/pdf", size=len(MINUTES_PDF)
    )
    minutes.file.save("minutes.pdf", ContentFile(MINUTES_PDF), save=True)
    letter = log_letter(council, sender=sender.code, receiver=receiver.code, subject="Invitation to the forum")
    invitation = attach(letter, "invitation.pdf", LETTER_PDF)
    files = {minutes.file.name: MINUTES_PDF, invitation.file.name: LETTER_PDF}
    assert s3_bucket.files() == files
    return files


def test_a_buckets_backup_restores_into_an_empty_bucket_and_a_folder_and_back(
    s3_server, files_in_the_bucket, new_database, tmp_path
):
    archive = tmp_path / "from-the-bucket.tar.gz"
    original = as_json(snapshot())
    call_command("backup", output=archive, stdout=io.StringIO())
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        media = {name: tar.extractfile(name).read() for name in tar.getnames() if name.startswith("media/")}
    assert media == {f"media/{name}": content for name, content in files_in_the_bucket.items()}
    assert manifest["media"] == {"files": 2, "bytes": len(MINUTES_PDF) + len(LETTER_PDF)}

    # Into an empty bucket.
    bucket, database = new_bucket(s3_server), new_database()
    result = manage("restore", str(archive), database=database, media=bucket.environment())
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Restored the database and 2 files")
    assert bucket.files() == files_in_the_bucket
    assert restored_snapshot(database=database, media=bucket.environment()) == original

    # Into an empty folder: the same archive, files on disk.
    folder, database = tmp_path / "media", new_database()
    assert manage("restore", str(archive), database=database, media={"MEDIA_ROOT": str(folder)}).returncode == 0
    assert {name: (folder / name).read_bytes() for name in files_in_the_bucket} == files_in_the_bucket
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) == sorted(files_in_the_bucket)
    assert restored_snapshot(database=database, media={"MEDIA_ROOT": str(folder)}) == original

    # And that folder's backup into another empty bucket.
    from_folder = tmp_path / "from-the-folder.tar.gz"
    result = manage("backup", "--output", str(from_folder), database=database, media={"MEDIA_ROOT": str(folder)})
    assert result.returncode == 0, result.stderr
    bucket, database = new_bucket(s3_server), new_database()
    assert manage("restore", str(from_folder), database=database, media=bucket.environment()).returncode == 0
    assert bucket.files() == files_in_the_bucket
    assert restored_snapshot(database=database, media=bucket.environment()) == original


def test_restore_refuses_a_bucket_with_files_and_changes_nothing(
    s3_server, files_in_the_bucket, new_database, tmp_path
):
    archive = tmp_path / "from-the-bucket.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())
    used = new_bucket(s3_server)
    used.client.put_object(Bucket=used.name, Key="council-desk/keep.txt", Body=b"someone's file")
    database = new_database()

    refused = manage("restore", str(archive), database=database, media=used.environment())

    assert refused.returncode == 1
    assert f"the bucket s3://{used.name}/council-desk is not empty" in refused.stderr
    assert used.files() == {"keep.txt": b"someone's file"}
    assert table_count(database) == 0
