"""The one check of an e-mail address: what Django's mail can send to, and never a line break."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from common.validators import validate_sendable_email
from tests.i18n import translated

MESSAGE = "Enter an e-mail address that mail can be sent to: one address, without spaces or line breaks."


@pytest.mark.parametrize(
    "address",
    ["lee.kim@example.org", "first.last+minutes@seoul.go.kr", "wang@例え.jp", "o'brien@example.org"],
)
def test_an_address_mail_can_be_sent_to_passes(address):
    assert validate_sendable_email(address) is None


@pytest.mark.parametrize(
    "address",
    [
        "two@@example.org",
        "x@exa mple.org",
        "a@example.org\nBcc: b@example.org",  # header injection
        "a@example.org\n",
        "a@example.org\r",
        "a@example.org\u2028",  # a Unicode line separator, which Django's own check lets through
        '"a\x0bb"@example.org',  # a vertical tab inside quotes: the same
        "a@example.org, b@example.org",
        "Kim <a@example.org>",
        "no-domain",
        "",
    ],
)
def test_an_address_mail_cannot_be_sent_to_is_refused(address):
    with pytest.raises(ValidationError) as refusal:
        validate_sendable_email(address)
    assert (refusal.value.code, refusal.value.messages) == ("invalid", [MESSAGE])


@pytest.mark.parametrize("language", ["ko", "zh-hans"])
def test_the_refusal_speaks_the_readers_language(language):
    with translation.override(language):
        with pytest.raises(ValidationError) as refusal:
            validate_sendable_email("two@@example.org")
        assert refusal.value.messages == [translated(MESSAGE, language)]
