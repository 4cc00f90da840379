"""Who may do what in a council. Every view asks here, on the server.

The roles' rights: secretariat staff manage everything in their council and read all; team leads
manage their own team's work and read everything else; team members draft for and read their own
team; mayors' offices read; administrators run users and the Django admin, not council data.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from common.views import Refused
from council.models import Person, Role

_CACHE_ATTR = "_council_access"


@dataclass(frozen=True)
class Access:
    person: Person | None = None
    kinds: frozenset[str] = frozenset()
    lead_team_ids: frozenset[int] = frozenset()
    member_team_ids: frozenset[int] = frozenset()
    is_admin: bool = False
    signed_in: bool = False
    _roles: tuple[Role, ...] = field(default=(), repr=False)

    @property
    def fingerprint(self) -> tuple:
        """Who this is and every role they hold: what a page kept for them may depend on (common.kept_pages)."""
        roles = sorted((role.kind, role.team_id or 0) for role in self._roles)
        return (self.person.pk if self.person else None, self.is_admin, *roles)

    @property
    def council_id(self) -> int | None:
        return self.person.council_id if self.person else None

    @property
    def is_secretariat(self) -> bool:
        return Role.Kind.SECRETARIAT in self.kinds

    @property
    def is_mayor_office(self) -> bool:
        return Role.Kind.MAYOR_OFFICE in self.kinds

    @property
    def is_translator(self) -> bool:
        return Role.Kind.TRANSLATOR in self.kinds

    @property
    def is_team_lead(self) -> bool:
        return bool(self.lead_team_ids)

    @property
    def is_team_member(self) -> bool:
        return bool(self.member_team_ids)

    @property
    def primary_role(self) -> str | None:
        """The role whose home page the person sees first."""
        kinds = (
            Role.Kind.SECRETARIAT,
            Role.Kind.TEAM_LEAD,
            Role.Kind.TEAM_MEMBER,
            Role.Kind.MAYOR_OFFICE,
            Role.Kind.TRANSLATOR,
        )
        for kind in kinds:
            if kind in self.kinds:
                return kind
        return "administrator" if self.is_admin else None

    @property
    def roles(self) -> tuple[Role, ...]:
        return self._roles

    # Council-wide reads: anyone with a role beyond their own team.
    def can_read_council(self) -> bool:
        return self.council_id is not None and (
            self.is_secretariat or self.is_team_lead or self.is_mayor_office or self.is_translator
        )

    def can_manage_council(self) -> bool:
        return self.council_id is not None and self.is_secretariat

    def can_translate(self) -> bool:
        """Write versions of the council's texts: its secretariat staff and the translators it names."""
        return self.council_id is not None and (self.is_secretariat or self.is_translator)

    def can_read_team(self, team) -> bool:
        return team.council_id == self.council_id and (self.can_read_council() or team.pk in self.member_team_ids)

    def can_manage_team(self, team) -> bool:
        return team.council_id == self.council_id and (self.is_secretariat or team.pk in self.lead_team_ids)

    def readable_team_ids(self, all_team_ids) -> set[int]:
        return set(all_team_ids) if self.can_read_council() else set(self.member_team_ids)


def access_for(user) -> Access:
    """The signed-in user's access, computed once per request (two queries) and cached on the user."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return Access()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    person = Person.objects.select_related("city", "council").filter(user=user).first()
    roles = tuple(person.roles.select_related("team")) if person else ()
    access = Access(
        person=person,
        kinds=frozenset(role.kind for role in roles),
        lead_team_ids=frozenset(r.team_id for r in roles if r.kind == Role.Kind.TEAM_LEAD),
        member_team_ids=frozenset(r.team_id for r in roles if r.kind == Role.Kind.TEAM_MEMBER),
        is_admin=user.is_staff,
        signed_in=True,
        _roles=roles,
    )
    setattr(user, _CACHE_ATTR, access)
    return access


def require(allowed: bool, reason: str = "") -> None:
    """Refuse with 403 unless allowed; views call this after fetching the object in scope. `reason`
    (translated) tells the reader why and what to do instead; the page says it in place of the default."""
    if not allowed:
        raise Refused(reason) if reason else PermissionDenied
