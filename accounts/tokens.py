"""API tokens: made, found by their key, revoked.

A key is 32 random bytes (URL-safe base64 behind a "cd_" prefix), so one SHA-256 of it is enough to
keep it unguessable at rest; a slow password hash would cost every API request its time.
"""

import datetime as dt
import hashlib
import secrets

from django.utils import timezone

from accounts.models import ApiToken

KEY_PREFIX = "cd_"
SHOWN = 8  # characters of the key kept in clear, so a person can tell their tokens apart


def digest_of(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def make_token(*, user, name: str, expires_on: dt.date | None = None, scopes=(), kind=ApiToken.Kind.PERSONAL):
    """The new token and its key, which is shown once and never stored."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        kind=kind,
        name=name,
        scopes=sorted(scopes),
        prefix=key[:SHOWN],
        digest=digest_of(key),
        expires_on=expires_on,
    )
    return token, key


def token_for_key(key: str) -> ApiToken | None:
    """The live token of this key: not revoked, not expired, of an active user; else None."""
    if not key.startswith(KEY_PREFIX) or len(key) > 100:
        return None
    token = ApiToken.objects.select_related("user").filter(digest=digest_of(key), revoked_at=None).first()
    if token is None or not token.user.is_active:
        return None
    if token.expires_on is not None and token.expires_on < timezone.localdate():
        return None
    return token


def revoke(token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk, revoked_at=None).update(revoked_at=timezone.now())


def mark_used(token: ApiToken) -> None:
    """Recorded at most once a minute per token, so reads don't each write."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
