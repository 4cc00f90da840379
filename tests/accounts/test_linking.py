"""The first sign-in through a city's accounts links to the person the secretariat entered, by employee id
or verified e-mail, within the service's city; anything else is refused, logged, and changes nothing."""

import logging

import pytest

from accounts.linking import Claims, NotLinked, link
from accounts.models import ExternalAccount
from council.models import City, Person, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def kim(db) -> Person:
    """A Seoul person of the demo without a user account, with an employee id and an e-mail."""
    person = (
        Person.objects.filter(city__code="SEL", user=None).first() or Person.objects.filter(city__code="SEL").first()
    )
    Person.objects.filter(pk=person.pk).update(user=None, employee_id="S-1001", email="kim@seoul.example")
    person.refresh_from_db()
    return person


def seoul(**claims) -> Claims:
    return Claims(service="seoul", city_code="SEL", **{"subject": "sub-1", **claims})


def test_the_employee_id_links_the_person_and_makes_their_user(kim):
    user = link(seoul(employee_id="S-1001"))

    kim.refresh_from_db()
    assert kim.user == user and user.username == "seoul-S-1001" and user.email == "kim@seoul.example"
    assert list(ExternalAccount.objects.values_list("user", "service", "subject")) == [(user.pk, "seoul", "sub-1")]


def test_a_verified_email_links_and_later_sign_ins_go_by_the_subject(kim):
    user = link(seoul(email="KIM@seoul.example", email_verified=True))
    Person.objects.filter(pk=kim.pk).update(email="new@seoul.example")

    assert link(seoul(email="someone-else@seoul.example")) == user
    assert User.objects.filter(person=kim).count() == 1 and ExternalAccount.objects.count() == 1


def test_an_existing_user_is_kept(kim, demo_user):
    user = demo_user("member-economy-seoul")
    Person.objects.filter(pk=user.person.pk).update(employee_id="S-2002")

    assert link(seoul(employee_id="S-2002")) == user


@pytest.mark.parametrize(
    "claims",
    [
        {"email": "kim@seoul.example"},  # not verified
        {"employee_id": "S-9999"},
        {"email": "nobody@seoul.example", "email_verified": True},
        {"service": "beijing", "city_code": "BJS", "employee_id": "S-1001"},  # another city's service
    ],
)
def test_an_unknown_account_is_refused_logged_and_nothing_is_made(kim, caplog, claims):
    users = User.objects.count()
    service = claims.pop("service", "seoul")
    city = claims.pop("city_code", "SEL")
    assert City.objects.filter(code=city).exists()

    with caplog.at_level(logging.WARNING, logger="accounts.linking"), pytest.raises(NotLinked) as refused:
        link(Claims(service=service, city_code=city, subject="sub-1", **claims))

    assert "not known to Council Desk" in str(refused.value.message)
    assert [r.getMessage().startswith(f"sign-in refused: {service} account 'sub-1'") for r in caplog.records] == [True]
    assert (User.objects.count(), ExternalAccount.objects.count()) == (users, 0)
    assert Person.objects.get(pk=kim.pk).user is None


def test_a_disabled_user_is_refused(kim):
    user = link(seoul(employee_id="S-1001"))
    User.objects.filter(pk=user.pk).update(is_active=False)

    with pytest.raises(NotLinked) as refused:
        link(seoul())

    assert "disabled" in str(refused.value.message)
