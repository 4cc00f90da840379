"""The sign-in lockout's counting (django-axes' AXES_HANDLER): a limit for each way of counting failures.

Failures are counted per username and address (AXES_FAILURE_LIMIT), per address whatever the usernames
(AXES_ADDRESS_FAILURE_LIMIT: one address trying passwords on many accounts) and per username whatever
the addresses (AXES_USERNAME_FAILURE_LIMIT: one account tried from many addresses). django-axes compares
one number with one limit (AXES_FAILURE_LIMIT): each count is scaled to that limit here, so that the
count nearest its own limit decides, and it reaches AXES_FAILURE_LIMIT exactly when it reaches its own.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit, get_lockout_parameters
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum

_LIMIT_SETTINGS = {
    ("ip_address", "username"): "AXES_FAILURE_LIMIT",
    ("ip_address",): "AXES_ADDRESS_FAILURE_LIMIT",
    ("username",): "AXES_USERNAME_FAILURE_LIMIT",
}


def limit_of(parameters: str | list[str]) -> int:
    """The failure limit of one of AXES_LOCKOUT_PARAMETERS."""
    names = (parameters,) if isinstance(parameters, str) else parameters
    return getattr(settings, _LIMIT_SETTINGS[tuple(sorted(names))])


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials: dict | None = None) -> int:
        """The failures of the count nearest its limit, in units of AXES_FAILURE_LIMIT (rounded down)."""
        limit = get_failure_limit(request, credentials)
        counted = zip(
            get_lockout_parameters(request, credentials), self.get_user_attempts(request, credentials), strict=True
        )
        return max(
            (attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0) * limit // limit_of(parameters)
            for parameters, attempts in counted
        )

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        """A successful sign-in clears its own username and address only (AXES_RESET_ON_SUCCESS).

        django-axes would clear every count the sign-in belongs to: anyone with an account could then
        try passwords on others' accounts and wipe their address's count by signing in to their own.
        """
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username, ip_address=request.axes_ip_address).delete()
        return count
