"""Council texts in templates, in the reader's language.

    {% tr exchange "title" %}                  the text, marked when shown untranslated
    {% tr exchange "outcomes" multiline=True %}  the same, as paragraphs
    {{ exchange|tr_text:"title" }}             the bare text, for attributes and page titles

Lists load their records' versions with translations.reading.with_versions, one query per list.
"""

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from translations.reading import reader_language, text_of

register = template.Library()


def edit_url(record, field: str, language: str) -> str:
    """The desk's page for this text, or "" where the desk is not routed (the mark is then shown alone)."""
    label = f"{record._meta.app_label}.{record._meta.model_name}"
    try:
        return reverse("translations:edit", args=[label, record.pk, field, language])
    except NoReverseMatch:
        return ""


@register.simple_tag(takes_context=True)
def tr(context, record, field: str, multiline: bool = False) -> str:
    if record is None:
        return ""
    text = text_of(record, field)
    if multiline:
        body = format_html('<div lang="{}">{}</div>', text.language, linebreaks_filter(text.value, autoescape=True))
    else:
        body = format_html('<span lang="{}">{}</span>', text.language, text.value)
    if not text.awaiting:
        return body
    mark = format_html(' <span class="tr-mark badge rounded-pill text-bg-light border fw-normal">{}</span>', text.mark)
    access = context.get("access")
    url = edit_url(record, field, reader_language()) if access is not None and access.can_translate() else ""
    if not url:
        return body + mark
    return body + mark + format_html(' <a class="tr-link small" href="{}">{}</a>', url, _("Translate"))


@register.filter
def tr_text(record, field: str) -> str:
    return text_of(record, field).value if record is not None else ""
