"""Pages of the council structure: overview and people directory."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from common.pagination import page_of
from council import selectors
from council.forms import PeopleFilterForm, PersonSignInForm
from council.models import Person
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
    context = {"form": form, "page": page, "people": page.object_list, "can_manage": access.can_manage_council()}
    return render(request, "council/people.html", context)


@login_required
def person_sign_in(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretariat enters what links a person to their city's account: e-mail and employee id."""
    access = access_for(request.user)
    person = get_object_or_404(Person.objects.select_related("city"), pk=pk, council_id=access.council_id)
    require(access.can_manage_council())
    form = PersonSignInForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The sign-in details of %(person)s are saved.") % {"person": person})
        return redirect(f"{reverse('council:people')}?{urlencode({'q': person.name_romanised or person.name})}")
    status = 400 if form.errors else 200
    return render(request, "council/person_sign_in.html", {"form": form, "person": person}, status=status)
