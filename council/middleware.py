"""Apply the signed-in person's language and time zone to every request."""

from django.utils import timezone, translation

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
