"""What a sign-in is made of, beyond the password: the session's clock and the two-factor step.

The password step (Django's LoginView, with django-axes counting failures) signs the user in. If the
user has a confirmed TOTP device, or must have one (OTP_REQUIRED_FOR_STAFF and secretariat staff or an
administrator), the session then carries a pending step, and accounts.middleware.TwoFactorMiddleware
lets it reach nothing but that step until a code is accepted (django_otp.login marks it verified).

A person signed in through their city's OpenID Connect provider (accounts.oidc) owes no step: the
provider's own two-factor stands in for ours (second_factor_elsewhere).

A confirmed device comes with ten single-use recovery codes (django-otp's static device), for signing
in without the phone: shown once, and removed with the device.
"""

import math
from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_otp.models import ThrottlingMixin
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from council.permissions import access_for

# Session keys. Times are whole seconds since the epoch: sessions are serialised as JSON.
SIGNED_IN_AT = "signin_at"
SEEN_AT = "signin_seen_at"
TWO_FACTOR_STEP = "signin_two_factor"
NEW_KEY = "signin_new_totp_key"  # the secret being set up, kept here until a code confirms it
# Set when the city's provider signed the session in (accounts.oidc): its own two-factor replaces ours.
SECOND_FACTOR_ELSEWHERE = "signin_second_factor_elsewhere"

VERIFY = "verify"  # a code from the user's device is due
SETUP = "setup"  # the user must set up a device first

# The last activity is written at most this often: a session save on every request would cost a
# database write per page, for a timeout counted in minutes.
SEEN_RESOLUTION_SECONDS = 60

RECOVERY_CODE_COUNT = 10
RECOVERY_DEVICE_NAME = "Recovery codes"


def _now() -> int:
    return int(timezone.now().timestamp())


# The session's clock -------------------------------------------------------------------------------


def start_session_clock(session) -> None:
    session[SIGNED_IN_AT] = session[SEEN_AT] = _now()


def check_session_clock(session) -> str | None:
    """Why this session is over (idle too long, or too old), or None: then its last activity is noted."""
    now = _now()
    signed_in_at, seen_at = session.get(SIGNED_IN_AT), session.get(SEEN_AT)
    if signed_in_at is None or seen_at is None:  # a session from before these limits: start counting
        start_session_clock(session)
        return None
    if now - signed_in_at >= settings.SESSION_MAX_HOURS * 3600:
        hours = settings.SESSION_MAX_HOURS
        return _("Signed out %(hours)s hours after signing in. Please sign in again.") % {"hours": hours}
    if now - seen_at >= settings.SESSION_IDLE_MINUTES * 60:
        minutes = settings.SESSION_IDLE_MINUTES
        return _("Signed out after %(minutes)s minutes without activity.") % {"minutes": minutes}
    if now - seen_at >= SEEN_RESOLUTION_SECONDS:
        session[SEEN_AT] = now
    return None


# Two-factor ----------------------------------------------------------------------------------------


def must_use_two_factor(user) -> bool:
    """Secretariat staff and administrators, when the setting says so (on in production by default)."""
    if not settings.OTP_REQUIRED_FOR_STAFF:
        return False
    return user.is_staff or user.is_superuser or access_for(user).is_secretariat


