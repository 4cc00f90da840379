"""URL × role expectations for notifications and the reminders pages. See tests/test_url_roles.py.

Everyone with a person has notifications (the demo administrator too); a notification is opened only by
its recipient (secretariat_notification is secretariat-seoul's), others find none. Rules and deliveries
are the secretariat's; another council's are not found. A POST without data to a rule's form is
answered with the form and its errors (200), never a change.
"""

from tests.url_cases.roles import LOGIN, row

NOT_FOUND = row(LOGIN, 404, 404, 404, 404, 404)
NOT_POST = row(LOGIN, 405, 405, 405, 405, 405)
SECRETARIAT = row(LOGIN, 200, 403, 403, 403, 403)

# (url name, method, object to address, expected per role)
# roles:                                                              anon   secr lead member mayor admin
CASES = [
    ("reminders:notifications", "get", None, row(LOGIN, 200, 200, 200, 200, 200)),
    ("reminders:notifications-read", "post", None, row(LOGIN, 302, 302, 302, 302, 302)),
    ("reminders:notifications-read", "get", None, NOT_POST),
    ("reminders:notification-open", "post", "secretariat_notification", row(LOGIN, 302, 404, 404, 404, 404)),
    ("reminders:notification-open", "get", "secretariat_notification", NOT_POST),
    ("reminders:rules", "get", None, SECRETARIAT),
    ("reminders:rule-edit", "get", "assembly_rule", SECRETARIAT),
    ("reminders:rule-edit", "post", "assembly_rule", SECRETARIAT),
    ("reminders:rule-edit", "get", "foreign_rule", NOT_FOUND),
    ("reminders:rule-edit", "post", "foreign_rule", NOT_FOUND),
    ("reminders:deliveries", "get", None, SECRETARIAT),
    ("reminders:delivery-resend", "post", "failed_delivery", row(LOGIN, 302, 403, 403, 403, 403)),
    ("reminders:delivery-resend", "post", "foreign_delivery", NOT_FOUND),
    ("reminders:delivery-resend", "get", "failed_delivery", NOT_POST),
]
