"""`{% live "name" %}`: a part of the page rendered for every request, also when the page is kept whole
for its reader (common.kept_pages); the apps register each part by its name (`kept_pages.live`)."""

from django import template
from django.utils.safestring import mark_safe

from common import kept_pages

register = template.Library()


@register.simple_tag(takes_context=True)
def live(context, name: str) -> str:
    return mark_safe(kept_pages.live_part(context["request"], name))  # noqa: S308 — our templates' own HTML
