from functools import wraps

from django.conf import settings
from django.urls import path
from django.utils import translation
from django.utils.translation.trans_real import get_supported_language_variant, parse_accept_lang_header

from api.main import api
from api.problems import problem


def requested_language(request) -> str | None:
    """The first of Accept-Language's languages the council speaks; the default without the header or
    with "*"; None when it names only languages the council does not speak. Only the header: a system
    reads in the language it asks for, whatever a browser session's cookie or person prefers."""
    asked = parse_accept_lang_header(request.headers.get("Accept-Language", ""))
    for code, _quality in asked:
        if code == "*":
            return settings.LANGUAGE_CODE
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return None if asked else settings.LANGUAGE_CODE


def in_requested_language(view):
    @wraps(view)
    def answer(request, *args, **kwargs):
        language = requested_language(request)
        if language is None:
            return problem(request, 406, ", ".join(code for code, _name in settings.LANGUAGES))
        with translation.override(language):
            response = view(request, *args, **kwargs)
        response.headers.setdefault("Content-Language", language)
        return response

    return answer


# Unpacked under names of our own: a module-level `app_name` would become this urlconf's namespace.
api_patterns, api_app, api_namespace = api.urls
for pattern in api_patterns:
    pattern.callback = in_requested_language(pattern.callback)

urlpatterns = [path("v1/", (api_patterns, api_app, api_namespace))]
