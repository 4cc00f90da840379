import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from council.models import Role
from council.permissions import access_for


def test_access_reflects_each_demo_role(demo_user, economy, culture):
    lead = access_for(demo_user("lead-economy-seoul"))
    assert (lead.is_team_lead, lead.can_manage_team(economy), lead.can_manage_team(culture)) == (True, True, False)
    assert (lead.can_read_team(culture), lead.can_read_council(), lead.can_manage_council()) == (True, True, False)

    member = access_for(demo_user("member-economy-seoul"))
    assert (member.can_read_team(economy), member.can_read_team(culture)) == (True, False)
    assert (member.can_manage_team(economy), member.can_read_council()) == (False, False)

    secretariat = access_for(demo_user("secretariat-beijing"))
    assert (secretariat.can_manage_council(), secretariat.can_manage_team(culture)) == (True, True)

    mayor = access_for(demo_user("mayor-office-seoul"))
    assert (mayor.can_read_council(), mayor.can_read_team(culture), mayor.can_manage_team(culture)) == (
        True,
        True,
        False,
    )

    admin = access_for(demo_user("admin"))
    assert (admin.is_admin, admin.can_read_council(), admin.can_read_team(economy)) == (True, False, False)


def test_no_demo_role_reaches_another_councils_team(demo_user, foreign_team):
    for username in ("secretariat-seoul", "lead-economy-seoul", "mayor-office-beijing"):
        access = access_for(demo_user(username))
        assert (access.can_read_team(foreign_team), access.can_manage_team(foreign_team)) == (False, False)


def test_a_team_role_without_a_team_is_refused(demo_user):
    person = demo_user("mayor-office-seoul").person
    role = Role(person=person, kind=Role.Kind.TEAM_LEAD)
    with pytest.raises(ValidationError) as error:
        role.full_clean()
    assert error.value.message_dict == {"team": ["A team role needs a team."]}
    with pytest.raises(IntegrityError):
        role.save()


def test_a_team_of_another_council_is_refused_for_a_role(demo_user, foreign_team):
    role = Role(person=demo_user("mayor-office-seoul").person, kind=Role.Kind.TEAM_MEMBER, team=foreign_team)
    with pytest.raises(ValidationError) as error:
        role.full_clean()
    assert error.value.message_dict == {"team": ["The team must belong to the person's council."]}
