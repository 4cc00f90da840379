from teams.selectors.structure import team_roles, teams_with_sides

__all__ = ["team_roles", "teams_with_sides"]
