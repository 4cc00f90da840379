from django import template

from common.timezones import local_times as compute_local_times

register = template.Library()


@register.inclusion_tag("includes/local_times.html")
def local_times(value, cities):
    """`{% local_times assembly.starts_at council.rotation %}`: both cities' time side by side."""
    return {"times": compute_local_times(value, cities) if value else []}
