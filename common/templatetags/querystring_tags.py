from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def with_page(context, number) -> str:
    """The current query string (filters, sort) with only the page number changed."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()
