"""What an error report (the e-mail to ADMINS, Django's debug page) may show of a request.

Letters, minutes and names are personal, and any form may carry them: every POST value is hidden,
not only passwords. Cookies are all hidden (the session is a sign-in), the calendar feed's token is
masked wherever the address appears (URL, GET, META), credentials in addresses among the settings
(a REDIS_URL with a password) are masked, and of the person only the id is given.
"""

import re

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

from common.masking import MASK, mask_tokens

# scheme://user:password@host: the password.
_URL_PASSWORD = re.compile(r"(\w[\w+.-]*://[^:/@\s]*:)[^@/\s]+@")


class PrivateExceptionReporterFilter(SafeExceptionReporterFilter):
    def is_active(self, request) -> bool:
        return True  # also with DEBUG: a developer's error page hides the same values as the e-mail

    def get_post_parameters(self, request):
        if request is None:
            return {}
        hidden = request.POST.copy()
        for key in hidden:
            hidden.setlist(key, [self.cleansed_substitute])
        return hidden

    def get_safe_cookies(self, request):
        return {key: self.cleansed_substitute for key in getattr(request, "COOKIES", {})}

    def get_safe_request_meta(self, request):
        return {key: _masked(value) for key, value in super().get_safe_request_meta(request).items()}

    def cleanse_setting(self, key, value):
        return _masked(super().cleanse_setting(key, value))


def _masked(value):
    if type(value) is not str:  # not a lazy object that passes for one
        return value
    return _URL_PASSWORD.sub(rf"\g<1>{SafeExceptionReporterFilter.cleansed_substitute}@", mask_tokens(value))


class PrivateExceptionReporter(ExceptionReporter):
    def get_traceback_data(self):
        data = super().get_traceback_data()
        if isinstance(data.get("exception_value"), str):
            data["exception_value"] = mask_tokens(data["exception_value"])
        if self.request is not None:
            data["request_GET_items"] = [
                (key, MASK if key == "token" else value) for key, value in self.request.GET.items()
            ]
            data["request_insecure_uri"] = mask_tokens(data["request_insecure_uri"])
            data["user_str"] = self._user_id_only()
        return data

    def _user_id_only(self) -> str:
        user = getattr(self.request, "user", None)
        try:
            return f"id {user.pk}" if user is not None and user.is_authenticated else "anonymous"
        except Exception:  # the database may be what failed
            return "[unable to retrieve the current user]"
