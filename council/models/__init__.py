from council.models.structure import City, Council, CouncilCity, Department, Person, Role, Secretariat, User

__all__ = ["City", "Council", "CouncilCity", "Department", "Person", "Role", "Secretariat", "User"]
