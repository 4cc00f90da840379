"""The signed-in user's home, and the dashboard of the council (a mayor's office's home page)."""

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from assemblies.cycles import last_held_assembly, next_assembly
from assemblies.views.report import html_to_pdf
from common.kept_pages import kept_page
from council.models import Role
from council.permissions import Access, access_for, require
from dashboards import queues
from dashboards.dashboard import for_reader
from dashboards.selectors import days_until
from secretariat.selectors import translations as translation_queue
from secretariat.selectors.actions import upcoming_actions
from secretariat.views import translations
from teams.models import Team
from teams.selectors import teams_with_sides
from translations.reading import LANGUAGE_CODES, language_name


def _my_actions(access: Access) -> list:
    """The person's next action items (anyone with a person may own some), their titles' versions loaded."""
    return upcoming_actions(person=access.person)


@login_required
@kept_page
def home(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    if access.primary_role == Role.Kind.MAYOR_OFFICE:
        return dashboard(request)
    if access.primary_role == Role.Kind.TRANSLATOR:
        return translations.desk(request)
    my_actions = _my_actions(access)
    if not access.kinds:  # an administrator, or an account without a council role yet
        return render(request, "dashboards/home.html", {"council": None, "my_actions": my_actions})
    council = access.person.council
    upcoming = next_assembly(council_id=council.pk)
    today = timezone.localdate()
    context = {
        "council": council,
        "my_actions": my_actions,
        "next_assembly": upcoming,
        "days_to_assembly": days_until(upcoming, today) if upcoming else None,
        "last_assembly": last_held_assembly(council_id=council.pk),
        "rotation": council.rotation(),
        "translation_counts": _translation_counts(access),
        "here": request.get_full_path(),
    }
    # What waits for this person, by each of their roles (a person may lead one team and sit in another).
    if access.is_team_lead:
        context["lead"] = queues.lead_queues(access, today=today, upcoming=upcoming)
    if access.member_team_ids:
        context["member"] = queues.member_queues(access, request.user, today=today)
    if access.is_secretariat:
        context["secretariat"] = queues.secretariat_queues(access, today=today, upcoming=upcoming)
    if not (access.is_team_lead or access.member_team_ids or access.is_secretariat):
        context["my_teams"] = _home_teams(access)
    return render(request, "dashboards/home.html", context)


def _translation_counts(access: Access) -> list[tuple[str, str, dict[str, int]]] | None:
    """(language, its name, {state: how many}) for those who translate; None for the others."""
    if not access.can_translate():
        return None
    urgency = translation_queue.Urgency.of_council(access.council_id)
    counts = translation_queue.counts(access.council_id, LANGUAGE_CODES, urgency)
    return [(code, language_name(code), counts[code]) for code in LANGUAGE_CODES]


def _home_teams(access: Access) -> QuerySet[Team]:
    """A team's own people see their team; council-wide roles see every team."""
    teams = teams_with_sides(council_id=access.council_id)
    own_team_ids = access.lead_team_ids | access.member_team_ids
    if own_team_ids:
        return teams.filter(pk__in=own_team_ids)
    return teams if access.can_read_council() else teams.none()


def _dashboard_context(request: HttpRequest) -> dict:
    """The filters from the query string and the dashboard they select; 403 for who may not read it."""
    access = access_for(request.user)
    require(access.can_read_council())
    form, dashboard = for_reader(access, request.GET, today=timezone.localdate())
    refused = [(field.label, field.errors) for field in form if field.errors]
    return {"form": form.as_applied(), "refused": refused, "dashboard": dashboard}


@login_required
@kept_page
def dashboard(request: HttpRequest) -> HttpResponse:
    context = _dashboard_context(request)
    access = access_for(request.user)
    # A mayor's office's home page: a briefing, then their own action items, as on everyone else's home.
    if access.primary_role == Role.Kind.MAYOR_OFFICE and request.path == reverse("home"):
        context["briefing_shown"] = True  # the home's, not a filtered view's (its changes: dashboards.live)
    context["my_actions"] = _my_actions(access)
    return render(request, "dashboards/dashboard.html", context)


@login_required
def dashboard_pdf(request: HttpRequest) -> HttpResponse:
    context = _dashboard_context(request)
    html = render_to_string("dashboards/dashboard_pdf.html", context, request=request)
    pdf = html_to_pdf(html, base_url=request.build_absolute_uri("/"))
    if pdf is None:
        return render(request, "assemblies/report_pdf_unavailable.html", {}, status=503)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="council-dashboard-{get_language()}.pdf"'
    return response
