"""Machine suggestions for the translation desk, from a LibreTranslate-compatible service (optional).

Off unless settings.MACHINE_TRANSLATION_URL is set. A suggestion only fills the editor: a person checks it
and saves it, so a slow or broken service costs a message, never a page.
"""

import http.client
import json
import urllib.request

from django.conf import settings
from django.utils.translation import gettext as _

# The service's codes where they differ from the council's.
SERVICE_CODES = {"zh-hans": "zh"}


class SuggestionError(Exception):
    """The service gave no usable translation; the message says so to the translator."""


def is_configured() -> bool:
    return bool(settings.MACHINE_TRANSLATION_URL)


def suggest(text: str, source: str, target: str) -> str:
    """The service's translation of `text`, or SuggestionError within MACHINE_TRANSLATION_TIMEOUT seconds."""
    body = {"q": text, "source": SERVICE_CODES.get(source, source), "target": SERVICE_CODES.get(target, target)}
    # The settings accept http:// and https:// addresses only (no file:, no custom schemes).
    request = urllib.request.Request(  # noqa: S310
        settings.MACHINE_TRANSLATION_URL.rstrip("/") + "/translate",
        data=json.dumps(body | {"format": "text"}).encode(),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.MACHINE_TRANSLATION_TIMEOUT) as response:  # noqa: S310
            answer = json.loads(response.read().decode("utf-8"))
    # Refused, timed out, an HTTP error status, a broken answer, not JSON, not UTF-8.
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise SuggestionError(_("The translation service gave no suggestion. Translate it yourself.")) from error
    suggestion = answer.get("translatedText") if isinstance(answer, dict) else None
    if not isinstance(suggestion, str) or not suggestion.strip():
        raise SuggestionError(_("The translation service gave no suggestion. Translate it yourself."))
    return suggestion
