"""Backups: the database and every uploaded file in one archive, and back into an empty installation.

`manage.py backup --output FILE.tar.gz` and `manage.py restore FILE.tar.gz` call these. The archive:

    database.dump       pg_dump --format=custom (PostgreSQL: production)
    database.sqlite3    a consistent copy made with SQLite's backup API (the embedded default only)
    media/…             every uploaded file, by its name in the storage
    manifest.json       format, app version, time, database vendor, migrations applied, file count

The files are read and written back through Django's storage (STORAGES["default"]): under MEDIA_ROOT
or in the S3-compatible bucket of MEDIA_STORAGE_URL, in the same archive format either way, so a
backup of one restores into the other. The database is dumped before the files are copied: a file
that a row names was uploaded before the dump, so it is in the archive (unless deleted meanwhile).
pg_dump reads one snapshot, so the app may keep running during a backup. Connection settings come
from DATABASES; the password reaches pg_dump and pg_restore through PGPASSWORD, never on a command
line (where `ps` shows it).
"""

import copy
import datetime as dt
import json
import os
import posixpath
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from common import change_tokens

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DUMPS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
# DATABASES OPTIONS that libpq also reads from the environment (sslmode=require in DATABASE_URL …).
LIBPQ_OPTIONS = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY"}
# PEP 706's "data" filter where this Python has it (3.11.4 on; Debian 12 ships 3.11.2). Entries are
# checked and made plain by _plain() anyway: regular files under the target, our owner, no odd modes.
EXTRACT_OPTIONS = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}


class BackupError(Exception):
    """Something an operator must fix; the message says what."""


@dataclass(frozen=True)
class Result:
    manifest: dict
    files: int
    file_bytes: int
    notes: tuple[str, ...] = ()

    @property
    def files_text(self) -> str:
        """For the commands' output: "2 files (1.2 MB)"."""
        return f"{self.files} file{'' if self.files == 1 else 's'} ({filesizeformat(self.file_bytes)})"


# Shared -----------------------------------------------------------------------------------------


def libpq_environment(database: dict) -> dict[str, str]:
    """This process's environment with libpq's variables taken from DATABASES alone (an inherited
    PGHOST or PGPASSWORD must not send pg_dump to another server)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if database.get(key):
            env[variable] = str(database[key])
    for option, variable in LIBPQ_OPTIONS.items():
        if database.get("OPTIONS", {}).get(option):
            env[variable] = str(database["OPTIONS"][option])
    return env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} was not found: install the PostgreSQL client (Debian: postgresql-client).")
    return path


def _run(command: list[str], *, env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed (exit {result.returncode}):\n{result.stderr.strip()}")


def media_place() -> str:
    """Where the uploaded files are, for messages: "MEDIA_ROOT (/var/lib/…)" or "the bucket s3://…"."""
    if isinstance(default_storage, FileSystemStorage):
        return f"MEDIA_ROOT ({default_storage.location})"
    if bucket := getattr(default_storage, "bucket_name", None):
        return f"the bucket s3://{posixpath.join(bucket, default_storage.location)}"
    return f"the file storage {type(default_storage).__name__}"


def stored_names(folder: str = "") -> Iterator[str]:
    """The name of every file in the storage, folder by folder in sorted order."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:  # MEDIA_ROOT not made yet: nothing was uploaded
        return
    for name in sorted(files):
        yield posixpath.join(folder, name)
    for subfolder in sorted(folders):
        yield from stored_names(posixpath.join(folder, subfolder))


# Backup -----------------------------------------------------------------------------------------


def backup(*, output: Path, using: str = "default") -> Result:
    """Write the archive to `output` (mode 0600: it holds password hashes); refuses to overwrite.

    Written under a temporary name and renamed at the end: a failed backup leaves no archive that
    looks complete.
    """
    connection = connections[using]
    if connection.vendor not in DUMPS:
        raise BackupError(f"Backups support PostgreSQL (and SQLite for development), not {connection.vendor}.")
    if output.exists():
        raise BackupError(f"{output} exists already: choose another name, or remove it first.")
    partial = output.with_name(f".{output.name}.partial")
    try:
        with tempfile.TemporaryDirectory(prefix="council-desk-backup-") as scratch:
            dump = Path(scratch) / DUMPS[connection.vendor]
            _dump_database(connection, dump)
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "wb") as file, tarfile.open(fileobj=file, mode="w:gz") as archive:
                archive.add(dump, arcname=dump.name)
                files, size = _add_media(archive)
                manifest = _manifest(connection, files=files, size=size)
                _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2, sort_keys=True).encode())
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return Result(manifest=manifest, files=files, file_bytes=size)


