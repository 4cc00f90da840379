"""Placeholder: being written."""

from django.http import HttpResponse


def export_csv(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def export_xlsx(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def import_upload(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def import_confirm(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)
