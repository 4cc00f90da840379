"""Per-request rules of a signed-in session: the person's language and time zone, the session's time
limits, the two-factor step, and the log line of a refused request.

PersonPreferencesMiddleware is here, not in council beside Person: the profile page and the language
switch (accounts.views) save a person's language and time zone, and this middleware applies them to
each of their requests. council keeps the data; accounts, what a signed-in session does with it.
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils import timezone, translation

from accounts import security, signin
from council.permissions import access_for


class PersonPreferencesMiddleware:
    """Runs after LocaleMiddleware: a person's saved language wins over cookie and browser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        person = access_for(request.user).person
        if person is not None:
            translation.activate(person.preferred_language)
            request.LANGUAGE_CODE = translation.get_language()
            timezone.activate(person.zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class RefusedRequestLogMiddleware:
    """Every 403, whoever answered it (a view's PermissionDenied, CSRF, a direct response), is logged."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            security.log_refused(request)
        return response


class SessionTimeoutMiddleware:
    """Signs out a session idle for SESSION_IDLE_MINUTES or older than SESSION_MAX_HOURS; the request
    goes on signed out, so a page that needs sign-in sends the user to the login page with the reason."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            reason = signin.check_session_clock(request.session)
            if reason is not None:
                logout(request)
                messages.info(request, reason)
        return self.get_response(request)


class TwoFactorMiddleware:
    """A session that owes a two-factor step reaches that step, sign-out and the language switch only."""

    STEP_VIEWS = {signin.VERIFY: "login_verify", signin.SETUP: "two_factor"}
    ALWAYS_OPEN = ("logout", "set_language", "healthz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = signin.pending_step(request)
        if step is not None:
            step_url = reverse(self.STEP_VIEWS[step])
            if request.path != step_url and request.path not in {reverse(name) for name in self.ALWAYS_OPEN}:
                return redirect_to_login(request.get_full_path(), step_url)
        return self.get_response(request)
