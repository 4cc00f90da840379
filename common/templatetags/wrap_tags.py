"""{% wrap %}: a shared include around markup of the page. Django's {% include %} can hand an include
values but no markup, so a frame that holds a page's own markup (a table's card, a list's filter panel,
a page's header over its own lead) would otherwise be copied into every page that has one."""

from django import template
from django.template.loader_tags import IncludeNode, do_include
from django.utils.safestring import mark_safe

register = template.Library()


class WrapNode(IncludeNode):
    def __init__(self, nodelist, include: IncludeNode):
        super().__init__(
            include.template, extra_context=include.extra_context, isolated_context=include.isolated_context
        )
        self.nodelist = nodelist

    def render(self, context):
        # Rendered (and escaped) here, in the page's context; stripped so that a lead left empty by its
        # own {% if %} counts as none.
        wrapped = mark_safe(self.nodelist.render(context).strip())  # noqa: S308
        with context.push(wrapped=wrapped):
            return super().render(context)


@register.tag
def wrap(parser, token):
    """{% wrap "includes/table_card.html" with no_hover=True %}<thead>…</tbody>{% endwrap %}: the include,
    with the markup between the tags as `wrapped` and the values after `with` as {% include %} gives them."""
    include = do_include(parser, token)
    nodelist = parser.parse(("endwrap",))
    parser.delete_first_token()
    return WrapNode(nodelist, include)
