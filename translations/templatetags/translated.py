"""Council texts in templates, in the reader's language.

    {% tr exchange "title" %}                  the text, marked when shown untranslated
    {% tr exchange "outcomes" multiline=True %}  the same, as paragraphs
    {% tr exchange "title" href=url %}         the text as a link to `url` (link_class: its classes),
                                               its mark and "Translate" link after it, not inside it
    {% tr exchange "outcomes" chars=220 %}     cut to 220 characters (a table's cell), still marked
    {% tr exchange "minutes" multiline=True default=none_yet %}  `default` for an empty text
    {{ exchange|tr_text:"title" }}             the bare text, for attributes and page titles

Lists load their records' versions with translations.reading.with_versions, one query per list.
"""

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from translations.reading import reader_language, text_of

register = template.Library()


def edit_url(record, field: str, language: str) -> str:
    label = f"{record._meta.app_label}.{record._meta.model_name}"
    return reverse("translations:edit", args=[label, record.pk, field, language])


@register.simple_tag(takes_context=True)
def tr(
    context,
    record,
    field: str,
    multiline: bool = False,
    href: str = "",
    link_class: str = "",
    chars: int = 0,
    default: str = "",
) -> str:
    if record is None:
        return ""
    text = text_of(record, field)
    value = Truncator(text.value).chars(chars) if chars else text.value
    if not value:
        return conditional_escape(default)
    if multiline:
        body = format_html('<div lang="{}">{}</div>', text.language, linebreaks_filter(value, autoescape=True))
    else:
        body = format_html('<span lang="{}">{}</span>', text.language, value)
    if href:
        # The link holds the text only: a "Translate" link inside it would nest one link in another.
        body = format_html('<a href="{}" class="{}">{}</a>', href, link_class, body)
    if not text.awaiting:
        return body
    mark = format_html(' <span class="tr-mark badge rounded-pill text-bg-light border fw-normal">{}</span>', text.mark)
    access = context.get("access")
    if access is None or not access.can_translate():
        return body + mark
    link = format_html(
        ' <a class="tr-link small" href="{}">{}</a>', edit_url(record, field, reader_language()), _("Translate")
    )
    return body + mark + link


@register.filter
def tr_text(record, field: str) -> str:
    return text_of(record, field).value if record is not None else ""