def _dump_database(connection, target: Path) -> None:
    database = connection.settings_dict
    if connection.vendor == "postgresql":
        # --no-password: fail at once rather than wait for a password prompt nobody answers (cron).
        command = [_tool("pg_dump"), "--format=custom", "--no-password", f"--file={target}", database["NAME"]]
        _run(command, env=libpq_environment(database))
        return
    connection.ensure_connection()
    duplicate = sqlite3.connect(target)
    try:
        connection.connection.backup(duplicate)
    finally:
        duplicate.close()


def _add_media(archive: tarfile.TarFile) -> tuple[int, int]:
    """Every file of the storage, read through it (a bucket has no paths to open)."""
    files = size = 0
    for name in stored_names():
        info = tarfile.TarInfo(str(PurePosixPath(MEDIA, name)))
        try:
            with default_storage.open(name, "rb") as file:
                # The size of what was read, not of what a listing said: the header must match the bytes.
                file.seek(0, os.SEEK_END)
                info.size, info.mode = file.tell(), 0o600
                info.mtime = int(default_storage.get_modified_time(name).timestamp())
                file.seek(0)
                archive.addfile(info, file)
        except FileNotFoundError:  # deleted while we were copying: its row is gone from the dump too
            continue
        files += 1
        size += info.size
    return files, size


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(content), int(timezone.now().timestamp()), 0o600
    archive.addfile(info, BytesIO(content))


def _manifest(connection, *, files: int, size: int) -> dict:
    applied = MigrationRecorder(connection).applied_migrations()
    migrations: dict[str, list[str]] = {}
    for app_label, name in sorted(applied):
        migrations.setdefault(app_label, []).append(name)
    return {
        "format": FORMAT,
        "app": "council-desk",
        "version": app_version(),
        "created_at": timezone.now().astimezone(dt.UTC).isoformat(timespec="seconds"),
        "database": {"vendor": connection.vendor, "name": str(connection.settings_dict["NAME"])},
        "migrations": migrations,
        "media": {"files": files, "bytes": size},
    }


def app_version() -> str:
    """`git describe` of the checkout the app runs from; "unknown" outside a git clone."""
    try:
        result = subprocess.run(
            ["git", "describe", "--tags", "--always", "--dirty"],  # noqa: S607 (git from PATH, if any)
            cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=10, check=False,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else "unknown"


# Restore ----------------------------------------------------------------------------------------


def restore(*, archive_path: Path, force: bool = False, using: str = "default") -> Result:
    """Restore an archive into this installation: its database and file storage must be empty unless
    `force`. Everything is checked before anything changes; the database is restored in one
    transaction (a failure leaves it as it was), then the files are unpacked."""
    connection = connections[using]
    with tarfile.open(archive_path, mode="r:gz") as archive:
        manifest = _read_manifest(archive)
        members = _checked_members(archive, manifest)
        if connection.vendor != manifest["database"]["vendor"]:
            raise BackupError(
                f"The archive holds a {manifest['database']['vendor']} database and this installation uses "
                f"{connection.vendor}: restore it into an installation with the same kind of database."
            )
        has_tables = _check_empty(connection, force=force)
        with tempfile.TemporaryDirectory(prefix="council-desk-restore-") as scratch:
            dump_name = DUMPS[connection.vendor]
            archive.extract(_plain(members[dump_name]), path=scratch, **EXTRACT_OPTIONS)
            _restore_database(connection, Path(scratch) / dump_name, clean=has_tables)
        change_tokens.renew_all(using)  # nothing cached from another state of the records is read again
        files, size = _unpack_media(archive, [m for name, m in members.items() if name.startswith(f"{MEDIA}/")])
    return Result(manifest=manifest, files=files, file_bytes=size, notes=tuple(_migration_notes(manifest)))


def _read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        member = archive.getmember(MANIFEST)
    except KeyError:
        raise BackupError("This is not a Council Desk backup: the archive has no manifest.json.") from None
    manifest = json.loads(archive.extractfile(member).read())
    if manifest.get("app") != "council-desk" or manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r} (this version reads format {FORMAT}).")
    return manifest


