"""Placeholder: being written."""

from django.http import HttpResponse


def plan_list(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def plan_create(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def plan_detail(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def plan_edit(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def goal_create(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def goal_edit(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def goal_update(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)
