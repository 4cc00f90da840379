"""Reads of the council structure shared by views and other apps."""

from django.db.models import Prefetch, Q, QuerySet

from common.i18n import localized_field
from council.models import Council, Department, Person, Role


def council_with_structure(*, council_id: int) -> Council:
    """The council with its member cities (and mayors) and secretariat departments, in four queries."""
    return (
        Council.objects.select_related("secretariat")
        .prefetch_related(
            "memberships__city__mayor",
            "secretariat__departments__city",
        )
        .get(pk=council_id)
    )


def departments_by_city(*, council: Council) -> dict:
    departments = Department.objects.filter(city__memberships__council=council).select_related("city")
    grouped: dict = {}
    for department in departments.order_by("city__memberships__rotation_order", localized_field("name")):
        grouped.setdefault(department.city, []).append(department)
    return grouped


def people_for_directory(*, council_id: int, city_id: int | None = None, search: str = "") -> QuerySet[Person]:
    people = (
        Person.objects.filter(council_id=council_id)
        .select_related("city", "department")
        .prefetch_related(Prefetch("roles", queryset=Role.objects.select_related("team")))
        .order_by("city__code", "name_romanised", "name")
    )
    if city_id:
        people = people.filter(city_id=city_id)
    if search:
        people = people.filter(
            Q(name__icontains=search) | Q(name_romanised__icontains=search) | Q(title__icontains=search)
        )
    return people