def _checked_members(archive: tarfile.TarFile, manifest: dict) -> dict[str, tarfile.TarInfo]:
    """The archive's entries by name; only what a backup writes: no links, devices or odd paths."""
    dump_name = DUMPS.get(manifest["database"]["vendor"])
    if dump_name is None:
        raise BackupError(f"The archive holds a {manifest['database']['vendor']} database, which restore cannot read.")
    members = {}
    for member in archive.getmembers():
        path = PurePosixPath(member.name)
        expected = member.name in (MANIFEST, dump_name) or (len(path.parts) > 1 and path.parts[0] == MEDIA)
        if not member.isfile() or not expected or path.is_absolute() or ".." in path.parts:
            raise BackupError(f"The archive holds an unexpected entry {member.name!r}: not restoring it.")
        members[member.name] = member
    if dump_name not in members:
        raise BackupError(f"The archive has no {dump_name}.")
    return members


def _plain(member: tarfile.TarInfo) -> tarfile.TarInfo:
    """A copy of a checked entry to extract as a file of ours: this user's, readable by its group only."""
    plain = copy.copy(member)
    plain.mode, plain.uid, plain.gid, plain.uname, plain.gname = 0o640, os.getuid(), os.getgid(), "", ""
    return plain


def _check_empty(connection, *, force: bool) -> bool:
    """Refuse a database with rows or a file storage with files (unless forced). True when tables exist."""
    tables = connection.introspection.table_names()
    filled = []
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608 (introspected names)
            if cursor.fetchone() is not None:
                filled.append(table)
    media_used = next(stored_names(), None) is not None
    if not force and filled:
        shown = ", ".join(filled[:5]) + (" …" if len(filled) > 5 else "")
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} is not empty ({len(filled)} tables have rows: "
            f"{shown}). Restore into a new, empty database (createdb; do not migrate it first), or pass "
            "--force to replace what is there."
        )
    if not force and media_used:
        raise BackupError(
            f"{media_place()} is not empty. Restore into an empty folder or bucket, or pass --force to add "
            "the archive's files to it (files of the same name are replaced)."
        )
    return bool(tables)


def _restore_database(connection, dump: Path, *, clean: bool) -> None:
    database = connection.settings_dict
    connection.close()  # nothing of ours holds a lock on what pg_restore replaces
    if connection.vendor == "postgresql":
        # --no-owner --no-privileges: the objects belong to the role we connect as, whatever role
        # owned them where the backup was made. --clean --if-exists replaces existing tables (--force).
        command = [
            _tool("pg_restore"), "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
            "--no-password", *(["--clean", "--if-exists"] if clean else []), f"--dbname={database['NAME']}", str(dump),
        ]  # fmt: skip
        _run(command, env=libpq_environment(database))
        return
    source, target = sqlite3.connect(dump), sqlite3.connect(database["NAME"])
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def _unpack_media(archive: tarfile.TarFile, members: list[tarfile.TarInfo]) -> tuple[int, int]:
    """Each file written back through the storage under the name its rows hold (checked by
    _checked_members: no absolute path, no "..")."""
    size = 0
    for member in members:
        name = member.name.removeprefix(f"{MEDIA}/")
        default_storage.delete(name)  # --force: the archive's file replaces the one of its name
        with archive.extractfile(member) as content:
            saved = default_storage.save(name, File(content, name=name))
        if saved != name:  # the rows name it: a file under another name would be lost to them
            raise BackupError(f"The file storage kept {name} as {saved}: the restored records would not find it.")
        size += member.size
    return len(members), size


def _migration_notes(manifest: dict) -> list[str]:
    """What the operator should do next when the backup and this code differ in migrations."""
    loader = MigrationLoader(None, ignore_no_migrations=True)  # the code's migrations, not the database's
    in_backup = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    notes = []
    if unknown := sorted(in_backup - set(loader.disk_migrations)):
        shown = ", ".join(f"{app}.{name}" for app, name in unknown[:5])
        notes.append(
            f"The backup has migrations this version does not know ({shown}): run the backup's version "
            f"({manifest['version']}) or a later one."
        )
    if set(loader.graph.leaf_nodes()) - in_backup:
        notes.append("This version has migrations newer than the backup: run `manage.py migrate` now.")
    return notes
