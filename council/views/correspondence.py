"""Placeholder: being written."""

from django.http import HttpResponse


def correspondence_list(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def correspondence_create(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def export_csv(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def export_xlsx(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def correspondence_detail(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def correspondence_edit(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def correspondence_reply(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def attachment_add(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)


def attachment_download(request, pk=None):  # pragma: no cover - replaced by the real view
    return HttpResponse(status=501)
