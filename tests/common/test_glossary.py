"""One word for one thing in each language: the council's own terms as the Chinese catalog uses them."""

from pathlib import Path

import polib
from django.conf import settings

# The word a reader would take for another thing, and the council's word: a team is a 工作组, its lead a
# 组长, its member a 组员 (as the menus and the roles say), never a 团队.
CHINESE_TERMS = {"团队": "工作组"}


def test_the_chinese_catalog_names_each_thing_one_way():
    catalog = polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / "zh_Hans" / "LC_MESSAGES" / "django.po"))

    found = [
        (entry.msgid, word, CHINESE_TERMS[word])  # what it says, and what the council says
        for entry in catalog
        for text in (entry.msgstr, *entry.msgstr_plural.values())
        for word in CHINESE_TERMS
        if word in text
    ]

    assert found == []
