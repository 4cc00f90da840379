"""A person's e-mail address is refused wherever it is set when mail could not be sent to it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from council.models import Person
from demo.structure import upsert
from tests.factories import PersonFactory
from tests.i18n import translated

MESSAGE = "Enter an e-mail address that mail can be sent to: one address, without spaces or line breaks."
BAD = ["two@@example.org", "x@exa mple.org", "lee@example.org\nBcc: all@example.org", '"a\x0bb"@example.org']


def stored(person: Person) -> tuple:
    return tuple(Person.objects.filter(pk=person.pk).values_list("email", "updated_at").get())


@pytest.mark.parametrize("address", BAD)
def test_full_clean_refuses_an_address_mail_cannot_be_sent_to_and_nothing_is_saved(db, address):
    person = PersonFactory(email="lee@example.org")
    before = stored(person)

    person.email = address
    with pytest.raises(ValidationError) as refusal:
        person.full_clean()

    assert refusal.value.message_dict == {"email": [MESSAGE]}  # once, not also in Django's own words
    assert stored(person) == before


def test_the_refusal_is_in_the_readers_language(db):
    person = PersonFactory(email="lee@example.org")
    person.email = "two@@example.org"
    with translation.override("ko"):
        with pytest.raises(ValidationError) as refusal:
            person.full_clean()
        assert refusal.value.message_dict == {"email": [translated(MESSAGE, "ko")]}


# The admin, where people are kept ------------------------------------------------------------------


def admin_data(person: Person, email: str) -> dict:
    """The admin's change form for a person without roles, as the browser posts it."""
    return {
        "council": person.council_id, "city": person.city_id, "department": "", "name": person.name,
        "name_romanised": person.name_romanised, "title": "", "email": email, "preferred_language": "en",
        "time_zone": "", "user": "", "roles-TOTAL_FORMS": "0", "roles-INITIAL_FORMS": "0", "_save": "Save",
    }  # fmt: skip


def test_the_admin_saves_an_address_mail_can_be_sent_to(client, demo_user):
    person = PersonFactory(email="lee@example.org")
    client.force_login(demo_user("admin"))

    response = client.post(reverse("admin:council_person_change", args=[person.pk]), admin_data(person, "li@bj.cn"))

    assert (response.status_code, stored(person)[0]) == (302, "li@bj.cn")


@pytest.mark.parametrize(
    ("address", "error"),
    [
        ("two@@example.org", "Enter a valid email address."),  # the form's own check comes first
        ('"a\x0bb"@example.org', MESSAGE),  # Django's check lets it through; the model's does not
    ],
)
def test_the_admin_refuses_an_address_mail_cannot_be_sent_to(client, demo_user, address, error):
    person = PersonFactory(email="lee@example.org")
    before = stored(person)
    client.force_login(demo_user("admin"))

    response = client.post(reverse("admin:council_person_change", args=[person.pk]), admin_data(person, address))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"email": [error]}
    assert stored(person) == before


# The demo data, written without a form --------------------------------------------------------------


def test_the_demo_refuses_to_make_a_person_with_such_an_address(db):
    existing = PersonFactory(email="lee@example.org")
    fields = {"name": "새 사람", "city": existing.city, "email": "two@@example.org"}

    with pytest.raises(ValidationError) as refusal:
        upsert(Person, council=existing.council, name_romanised="New Person", defaults=fields)

    assert refusal.value.message_dict == {"email": [MESSAGE]}
    assert not Person.objects.filter(name_romanised="New Person").exists()


def test_the_demo_refuses_to_change_a_persons_address_to_such_an_address(db):
    existing = PersonFactory(email="lee@example.org")
    before = stored(existing)

    with pytest.raises(ValidationError):
        upsert(Person, council=existing.council, name_romanised=existing.name_romanised,
               defaults={"email": "lee@example.org\nBcc: all@example.org"})  # fmt: skip

    assert stored(existing) == before
