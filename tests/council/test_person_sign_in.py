"""The secretariat enters the e-mail and employee id that link a person to their city's account; others
may not, another council's people are not found, and a refused form changes nothing."""

import pytest
from django.urls import reverse

from council.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def url(person) -> str:
    return reverse("council:person-sign-in", args=[person.pk])


@pytest.fixture
def zhang(db) -> Person:
    return Person.objects.get(name_romanised="Zhang Wei")


def test_the_secretariat_enters_the_employee_id_and_email(client, demo_user, zhang):
    client.force_login(demo_user("secretariat-seoul"))

    response = client.post(url(zhang), {"email": "zhang.wei@beijing.example", "employee_id": " BJ-0042 "})

    zhang.refresh_from_db()
    assert response.status_code == 302 and response.url == "/council/people/?q=Zhang+Wei"
    assert (zhang.email, zhang.employee_id) == ("zhang.wei@beijing.example", "BJ-0042")
    assert "BJ-0042" in client.get(response.url).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "", "employee_id": "BJ\x00"}, "Null characters are not allowed."),
        ({"email": "", "employee_id": "BJ\t1"}, "An employee id is letters, digits and punctuation on one line."),
        ({"email": "not an address", "employee_id": ""}, "Enter a valid email address."),
    ],
)
def test_a_refused_entry_says_why_and_changes_nothing(client, demo_user, zhang, data, message):
    client.force_login(demo_user("secretariat-seoul"))
    before = (zhang.email, zhang.employee_id)

    response = client.post(url(zhang), data)

    zhang.refresh_from_db()
    assert response.status_code == 400 and message in response.content.decode()
    assert (zhang.email, zhang.employee_id) == before


def test_an_employee_id_is_one_persons_in_a_city(client, demo_user, zhang):
    other = Person.objects.filter(city=zhang.city).exclude(pk=zhang.pk).first()
    Person.objects.filter(pk=other.pk).update(employee_id="BJ-7")
    client.force_login(demo_user("secretariat-seoul"))

    response = client.post(url(zhang), {"email": "", "employee_id": "BJ-7"})

    assert response.status_code == 400 and "already" in response.content.decode()
    assert Person.objects.get(pk=zhang.pk).employee_id == ""


@pytest.mark.parametrize("username", ["lead-economy-seoul", "member-economy-seoul", "mayor-office-beijing", "admin"])
def test_only_the_secretariat_may(client, demo_user, zhang, username):
    client.force_login(demo_user(username))

    response = client.post(url(zhang), {"email": "", "employee_id": "BJ-1"})

    assert response.status_code in (403, 404) and Person.objects.get(pk=zhang.pk).employee_id == ""


def test_another_councils_person_is_not_found(client, demo_user, foreign_team):
    stranger = PersonFactory(council=foreign_team.council)
    client.force_login(demo_user("secretariat-seoul"))

    assert client.get(url(stranger)).status_code == 404
