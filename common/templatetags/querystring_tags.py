from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def with_param(context, key, value) -> str:
    """The current query string (filters, sort) with one parameter set; a new sort starts at page 1."""
    query = context["request"].GET.copy()
    query[key] = value
    if key != "page":
        query.pop("page", None)
    return "?" + query.urlencode()


@register.simple_tag(takes_context=True)
def with_page(context, number) -> str:
    return with_param(context, "page", number)


@register.simple_tag(takes_context=True)
def with_sort(context, field) -> str:
    """A column header's link: sort by this column, or reverse it when it is the current sort."""
    current = context["request"].GET.get("ordering", "")
    reverse = field[1:] if field.startswith("-") else f"-{field}"
    return with_param(context, "ordering", reverse if current == field else field)
