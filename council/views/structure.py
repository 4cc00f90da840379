"""Pages of the council structure: overview and people directory."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from common.pagination import page_of
from council import selectors
from council.forms import PeopleFilterForm
from council.permissions import access_for, require


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require(access.can_read_council())
    council = selectors.council_with_structure(council_id=access.council_id)
    return render(
        request,
        "council/overview.html",
        {
            "council": council,
            "members": council.memberships.all(),
            "departments_by_city": selectors.departments_by_city(council=council),
        },
    )


@login_required
def people(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require(access.can_read_council())
    form = PeopleFilterForm(request.GET or None, council_id=access.council_id)
    filters = form.cleaned_data if form.is_valid() else {}
    directory = selectors.people_for_directory(
        council_id=access.council_id,
        city_id=filters["city"].pk if filters.get("city") else None,
        search=filters.get("q", ""),
    )
    page = page_of(request, directory)
    return render(request, "council/people.html", {"form": form, "page": page, "people": page.object_list})
