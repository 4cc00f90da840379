from django import template

from council.desk_permissions import can_read_action

register = template.Library()


@register.filter
def readable_by(item, access) -> bool:
    """`{% if item|readable_by:access %}`: link an action item only for those who may open it."""
    return can_read_action(access, item)
