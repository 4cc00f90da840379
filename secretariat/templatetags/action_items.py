"""Action items on the pages of what they came from (an exchange, a resolution, a letter, a commitment).

Lower apps' templates load this library rather than their views importing the secretariat: the
import runs one way, and the page still shows its record's action items and the link to add one.
"""

from django import template

from secretariat.permissions import can_read_action
from secretariat.selectors.actions import action_create_url

register = template.Library()


@register.filter
def readable_by(item, access) -> bool:
    """`{% if item|readable_by:access %}`: link an action item only for those who may open it."""
    return can_read_action(access, item)


@register.simple_tag(takes_context=True)
def add_action_url(context, source) -> str:
    """`{% add_action_url resolution as url %}`: the source's "add an action item" link, or "" for
    readers who may not create action items."""
    return action_create_url(context["access"], source) or ""


@register.inclusion_tag("secretariat/actions/_linked.html", takes_context=True)
def action_items_card(context, source) -> dict:
    """`{% action_items_card exchange %}`: the "Action items" card of a source's page (prefetch
    "action_items__owner" so the page's query count stays constant)."""
    access = context["access"]
    return {"items": source.action_items.all(), "create_url": action_create_url(access, source), "access": access}


@register.inclusion_tag("secretariat/actions/_under_source.html", takes_context=True)
def action_items_under(context, source) -> dict:
    """`{% action_items_under resolution %}`: the compact list under a source, when it has any."""
    return {"items": source.action_items.all(), "access": context["access"]}
