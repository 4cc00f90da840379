"""Sign-in pages beyond Django's own: the two-factor code step, two-factor setup and recovery codes, and
the lockout page; and a person's own settings: the profile and the language switch.

The password step is Django's LoginView (accounts/urls.py); accounts.signin says what comes after it.
"""

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_supported_language_variant, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from accounts import security, signin
from accounts.forms import CodeForm, NewRecoveryCodesForm, ProfileForm, SignInCodeForm
from accounts.profile import render_profile
from council.permissions import access_for


def _next_url(request: HttpRequest, default: str | None = None) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(default or settings.LOGIN_REDIRECT_URL)


def _wrong_code() -> str:
    return _("This code is not right, or was used already. Enter the code your app shows now.")


def _wrong_recovery_code() -> str:
    return _("This recovery code is not right, or was used already. Each recovery code works once.")


def _too_soon(wait: signin.TooSoon) -> str:
    return ngettext(
        "After a wrong code, wait %(seconds)s second before the next one.",
        "After a wrong code, wait %(seconds)s seconds before the next one.",
        wait.seconds,
    ) % {"seconds": wait.seconds}


def _verified(request: HttpRequest, device) -> None:
    """The session has passed its second factor: it gets a new key, like at any rise in privilege."""
    django_otp.login(request, device)
    signin.finish_two_factor(request.session)
    request.session.cycle_key()


def _code_refused(request: HttpRequest) -> bool:
    """A wrong code counts as a failed sign-in, towards the same lockout as a wrong password (django-axes
    listens to this signal, and so does the security log). True when that locked the user out."""
    user_login_failed.send(sender=__name__, credentials={"username": request.user.get_username()}, request=request)
    if getattr(request, "axes_locked_out", False):
        logout(request)  # axes.middleware.AxesMiddleware answers with the lockout page
        return True
    return False


def _check_sign_in_code(request: HttpRequest, form: SignInCodeForm):
    """The device that accepts the code: the authenticator, or the recovery codes (one is then used up)."""
    code = form.cleaned_data["code"]
    if form.is_recovery_code():
        return signin.use_recovery_code(user=request.user, code=code)
    return signin.check_code(user=request.user, code=code)


def _recovery_code_used(request: HttpRequest) -> None:
    """Noted in the security log (an operator may want to know a phone is lost) and told to the user."""
    security.log_recovery_code_used(request)
    messages.warning(request, _recovery_codes_left(signin.recovery_codes_left(user=request.user)))


def _recovery_codes_left(left: int) -> str:
    return ngettext(
        "You signed in with a recovery code; it no longer works. %(left)s recovery code is left.",
        "You signed in with a recovery code; it no longer works. %(left)s recovery codes are left.",
        left,
    ) % {"left": left}


@login_required
def login_verify(request: HttpRequest) -> HttpResponse:
    """The second step of sign-in for a user with a confirmed device."""
    next_url = _next_url(request)
    if request.session.get(signin.TWO_FACTOR_STEP) != signin.VERIFY:
        return redirect(next_url)
    if signin.confirmed_device(user=request.user) is None:  # removed meanwhile: the middleware decides again
        signin.finish_two_factor(request.session)
        return redirect(next_url)
    form = SignInCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = _check_sign_in_code(request, form)
        except signin.TooSoon as wait:
            form.add_error("code", _too_soon(wait))
        else:
            if device is not None:
                _verified(request, device)
                if form.is_recovery_code():
                    _recovery_code_used(request)
                return redirect(next_url)
            if _code_refused(request):
                return redirect("login")
            form.add_error("code", _wrong_recovery_code() if form.is_recovery_code() else _wrong_code())
    return render(request, "accounts/login_verify.html", {"form": form, "next": next_url, "signin_pending": True})


def _two_factor_page(request: HttpRequest, context: dict) -> HttpResponse:
    context["required"] = signin.must_use_two_factor(request.user)
    context["signin_pending"] = request.session.get(signin.TWO_FACTOR_STEP) == signin.SETUP
    return render(request, "accounts/two_factor.html", context)


def _status_page(request: HttpRequest, device, **forms_and_codes) -> HttpResponse:
    """Two-factor is on: recovery codes (new ones shown this once, if just made) and turning it off."""
    context = {
        "device": device,
        "remove_form": SignInCodeForm(autofocus=False),
        "codes_form": NewRecoveryCodesForm(autofocus=False),
        "recovery_codes_left": signin.recovery_codes_left(user=request.user),
        **forms_and_codes,
    }
    return _two_factor_page(request, context)


