"""The product's URLs and one more that fails, for the error-reporting tests only (ROOT_URLCONF in a test).

The view reads a form, as any page that files a letter does, then fails: the report must show the
failure and where, and nothing of the form, the cookies or the calendar token in the address.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import handler403  # noqa: F401 (Django reads it from the URLconf in use)
from config.urls import urlpatterns as product_urlpatterns


class LetterNotFiled(RuntimeError):
    pass


def file_letter_and_fail(request: HttpRequest) -> HttpResponse:
    fields = sorted(request.POST)
    raise LetterNotFiled(f"The letter could not be filed ({len(fields)} fields)")


urlpatterns = [path("test-only/file-letter/", file_letter_and_fail, name="test-file-letter"), *product_urlpatterns]
