"""URL × role expectations for the exchange log. See tests/test_url_roles.py."""

from tests.url_cases.roles import LOGIN, row

CASES = [
    ("teams:exchange-list", "get", None, row(LOGIN, 200, 200, 200, 200, 403)),
    ("teams:exchange-create", "get", None, row(LOGIN, 200, 200, 200, 403, 403)),
    ("teams:exchange-choices", "get", None, row(LOGIN, 200, 200, 200, 200, 403)),
    ("teams:exchange-detail", "get", "economy_exchange", row(LOGIN, 200, 200, 200, 200, 403)),
    ("teams:exchange-detail", "get", "culture_exchange", row(LOGIN, 200, 200, 403, 200, 403)),
    ("teams:exchange-detail", "get", "foreign_exchange", row(LOGIN, 404, 404, 404, 404, 404)),
    ("teams:exchange-edit", "get", "economy_exchange", row(LOGIN, 200, 200, 403, 403, 403)),
    ("teams:exchange-edit", "get", "culture_exchange", row(LOGIN, 200, 403, 403, 403, 403)),
    ("teams:exchange-edit", "get", "foreign_exchange", row(LOGIN, 404, 404, 404, 404, 404)),
    # With no target status the move is refused with a message: a redirect back, nothing changed.
    ("teams:exchange-status", "post", "economy_exchange", row(LOGIN, 302, 302, 403, 403, 403)),
    ("teams:exchange-status", "post", "culture_exchange", row(LOGIN, 302, 403, 403, 403, 403)),
    ("teams:exchange-status", "post", "foreign_exchange", row(LOGIN, 404, 404, 404, 404, 404)),
    # A planned exchange is no draft: returning it is refused with a message, a redirect back.
    ("teams:exchange-return", "post", "economy_exchange", row(LOGIN, 302, 302, 403, 403, 403)),
    ("teams:exchange-return", "post", "culture_exchange", row(LOGIN, 302, 403, 403, 403, 403)),
    ("teams:exchange-return", "post", "foreign_exchange", row(LOGIN, 404, 404, 404, 404, 404)),
    # A planned exchange cannot be completed yet: a redirect back with a message.
    ("teams:exchange-complete", "get", "economy_exchange", row(LOGIN, 302, 302, 403, 403, 403)),
    # Cancelling: its confirmation page; a POST without a reason shows the page again with the error.
    ("teams:exchange-cancel", "get", "economy_exchange", row(LOGIN, 200, 200, 403, 403, 403)),
    ("teams:exchange-cancel", "get", "culture_exchange", row(LOGIN, 200, 403, 403, 403, 403)),
    ("teams:exchange-cancel", "get", "foreign_exchange", row(LOGIN, 404, 404, 404, 404, 404)),
    ("teams:exchange-cancel", "post", "economy_exchange", row(LOGIN, 200, 200, 403, 403, 403)),
    # Reopening a planned exchange is refused with a message: a redirect back, nothing changed.
    ("teams:exchange-reopen", "post", "economy_exchange", row(LOGIN, 302, 302, 403, 403, 403)),
    ("teams:exchange-reopen", "post", "culture_exchange", row(LOGIN, 302, 403, 403, 403, 403)),
    ("teams:exchange-reopen", "post", "foreign_exchange", row(LOGIN, 404, 404, 404, 404, 404)),
    ("teams:exchange-reopen", "get", "economy_exchange", row(LOGIN, 405, 405, 405, 405, 405)),
    ("teams:exchange-attachment-add", "post", "economy_exchange", row(LOGIN, 302, 302, 403, 403, 403)),
    ("teams:exchange-attachment-add", "post", "culture_exchange", row(LOGIN, 302, 403, 403, 403, 403)),
    ("teams:exchange-attachment", "get", "economy_attachment", row(LOGIN, 200, 200, 200, 200, 403)),
    ("teams:exchange-attachment", "get", "foreign_attachment", row(LOGIN, 404, 404, 404, 404, 404)),
]
