"""Placeholder: being written."""

from django.http import HttpResponse


def opportunity_list(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def opportunity_create(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def opportunity_detail(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def opportunity_edit(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def opportunity_status(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)
