"""Placeholder: being written."""

from django.http import HttpResponse


def assembly_list(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def schedule_next(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def assembly_detail(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def assembly_edit(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def assembly_programme(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def assembly_postpone(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def assembly_host(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def assembly_cancel(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def assembly_status(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)
