"""URL × role expectations for the general assembly pages. See tests/test_url_roles.py."""

from tests.url_cases.roles import LOGIN, row

CASES = [
    ("assemblies:list", "get", None, row(LOGIN, 200, 200, 200, 200, 403)),
    # Without the cycle the person saw, the rules compute the next one: scheduled, then a redirect.
    ("assemblies:schedule", "post", None, row(LOGIN, 302, 403, 403, 403, 403)),
    ("assemblies:detail", "get", "next_assembly", row(LOGIN, 200, 200, 200, 200, 403)),
    ("assemblies:detail", "get", "foreign_assembly", row(LOGIN, 404, 404, 404, 404, 403)),
    ("assemblies:edit", "get", "next_assembly", row(LOGIN, 200, 403, 403, 403, 403)),
    ("assemblies:edit", "get", "foreign_assembly", row(LOGIN, 404, 404, 404, 404, 403)),
    # A held assembly can no longer be moved: a redirect back with a message.
    ("assemblies:edit", "get", "held_assembly", row(LOGIN, 302, 403, 403, 403, 403)),
    ("assemblies:programme", "get", "held_assembly", row(LOGIN, 200, 403, 403, 403, 403)),
    ("assemblies:postpone", "get", "next_assembly", row(LOGIN, 200, 403, 403, 403, 403)),
    ("assemblies:host", "get", "next_assembly", row(LOGIN, 200, 403, 403, 403, 403)),
    ("assemblies:cancel", "get", "next_assembly", row(LOGIN, 200, 403, 403, 403, 403)),
    ("assemblies:cancel", "post", "foreign_assembly", row(LOGIN, 404, 404, 404, 404, 403)),
    # Without a reason the confirmation page shows again with the error: nothing cancelled.
    ("assemblies:cancel", "post", "next_assembly", row(LOGIN, 200, 403, 403, 403, 403)),
    # A held assembly can no longer be cancelled: a redirect back with a message.
    ("assemblies:cancel", "get", "held_assembly", row(LOGIN, 302, 403, 403, 403, 403)),
    # Without a target status the move is refused with a message: a redirect back, nothing changed.
    ("assemblies:status", "post", "next_assembly", row(LOGIN, 302, 403, 403, 403, 403)),
    # A team's achievements input: its leads and the secretariat mark it ready or reopen it (a redirect
    # back); a held assembly refuses with a message (a redirect too, nothing changed).
    ("assemblies:input-ready", "post", "next_assembly_economy", row(LOGIN, 302, 302, 403, 403, 403)),
    ("assemblies:input-ready", "post", "next_assembly_culture", row(LOGIN, 302, 403, 403, 403, 403)),
    ("assemblies:input-ready", "post", "held_assembly_economy", row(LOGIN, 302, 302, 403, 403, 403)),
    ("assemblies:input-ready", "post", "foreign_assembly_economy", row(LOGIN, 404, 404, 404, 404, 403)),
    ("assemblies:input-ready", "post", "next_assembly_foreign_team", row(LOGIN, 404, 404, 404, 404, 403)),
    ("assemblies:input-ready", "get", "next_assembly_economy", row(LOGIN, 405, 405, 405, 405, 405)),
    ("assemblies:input-reopen", "post", "next_assembly_economy", row(LOGIN, 302, 302, 403, 403, 403)),
    ("assemblies:input-reopen", "post", "next_assembly_culture", row(LOGIN, 302, 403, 403, 403, 403)),
    ("assemblies:input-reopen", "post", "held_assembly_economy", row(LOGIN, 302, 302, 403, 403, 403)),
    ("assemblies:input-reopen", "post", "next_assembly_foreign_team", row(LOGIN, 404, 404, 404, 404, 403)),
]
