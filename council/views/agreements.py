"""Placeholder: being written."""

from django.http import HttpResponse


def agreement_list(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def agreement_create(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def agreement_detail(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def agreement_edit(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def agreement_document(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def commitment_create(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def commitment_edit(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)
