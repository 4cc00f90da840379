"""URL × role expectations for plans pages. See tests/test_url_roles.py.

Readers of a plan are those who may read its team; writers are that team's leads and the secretariat.
A POST with no data is a form with errors (200) for a writer and a refusal for everyone else.
"""

from tests.url_cases.roles import LOGIN, row

READ_ECONOMY = row(LOGIN, 200, 200, 200, 200, 403)
READ_CULTURE = row(LOGIN, 200, 200, 403, 200, 403)
WRITE_ECONOMY = row(LOGIN, 200, 200, 403, 403, 403)
WRITE_CULTURE = row(LOGIN, 200, 403, 403, 403, 403)
FOREIGN = row(LOGIN, 404, 404, 404, 404, 404)

# (url name, method, object to address, expected per role)
CASES = [
    ("teams:plan-list", "get", None, READ_ECONOMY),
    ("teams:plan-create", "get", None, WRITE_ECONOMY),
    ("teams:plan-create", "post", None, WRITE_ECONOMY),
    ("teams:plan-detail", "get", "economy_plan", READ_ECONOMY),
    ("teams:plan-detail", "get", "culture_plan", READ_CULTURE),
    ("teams:plan-detail", "get", "foreign_plan", FOREIGN),
    ("teams:plan-edit", "get", "economy_plan", WRITE_ECONOMY),
    ("teams:plan-edit", "post", "economy_plan", WRITE_ECONOMY),
    ("teams:plan-edit", "get", "culture_plan", WRITE_CULTURE),
    ("teams:plan-edit", "post", "culture_plan", WRITE_CULTURE),
    ("teams:plan-edit", "get", "foreign_plan", FOREIGN),
    ("teams:goal-create", "get", "economy_plan", WRITE_ECONOMY),
    ("teams:goal-create", "post", "economy_plan", WRITE_ECONOMY),
    ("teams:goal-create", "get", "culture_plan", WRITE_CULTURE),
    ("teams:goal-create", "get", "foreign_plan", FOREIGN),
    ("teams:goal-edit", "get", "economy_goal", WRITE_ECONOMY),
    ("teams:goal-edit", "post", "economy_goal", WRITE_ECONOMY),
    ("teams:goal-edit", "get", "culture_goal", WRITE_CULTURE),
    ("teams:goal-edit", "post", "culture_goal", WRITE_CULTURE),
    ("teams:goal-edit", "get", "foreign_goal", FOREIGN),
    ("teams:goal-update", "get", "economy_manual_goal", WRITE_ECONOMY),
    ("teams:goal-update", "post", "economy_manual_goal", WRITE_ECONOMY),
    ("teams:goal-update", "get", "economy_goal", WRITE_ECONOMY),
    ("teams:goal-update", "get", "culture_goal", WRITE_CULTURE),
    ("teams:goal-update", "post", "foreign_goal", FOREIGN),
]
