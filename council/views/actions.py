"""Placeholder: being written."""

from django.http import HttpResponse


def action_list(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def my_actions(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def action_create(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def action_detail(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def action_edit(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def action_status(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)
