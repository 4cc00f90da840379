"""The roles the URL × role test signs in as, and a helper to write one row of expectations."""

ROLES = {
    "anonymous": None,
    "secretariat": "secretariat-seoul",
    "team_lead": "lead-economy-seoul",
    "team_member": "member-economy-seoul",
    "mayor_office": "mayor-office-beijing",
    "administrator": "admin",
}
LOGIN = "login"  # signed out: a redirect to the sign-in page


def row(anonymous, secretariat, team_lead, team_member, mayor_office, administrator) -> dict:
    return dict(zip(ROLES, (anonymous, secretariat, team_lead, team_member, mayor_office, administrator), strict=True))
