"""Placeholder: being written."""

from django.http import HttpResponse


def exchange_list(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def exchange_create(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def exchange_detail(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def exchange_edit(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def exchange_status(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def exchange_complete(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def attachment_add(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def attachment_download(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)
