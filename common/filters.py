"""What the lists' filters share."""

import django_filters
from django.contrib import messages
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


class OrderingFilter(django_filters.OrderingFilter):
    """django-filter's sorting, with every choice in the reader's language. django-filter writes the
    "descending" labels once, at import, in English (and has no Korean or Chinese catalog); here they
    stay lazy, like the field labels."""

    def build_choices(self, fields, labels):
        choices = []
        for field, param in fields.items():
            label = labels.get(field, field)
            choices += [(param, label), (f"-{param}", format_lazy(_("{field} (descending)"), field=label))]
        return choices


def export_refused(request: HttpRequest, filterset, list_name: str) -> HttpResponseRedirect | None:
    """An export of a filter with a mistake (a team that does not exist, 30 February) exports nothing: the
    filter would be ignored and the whole list exported. The list instead, the mistake shown in its filters."""
    if filterset.is_valid():
        return None
    messages.error(request, _("The filter has a mistake, shown in the list's filters: correct it, then export."))
    return HttpResponseRedirect(f"{reverse(list_name)}?{request.GET.urlencode()}")
