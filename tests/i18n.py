from django.utils import translation


def translated(text: str, language: str) -> str:
    """The catalog's translation of `text`; fails when there is none, so a test can't pass on English."""
    with translation.override(language):
        result = translation.gettext(text)
    assert result != text, f"{text!r} has no {language} translation"
    return result
