"""{% wrap %} (common.templatetags.wrap_tags): a shared include around the page's own markup."""

from django.template import Context, Engine

FRAMES = {
    "card.html": '<div class="card" title="{{ title }}">{{ wrapped }}</div>',
    "lead.html": "<h1>{{ title }}</h1>{% if wrapped %}<p>{{ wrapped }}</p>{% endif %}",
}
ENGINE = Engine(
    loaders=[("django.template.loaders.locmem.Loader", FRAMES)],
    libraries={"wrap_tags": "common.templatetags.wrap_tags"},
)


def render(source: str, **context) -> str:
    return ENGINE.from_string("{% load wrap_tags %}" + source).render(Context(context))


def test_the_include_gets_the_markup_between_the_tags_and_the_values_after_with():
    html = render(
        '{% wrap "card.html" with title=heading %}<a href="/new/">{{ new }}</a>{% endwrap %}',
        heading="Exchanges",
        new="Record <one>",
    )

    assert html == '<div class="card" title="Exchanges"><a href="/new/">Record &lt;one&gt;</a></div>'


def test_markup_that_renders_empty_counts_as_none():
    assert render('{% wrap "lead.html" with title="Plans" %} Lead {% endwrap %}') == "<h1>Plans</h1><p>Lead</p>"
    assert render('{% wrap "lead.html" with title="Plans" %} {% if no %}x{% endif %} {% endwrap %}') == "<h1>Plans</h1>"


def test_the_markup_sees_the_pages_context_and_the_page_goes_on_after_it():
    html = render('{% for n in numbers %}{% wrap "card.html" %}{{ n }}{% endwrap %}{% endfor %}.', numbers=[1, 2])

    assert html == '<div class="card" title="">1</div><div class="card" title="">2</div>.'
