"""Sign-in with a city's LDAP directory or Active Directory through the ordinary username and password
form, and signing out a person their directory has disabled since.

DirectoryBackend comes after django-axes' LockoutBackend and Django's ModelBackend (settings), so a
locked-out username is refused before any directory is asked, a wrong password counts towards the
lockout like any other, and local accounts are checked first. A password the directory accepts goes
through accounts.linking: the account becomes the person the secretariat entered, or is refused with
the reason on the login page. Two-factor is ours, as for local accounts (accounts.signin).

DirectoryRecheckMiddleware reads a signed-in person's entry again once LDAP_RECHECK_SECONDS have passed
since the last reading: deleted, moved, locked, disabled or out of the required group, they are signed
out at that request.
"""

import logging
from typing import NoReturn

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.backends import BaseBackend, ModelBackend
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import ldap
from accounts.linking import Claims, NotLinked, link

log = logging.getLogger("accounts.ldap")

REFUSAL = "sign_in_refusal"  # on the request: why a sign-in was refused, for the login form to say
SESSION_KEY = "ldap_sign_in"  # in the session: the directory, DN, id and last reading of the entry

UNREACHABLE = _(
    "Your city's directory could not be reached to check this username and password. Try again in a few "
    "minutes; if this goes on, tell your city's IT."
)
DISABLED = _("Your city's account is disabled in your city's directory. Ask your city's IT.")
NOT_IN_GROUP = _(
    "Your city's account is not among those that may use Council Desk. Ask your city's IT to add it to the "
    "Council Desk group."
)
SIGNED_OUT = _("You were signed out: your city's account is disabled, or may no longer use Council Desk.")


def service_name(directory: str) -> str:
    """The directory's name among the sign-in services of linked accounts (accounts.ExternalAccount)."""
    return f"ldap-{directory}"


class DirectoryBackend(BaseBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or not username or not password:
            return None
        unreachable = False
        for name, config in settings.LDAP_DIRECTORIES.items():
            try:
                entry = ldap.check_password(config, username, password)
            except ldap.Unreachable:
                unreachable = True
                continue
            if entry is not None:
                return _signed_in(request, name, config, entry)
        if unreachable:
            setattr(request, REFUSAL, UNREACHABLE)
        return None

    def get_user(self, user_id):
        return ModelBackend().get_user(user_id)


def _signed_in(request, name: str, config: dict, entry: ldap.Entry):
    """The password is right: the linked user, or PermissionDenied (then no other backend is asked,
    and the attempt counts as failed) with the reason for the person on the request."""
    if not entry.may_sign_in:
        why = "disabled in the directory" if entry.disabled else "not in the required group"
        log.warning("sign-in refused: %s entry %s: %s", name, entry.dn, why)
        _refuse(request, DISABLED if entry.disabled else NOT_IN_GROUP)
    claims = Claims(
        service=service_name(name),
        city_code=config["city"],
        subject=entry.subject,
        email=entry.email,
        email_verified=bool(entry.email),  # the directory vouches for its own mail attribute
        employee_id=entry.employee_id,
    )
    try:
        user = link(claims)
    except NotLinked as refused:  # linking logged it
        _refuse(request, refused.message)
    user.directory_sign_in = {"directory": name, "dn": entry.dn, "subject": entry.subject}
    return user


def _refuse(request, message) -> NoReturn:
    setattr(request, REFUSAL, message)
    raise PermissionDenied


def _now() -> int:
    return int(timezone.now().timestamp())  # whole seconds: sessions are serialised as JSON


@receiver(user_logged_in, dispatch_uid="accounts-ldap-sign-in")
def _remember_entry(sender, request, user, **kwargs) -> None:
    """A session signed in through a directory carries what its re-check needs; any other carries none."""
    if request is None or not hasattr(request, "session"):
        return
    sign_in = getattr(user, "directory_sign_in", None)
    if sign_in is None:
        request.session.pop(SESSION_KEY, None)
    else:
        request.session[SESSION_KEY] = {**sign_in, "checked_at": _now()}


class DirectoryRecheckMiddleware:
    """After SessionTimeoutMiddleware and MessageMiddleware: signs out, with a message, a person their
    directory no longer lets sign in; the request goes on signed out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        mark = request.session.get(SESSION_KEY) if request.user.is_authenticated else None
        if mark is not None and _now() - mark["checked_at"] >= settings.LDAP_RECHECK_SECONDS:
            if _still_allowed(mark):
                request.session[SESSION_KEY] = {**mark, "checked_at": _now()}
            else:
                log.warning("signed out: %s entry %s no longer may sign in", mark["directory"], mark["dn"])
                logout(request)
                messages.info(request, SIGNED_OUT)
        return self.get_response(request)


def _still_allowed(mark: dict) -> bool:
    config = settings.LDAP_DIRECTORIES.get(mark["directory"])
    if config is None:  # the directory was taken out of the settings: its people sign in again
        return False
    if not ldap.can_recheck(config):
        return True
    try:
        return ldap.still_allowed(config, dn=mark["dn"], subject=mark["subject"])
    except ldap.Unreachable:
        # An outage must not sign everyone out: kept, and read again after the interval. At the latest
        # the session ends SESSION_MAX_HOURS after sign-in.
        log.warning("could not re-check %s entry %s: directory unreachable", mark["directory"], mark["dn"])
        return True