def confirmed_device(*, user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def begin_two_factor(session, user) -> str | None:
    """At sign-in: which step, if any, the session must pass before anything else."""
    if confirmed_device(user=user) is not None:
        step = VERIFY
    elif must_use_two_factor(user):
        step = SETUP
    else:
        step = None
    if step is None:
        session.pop(TWO_FACTOR_STEP, None)
    else:
        session[TWO_FACTOR_STEP] = step
    return step


def pending_step(request) -> str | None:
    """The step this request's session still owes. No query unless two-factor is required of the user."""
    user = request.user
    if not user.is_authenticated or request.session.get(SECOND_FACTOR_ELSEWHERE):
        return None
    step = request.session.get(TWO_FACTOR_STEP)
    if step is None and must_use_two_factor(user) and not user.is_verified():
        # A session that began before the requirement, or whose device was removed meanwhile.
        step = begin_two_factor(request.session, user)
    return step


def finish_two_factor(session) -> None:
    session.pop(TWO_FACTOR_STEP, None)
    session.pop(NEW_KEY, None)


def second_factor_elsewhere(session) -> None:
    """The city's provider asked for the second factor: this session owes no step of ours."""
    session[SECOND_FACTOR_ELSEWHERE] = True
    finish_two_factor(session)


def key_being_set_up(session) -> str:
    """The secret shown on the setup page; the same one until it is confirmed or the session ends."""
    if NEW_KEY not in session:
        session[NEW_KEY] = default_key()
    return session[NEW_KEY]


def secret_for_people(key: str) -> str:
    """The key as the base32 text authenticator apps accept, in groups of four for typing."""
    text = b32encode(bytes.fromhex(key)).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_code_svg(*, user, key: str) -> SafeString:
    """The otpauth:// address as an inline SVG: drawn here, no request elsewhere, no inline style."""
    url = TOTPDevice(user=user, key=key).config_url
    svg = segno.make(url, error="m").svg_inline(
        scale=5, border=4, dark="#000", light="#fff", svgclass="qr-code", title=_("QR code for your authenticator app")
    )
    return mark_safe(svg)  # noqa: S308 — segno writes the markup and escapes our <title>


def confirm_device(*, user, key: str, code: str) -> TOTPDevice | None:
    """Keep the device whose key produced this code; it replaces any device the user had."""
    device = TOTPDevice(user=user, key=key, name="Authenticator app", confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = timezone.now().timestamp()
    if not totp.verify(int(code), device.tolerance):
        return None
    device.last_t = totp.t()  # the same code cannot be used again to sign in
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device.full_clean()
        device.save()
    return device


class TooSoon(Exception):
    """A code came before django-otp's wait after the last wrong one was over; it was not checked."""

    def __init__(self, seconds: int):
        super().__init__(seconds)
        self.seconds = seconds


def _verify_throttled(device: ThrottlingMixin, code: str) -> bool:
    """django-otp slows down guessing: after each wrong code the next is not even checked for 1, 2, 4,
    8… seconds. Within that wait this raises TooSoon rather than answer "wrong" to a code not checked."""
    allowed, details = device.verify_is_allowed()
    if not allowed and details and details.get("locked_until"):
        raise TooSoon(max(1, math.ceil((details["locked_until"] - timezone.now()).total_seconds())))
    return device.verify_token(code)


@transaction.atomic
def check_code(*, user, code: str) -> TOTPDevice | None:
    """The user's device if it accepts the code (django-otp refuses a code used before)."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        return None
    return device if _verify_throttled(device, code) else None


# Recovery codes ------------------------------------------------------------------------------------


@transaction.atomic
def replace_recovery_codes(*, user) -> list[str]:
    """New single-use codes for signing in without the phone; the earlier ones stop working. Returned
    to be shown once: django-otp stores them as they are, but no page of ours shows them again."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes: list[str] = []
    while len(codes) < RECOVERY_CODE_COUNT:  # 40 random bits each: a repeat is all but impossible
        code = StaticToken.random_token()  # eight of a-z and 2-7: with no 0 or 1, an o or l is a letter
        if code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(*, user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


@transaction.atomic
def use_recovery_code(*, user, code: str) -> StaticDevice | None:
    """The user's recovery-code device if the code is one of theirs; the code is then used up. The
    device's row is locked so that two requests with the same code cannot both be let in."""
    device = StaticDevice.objects.select_for_update().filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        return None
    return device if _verify_throttled(device, code) else None


@transaction.atomic
def remove_devices(*, user) -> int:
    deleted, _by_model = TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    return deleted


@receiver(post_delete, sender=TOTPDevice, dispatch_uid="accounts-signin-recovery-codes")
def _recovery_codes_go_with_the_device(sender, instance: TOTPDevice, **kwargs) -> None:
    """Recovery codes stand in for the authenticator: an administrator who deletes it in the admin
    (django-otp's own page, which knows nothing of them) removes them too."""
    StaticDevice.objects.filter(user_id=instance.user_id).delete()
