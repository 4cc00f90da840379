"""Placeholder: being written."""

from django.http import HttpResponse


def report_page(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def report_pdf(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)
