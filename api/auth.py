"""Who reads: a bearer token (accounts.tokens), with its person's rights, limited per token in rate."""

from django.conf import settings
from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.throttling import AuthRateThrottle

from accounts.models import ApiToken
from accounts.tokens import mark_used, token_for_key
from council.permissions import Access, access_for, require


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = token_for_key(token)
        if found is None:
            return None
        mark_used(found)
        request.access = access_for(found.user)
        return found


class PerToken(AuthRateThrottle):
    """API_RATE_LIMIT requests (e.g. "120/min") per token, counted in the cache shared by every process."""

    def __init__(self):
        super().__init__(settings.API_RATE_LIMIT)

    def allow_request(self, request: HttpRequest) -> bool:
        self.num_requests, self.duration = self.parse_rate(settings.API_RATE_LIMIT)  # as set now
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str:
        return self.cache_format % {"scope": "api-token", "ident": request.auth.digest}


def reader(request: HttpRequest, scope: str | None, allowed) -> Access:
    """The reader's access, once the token may read this data (`scope`; None: the council's structure,
    which every token reads) and its person may too; else 403."""
    token: ApiToken = request.auth
    require(scope is None or token.may_read(scope))
    access = request.access
    require(allowed(access))
    return access
