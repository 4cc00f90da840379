"""URL × role expectations for report pages. See tests/test_url_roles.py.

Every role in the council reads the achievements report and its PDF (team members too: the report
covers every team); an administrator without a council role does not. Another council's assembly is
not found for anyone.
"""

from tests.url_cases.roles import LOGIN, row

READ = row(LOGIN, 200, 200, 200, 200, 403)
FOREIGN = row(LOGIN, 404, 404, 404, 404, 404)

# (url name, method, object to address, expected per role)
CASES = [
    ("assemblies:report", "get", "held_assembly", READ),
    ("assemblies:report", "get", "next_assembly", READ),
    ("assemblies:report", "get", "foreign_assembly", FOREIGN),
    ("assemblies:report-pdf", "get", "held_assembly", READ),
    ("assemblies:report-pdf", "get", "foreign_assembly", FOREIGN),
]
