"""The security log, and what every sign-in starts.

`council_desk.security` writes one line per failed sign-in (a wrong password or two-factor code),
lockout, refused request (403) and use of a recovery code, each with the username ("-" when there is
none), the client's address and the path, for an operator's log search or fail2ban:

    sign-in failed user=lead-economy-seoul address=203.0.113.7 path=/accounts/login/

The address is the client's (`client_address`): REMOTE_ADDR, or — with BEHIND_PROXY on, as behind
deploy/nginx, which sets X-Forwarded-For to the address it saw — the last entry of that header. The
same address is what the lockout counts by (AXES_CLIENT_IP_CALLABLE).
"""

import logging

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from accounts import signin

log = logging.getLogger("council_desk.security")

SIGN_IN_FAILED = "sign-in failed"
LOCKED_OUT = "locked out"
REFUSED = "request refused"
RECOVERY_CODE_USED = "recovery code used"
USERNAME_RECORDED = 255  # the length of django-axes' username columns


def _printable(value: str, limit: int = 200) -> str:
    """Usernames and paths come from the client: no line break or control character reaches the log."""
    return "".join(ch if ch.isprintable() and not ch.isspace() else "?" for ch in value[:limit]) or "-"


def client_address(request: HttpRequest) -> str:
    """The client's address: behind our proxy, the one it put last in X-Forwarded-For (what it saw)."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR") or ""


def attempted_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """The username a sign-in attempt names, as django-axes records and counts it (AXES_USERNAME_CALLABLE):
    cut to the 255 characters of its column. Django's login form lets a longer one through to
    authenticate(), and PostgreSQL refuses to store it (a server error instead of "wrong password")."""
    username = credentials.get("username") if credentials else request.POST.get("username")
    return username[:USERNAME_RECORDED] if isinstance(username, str) else username


def log_event(event: str, *, request: HttpRequest, username: str | None) -> None:
    log.warning(
        "%s user=%s address=%s path=%s",
        event,
        _printable(username or "-"),
        _printable(client_address(request) or "-"),
        _printable(request.path),
    )


def log_refused(request: HttpRequest) -> None:
    user = getattr(request, "user", None)
    username = user.get_username() if user is not None and user.is_authenticated else None
    log_event(REFUSED, request=request, username=username)


def log_recovery_code_used(request: HttpRequest) -> None:
    """A recovery code stood in for the phone at sign-in. The code itself is never logged."""
    log_event(RECOVERY_CODE_USED, request=request, username=request.user.get_username())


@receiver(user_login_failed, dispatch_uid="accounts-security-failed")
def log_failed_sign_in(sender, credentials: dict, request: HttpRequest | None = None, **kwargs) -> None:
    if request is not None:  # a shell's authenticate() has no request and no address
        log_event(SIGN_IN_FAILED, request=request, username=credentials.get("username"))


@receiver(user_locked_out, dispatch_uid="accounts-security-locked-out")
def log_lockout(sender, request: HttpRequest, username: str | None, **kwargs) -> None:
    log_event(LOCKED_OUT, request=request, username=username)


@receiver(user_logged_in, dispatch_uid="accounts-security-signed-in")
def start_session(sender, request: HttpRequest | None, user, **kwargs) -> None:
    """The session's clock starts, and the two-factor step (if any) becomes due."""
    if request is None or not hasattr(request, "session"):
        return
    signin.start_session_clock(request.session)
    signin.begin_two_factor(request.session, user)