@never_cache  # the secret being set up, and new recovery codes: never kept by a browser or a proxy
@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app (secret as text and QR code, confirmed by a code), or see that one is set up."""
    device = signin.confirmed_device(user=request.user)
    if device is not None:
        return _new_recovery_codes(request, device) if request.method == "POST" else _status_page(request, device)
    key = signin.key_being_set_up(request.session)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = signin.confirm_device(user=request.user, key=key, code=form.cleaned_data["code"])
        if device is not None:
            _verified(request, device)
            codes = signin.replace_recovery_codes(user=request.user)
            messages.success(
                request, _("Two-factor sign-in is on: from now on you sign in with a code after your password.")
            )
            # Shown in this answer, not after a redirect: the codes are never kept anywhere to show again.
            continue_url = _next_url(request) if request.POST.get("next") else None
            return _status_page(request, device, recovery_codes=codes, continue_url=continue_url)
        form.add_error(
            "code", _("This code does not match. Check that your phone's clock is right and try the next code.")
        )
    context = {
        "form": form,
        "secret": signin.secret_for_people(key),
        "qr_code": signin.qr_code_svg(user=request.user, key=key),
        "next": request.POST.get("next") or request.GET.get("next", ""),
    }
    return _two_factor_page(request, context)


def _code_accepted(request: HttpRequest, form: CodeForm | SignInCodeForm) -> bool:
    """A current code from the app (or, where the form takes one, a recovery code, then used up), which
    changes to two-factor itself ask for; if refused, the form says why."""
    recovery = isinstance(form, SignInCodeForm) and form.is_recovery_code()
    try:
        if isinstance(form, SignInCodeForm):
            accepted = _check_sign_in_code(request, form) is not None
        else:
            accepted = signin.check_code(user=request.user, code=form.cleaned_data["code"]) is not None
    except signin.TooSoon as wait:
        form.add_error("code", _too_soon(wait))
        return False
    if not accepted:
        form.add_error("code", _wrong_recovery_code() if recovery else _wrong_code())
    elif recovery:
        security.log_recovery_code_used(request)
    return accepted


def _new_recovery_codes(request: HttpRequest, device) -> HttpResponse:
    """New recovery codes in place of the old ones; a current code proves the device is in the user's hands
    (a recovery code would not: whoever has one could otherwise make themselves ten more)."""
    form = NewRecoveryCodesForm(request.POST, autofocus=False)
    if form.is_valid() and _code_accepted(request, form):
        codes = signin.replace_recovery_codes(user=request.user)
        messages.success(request, _("New recovery codes are made; the earlier ones no longer work."))
        return _status_page(request, device, recovery_codes=codes)
    return _status_page(request, device, codes_form=form)


@login_required
@require_POST
def two_factor_remove(request: HttpRequest) -> HttpResponse:
    """Turn two-factor sign-in off (recovery codes too): with a current code from the app, or with a
    recovery code when the phone is lost, so that the person can set up a new one without an administrator."""
    device = signin.confirmed_device(user=request.user)
    if device is None:
        return redirect("two_factor")
    form = SignInCodeForm(request.POST, autofocus=False)
    if form.is_valid() and _code_accepted(request, form):
        signin.remove_devices(user=request.user)
        messages.success(request, _("Two-factor sign-in is off."))
        return redirect("two_factor")
    return _status_page(request, device, remove_form=form)


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' lockout answer (AXES_LOCKOUT_CALLABLE): when the user may try again."""
    cool_off = settings.AXES_COOLOFF_TIME
    context = {"minutes": int(cool_off.total_seconds() // 60), "retry_at": timezone.now() + cool_off}
    return render(request, "accounts/locked_out.html", context, status=429)


# A person's own settings -----------------------------------------------------------------------------


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    person = access_for(request.user).person
    form = None
    if person is not None:
        form = ProfileForm(request.POST or None, instance=person)
        if request.method == "POST" and form.is_valid():
            form.save()
            messages.success(request, _("Your preferences are saved."))
            return redirect("profile")
    return render_profile(request, form=form)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's switch (cookie), and for a signed-in person also their saved preference. A variant of an
    offered language ("ko-KR", "zh-Hans") is that language; any other is refused, with a message, where
    Django's would set the cookie alone and the saved preference would keep the page as it was."""
    request.POST = request.POST.copy()
    try:
        language = get_supported_language_variant(request.POST.get("language") or "").lower()
    except LookupError:
        request.POST.pop("language", None)
        messages.error(request, _("Council Desk speaks English, 한국어 and 简体中文: choose one of them."))
        return django_set_language(request)
    request.POST["language"] = language
    response = django_set_language(request)
    person = access_for(request.user).person
    if person is not None:
        person.preferred_language = language
        person.save(update_fields=["preferred_language", "updated_at"])
    return response
