"""Where uploaded files are kept: MEDIA_ROOT on this machine, or an S3-compatible bucket.

MEDIA_STORAGE_URL names the bucket, e.g.

    s3://council-desk-files/production?endpoint_url=https://s3.seoul.example&region=kr-seoul

  s3://BUCKET[/PREFIX]   the bucket, and a folder in it under which every file goes (optional)
  endpoint_url           the service's address (https://, or http:// on a private network); without
                         it, Amazon S3 itself
  region                 the region to sign requests for (some services need one; any for MinIO)
  addressing_style       "path" (https://host/bucket/key: MinIO and most self-hosted services) or
                         "virtual" (https://bucket.host/key); without it, boto3 chooses

The keys never go in the URL: boto3 takes them from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or
its other sources: an instance role, ~/.aws/credentials), and a CA bundle for a private certificate
authority from AWS_CA_BUNDLE. A URL that carries keys, or any parameter not above, stops the start.
"""

import re
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

PARAMETERS = {"endpoint_url", "region", "addressing_style"}
# Amazon's rules for bucket names, which the other services follow: 3–63 lowercase letters, digits,
# dots and hyphens, starting and ending with a letter or digit.
BUCKET_NAME = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
# Files read for a download or a backup are held in memory up to this size, on disk beyond it
# (django-storages' default, 0, holds every file in memory whatever its size).
MAX_MEMORY_BYTES = 1024 * 1024


def media_storage(url: str) -> dict:
    """STORAGES["default"] for a MEDIA_STORAGE_URL; ImproperlyConfigured says what is wrong with it."""
    parts = urlsplit(url)
    if parts.scheme != "s3":
        raise ImproperlyConfigured("MEDIA_STORAGE_URL must start with s3:// (an S3-compatible bucket).")
    if "@" in parts.netloc:
        raise ImproperlyConfigured(
            "MEDIA_STORAGE_URL must not carry keys: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead."
        )
    if not BUCKET_NAME.fullmatch(parts.hostname or "") or parts.port is not None:
        raise ImproperlyConfigured(f"MEDIA_STORAGE_URL names no valid bucket ({parts.netloc!r}).")
    try:
        query = parse_qs(parts.query, strict_parsing=bool(parts.query))
    except ValueError:
        raise ImproperlyConfigured("MEDIA_STORAGE_URL's parameters must be name=value, joined by &.") from None
    if unknown := sorted(set(query) - PARAMETERS):
        raise ImproperlyConfigured(f"MEDIA_STORAGE_URL has parameters it does not know: {', '.join(unknown)}.")
    if repeated := sorted(name for name, values in query.items() if len(values) > 1):
        raise ImproperlyConfigured(f"MEDIA_STORAGE_URL gives {', '.join(repeated)} more than once.")
    options = {name: values[0] for name, values in query.items()}
    endpoint = options.get("endpoint_url")
    if endpoint is not None and (urlsplit(endpoint).scheme not in ("http", "https") or not urlsplit(endpoint).netloc):
        raise ImproperlyConfigured("MEDIA_STORAGE_URL's endpoint_url must be an http:// or https:// address.")
    if options.get("addressing_style", "path") not in ("path", "virtual"):
        raise ImproperlyConfigured('MEDIA_STORAGE_URL\'s addressing_style must be "path" or "virtual".')
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": parts.hostname,
            "location": unquote(parts.path).strip("/"),
            "endpoint_url": endpoint,
            "region_name": options.get("region"),
            "addressing_style": options.get("addressing_style"),
            "signature_version": "s3v4",
            # Private objects: no ACL is sent, so the bucket's own (private, public access blocked)
            # applies. Files are read only through the app's views, which check the reader first.
            "default_acl": None,
            # Two uploads of one name to one exchange are two files, as in MEDIA_ROOT (the storage's
            # default would let the second replace the first).
            "file_overwrite": False,
            "max_memory_size": MAX_MEMORY_BYTES,
        },
    }
