"""Authentication backends: django-axes' lockout check in front of Django's ModelBackend."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a locked-out username and address before any password is checked.

    authenticate() without a request (a shell, a management command, a test) comes from the server
    itself and has no address to lock: it goes on to the ModelBackend instead of failing as axes would.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
