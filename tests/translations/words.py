"""How much of a page a reader cannot read: the share of its words in another script than theirs.

The words counted are those of <main>, less texts marked as awaiting translation (the original and
its mark), less the originals folded away beside their translations, and less what is the same in
every language: numbers, codes and acronyms in capitals (USD, SEL-BJS-2026-014, KOTRA). A run of
Latin letters or of Hangul is one word; Chinese is written without spaces, so a run of Han characters
counts one word per two characters (rounded up), about the length of a Chinese word.
"""

import html
import math
import re

MAIN = re.compile(r"<main\b.*?</main>", re.S)
# An original shown because the reader's version is missing or outdated, then its mark and its link.
AWAITING = re.compile(
    r'<(span|div) lang="[^"]+">(?:(?!</?\1\b).)*</\1>\s*<span class="tr-mark[^"]*">[^<]*</span>'
    r'(\s*<a class="tr-link[^"]*"[^>]*>[^<]*</a>)?',
    re.S,
)
# Not read unless asked for: scripts, and a translated text's original folded away beside it.
HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1>|<!--.*?-->|<details class=\"tr-original.*?</details>", re.S)
TAG = re.compile(r"<[^>]+>")
WORD = re.compile(
    r"(?P<latin>[A-Za-z][a-z]+(?:['’-][A-Za-z]+)*)|(?P<hangul>[\uac00-\ud7a3]+)|(?P<han>[\u4e00-\u9fff]+)"
)
SCRIPT_OF = {"ko": "hangul", "zh-hans": "han", "en": "latin"}


def foreign_words(page: str, language: str) -> tuple[int, int, list[str]]:
    """Words in another script than the reader's, all words, and a sample of the foreign ones."""
    own = SCRIPT_OF[language]
    main = MAIN.search(page)
    text = HIDDEN.sub(" ", main.group(0) if main else page)
    text = html.unescape(TAG.sub(" ", AWAITING.sub(" ", text)))
    foreign, total, sample = 0, 0, []
    for match in WORD.finditer(text):
        script = match.lastgroup
        count = math.ceil(len(match.group()) / 2) if script == "han" else 1
        total += count
        if script != own:
            foreign += count
            sample.append(match.group())
    return foreign, total, sample
