"""Every Bootstrap class a template names is in the stylesheet the pages load: bootstrap.council.min.css
is Bootstrap less the rules no source names (static/vendor/bootstrap/README.md says how it is made), so a
class first used after it was made would do nothing until it is made again."""

import re
from pathlib import Path

from django.conf import settings

BOOTSTRAP = Path(settings.BASE_DIR) / "static" / "vendor" / "bootstrap"
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')
TEMPLATE_SYNTAX = re.compile(r"{%.*?%}|{{.*?}}")
SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")


def classes_of(css: Path) -> set[str]:
    return set(SELECTOR_CLASS.findall(re.sub(r"{[^{}]*}", "{}", css.read_text())))


def classes_named_in_templates() -> set[str]:
    root = Path(settings.BASE_DIR)
    named = set()
    for template in [*root.glob("templates/**/*.html"), *root.glob("*/templates/**/*.html")]:
        for value in CLASS_ATTRIBUTE.findall(template.read_text()):
            named.update(TEMPLATE_SYNTAX.sub(" ", value).split())
    return named


def test_every_bootstrap_class_a_template_names_is_in_the_council_build():
    bootstrap = classes_of(BOOTSTRAP / "bootstrap.min.css")
    built = classes_of(BOOTSTRAP / "bootstrap.council.min.css")
    named = classes_named_in_templates() & bootstrap

    assert len(named) > 100
    assert sorted(named - built) == []
