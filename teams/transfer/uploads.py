"""An uploaded file kept between its preview and its confirmation, in the file storage under imports/.

The session holds the file's random id; the path is built from that id alone, so no path a browser
sends is ever opened. A new upload replaces the previous one; files left behind expire after a day.
"""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.utils import timezone

from teams.transfer.sheets import FORMATS

FOLDER = "imports"
SESSION_KEY = "teams.pending_import"
KEEP_FOR = dt.timedelta(days=1)


@dataclass(frozen=True)
class PendingUpload:
    id: str  # uuid4 hex
    file_format: str  # "csv" or "xlsx"
    name: str  # the file's name on the person's computer, to show on the page

    @property
    def path(self) -> str:
        return f"{FOLDER}/{self.id}.{self.file_format}"

    def read(self) -> bytes:
        with default_storage.open(self.path, "rb") as file:
            return file.read()


def keep(session, upload, *, file_format: str) -> PendingUpload:
    discard(session)
    _remove_expired()
    pending = PendingUpload(id=uuid.uuid4().hex, file_format=file_format, name=upload.name[:255])
    upload.seek(0)
    default_storage.save(pending.path, upload)
    session[SESSION_KEY] = {"id": pending.id, "format": pending.file_format, "name": pending.name}
    return pending


def pending_upload(session) -> PendingUpload | None:
    """The upload waiting for confirmation in this session, if its file is still there."""
    data = session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return None
    try:
        pending = PendingUpload(id=uuid.UUID(hex=data["id"]).hex, file_format=data["format"], name=str(data["name"]))
    except (KeyError, TypeError, ValueError):
        return None
    if pending.file_format not in FORMATS or not default_storage.exists(pending.path):
        return None
    return pending


def discard(session) -> None:
    """Forget this session's pending upload and delete its file."""
    pending = pending_upload(session)
    if pending is not None:
        default_storage.delete(pending.path)
    session.pop(SESSION_KEY, None)


def _remove_expired() -> None:
    """Files of previews never confirmed (the person went away) don't stay for ever."""
    try:
        _folders, names = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    expired_before = timezone.now() - KEEP_FOR
    for name in names:
        path = f"{FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(path) < expired_before:
                default_storage.delete(path)
        except FileNotFoundError:
            continue  # another request removed it first
