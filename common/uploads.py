"""Uploaded files are checked by what they contain, not only by their name."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Kind:
    content_type: str
    extensions: tuple[str, ...]
    magic: bytes | None  # None: text, checked by decoding


ALLOWED = (
    Kind("application/pdf", (".pdf",), b"%PDF-"),
    Kind("image/png", (".png",), b"\x89PNG\r\n\x1a\n"),
    Kind("image/jpeg", (".jpg", ".jpeg"), b"\xff\xd8\xff"),
    Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",), ZIP_MAGIC),
    Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",), ZIP_MAGIC),
    Kind("application/vnd.openxmlformats-officedocument.presentationml.presentation", (".pptx",), ZIP_MAGIC),
    Kind("text/plain", (".txt",), None),
)


def _is_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:  # a multi-byte character cut at the end of the sample is fine
        return error.start >= len(head) - 3 and b"\x00" not in head
    return b"\x00" not in head


def checked_upload(upload, *, allowed=ALLOWED, max_bytes: int = MAX_UPLOAD_BYTES) -> str:
    """The upload's content type if its size, name and first bytes agree; else a ValidationError."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)}
        )
    name = upload.name.lower()
    kind = next((k for k in allowed if name.endswith(k.extensions)), None)
    if kind is None:
        names = ", ".join(ext for k in allowed for ext in k.extensions)
        raise ValidationError(_("This type of file is not accepted. Accepted: %(names)s.") % {"names": names})
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if (kind.magic is None and not _is_text(head)) or (kind.magic is not None and not head.startswith(kind.magic)):
        raise ValidationError(_("The file's content does not match its name (%(name)s).") % {"name": upload.name})
    return kind.content_type
