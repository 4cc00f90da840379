"""Placeholder: being written."""

from django.http import HttpResponse


def feed(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def feed_settings(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)
