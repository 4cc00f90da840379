"""What the lists' filters share."""

import django_filters
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
