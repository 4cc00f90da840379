from council.models.desk import (
    ActionItem,
    Agreement,
    Commitment,
    Correspondence,
    CorrespondenceAttachment,
    ReferenceCounter,
)
from council.models.structure import City, Council, CouncilCity, Department, Person, Role, Secretariat, User

__all__ = [
    "ActionItem",
    "Agreement",
    "City",
    "Commitment",
    "Correspondence",
    "CorrespondenceAttachment",
    "Council",
    "CouncilCity",
    "Department",
    "Person",
    "ReferenceCounter",
    "Role",
    "Secretariat",
    "User",
]
