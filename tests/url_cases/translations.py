"""URL × role expectations for the translation desk. See tests/test_url_roles.py.

The secretariat (and the council's translators, who have no demo account) translate; the others are
refused. A text is addressed by (model label, id, field, language): an address naming no translated
text, or another council's text, is not found. A POST without data to the editor answers with the form
(200), never removing the version. Sign-off is done (a redirect back) by the secretariat of the city that
speaks the language (Seoul: Korean) and by an administrator, of any council; refused (403, with why) for
the others.
"""

from tests.url_cases.roles import LOGIN, row

NOT_FOUND = row(LOGIN, 404, 404, 404, 404, 404)
TRANSLATE = row(LOGIN, 200, 403, 403, 403, 403)

CASES = [
    ("translations:desk", "get", None, row(LOGIN, 200, 403, 403, 403, 403)),
    ("translations:edit", "get", "agreement_title_ko", TRANSLATE),
    ("translations:edit", "post", "agreement_title_ko", TRANSLATE),
    ("translations:edit", "get", "agreement_parties_ko", NOT_FOUND),
    ("translations:edit", "get", "foreign_agreement_title_ko", NOT_FOUND),
    ("translations:edit", "post", "foreign_agreement_title_ko", NOT_FOUND),
    ("translations:sign-off", "get", "agreement_title_ko", row(LOGIN, 405, 405, 405, 405, 405)),
    ("translations:sign-off", "post", "agreement_title_ko", row(LOGIN, 302, 403, 403, 403, 302)),
    ("translations:sign-off", "post", "agreement_title_zh", row(LOGIN, 403, 403, 403, 403, 302)),
    ("translations:sign-off", "post", "agreement_parties_ko", NOT_FOUND),
    ("translations:sign-off", "post", "foreign_agreement_title_ko", row(LOGIN, 404, 404, 404, 404, 302)),
]
