"""Factories for data the demo set does not have, such as a second council."""

import datetime as dt

import factory

from council.models import City, Council, CouncilCity, Department, Person, Role
from teams.models import Exchange, FocusArea, Team


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City

    code = factory.Sequence(lambda n: f"C{n:03d}")
    name_en = factory.Sequence(lambda n: f"City {n}")
    name_ko = factory.Sequence(lambda n: f"도시 {n}")
    name_zh_hans = factory.Sequence(lambda n: f"城市 {n}")
    country = "JP"
    time_zone = "Asia/Tokyo"


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council
        skip_postgeneration_save = True

    name_en = factory.Sequence(lambda n: f"Council {n}")
    name_ko = factory.Sequence(lambda n: f"위원회 {n}")
    name_zh_hans = factory.Sequence(lambda n: f"委员会 {n}")
    founded_on = dt.date(2020, 1, 1)

    @factory.post_generation
    def member_cities(self, create, extracted, **kwargs):
        for order, city in enumerate(extracted or [CityFactory(), CityFactory()], start=1):
            CouncilCity.objects.create(council=self, city=city, rotation_order=order)


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    city = factory.SubFactory(CityFactory)
    name_en = factory.Sequence(lambda n: f"Department {n}")
    name_ko = factory.Sequence(lambda n: f"부서 {n}")
    name_zh_hans = factory.Sequence(lambda n: f"部门 {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    council = factory.SubFactory(CouncilFactory)
    code = factory.Sequence(lambda n: f"team-{n}")
    name_en = factory.Sequence(lambda n: f"Team {n}")
    name_ko = factory.Sequence(lambda n: f"팀 {n}")
    name_zh_hans = factory.Sequence(lambda n: f"组 {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    council = factory.SubFactory(CouncilFactory)
    city = factory.LazyAttribute(lambda person: person.council.cities.first())
    name = factory.Sequence(lambda n: f"Person {n}")
    name_romanised = factory.Sequence(lambda n: f"Person {n}")


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    person = factory.SubFactory(PersonFactory)
    kind = Role.Kind.SECRETARIAT


class ExchangeFactory(factory.django.DjangoModelFactory):
    """An exchange of a given team (pass `team`); host Seoul-side city first in the rotation."""

    class Meta:
        model = Exchange

    team = factory.SubFactory(TeamFactory)
    focus_area = factory.LazyAttribute(
        lambda ex: (
            ex.team.focus_areas.first()
            or FocusArea.objects.create(team=ex.team, name_en="Area", name_ko="분야", name_zh_hans="领域")
        )
    )
    kind = Exchange.Kind.FORUM
    status = Exchange.Status.PLANNED
    title = factory.Sequence(lambda n: f"Exchange {n}")
    starts_on = dt.date(2026, 6, 1)
    host_city = factory.LazyAttribute(lambda ex: ex.team.council.rotation()[0])
    visiting_city = factory.LazyAttribute(lambda ex: ex.team.council.rotation()[1])
