"""Plans and goals (/plans/): a plan per team per assembly cycle, goals measured against exchanges.

Readers: anyone who may read the plan's team. Writers: that team's leads and the secretariat.
Another council's plan or goal is not found (404) before any right is checked.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from assemblies.cycles import next_assembly
from common.forms import add_refusal
from common.kept_pages import kept_page
from common.lookups import get_in_scope_or_404
from common.numbers import rate_figure
from common.pagination import page_of
from council.permissions import Access, access_for, require
from teams.forms.plans import GoalForm, GoalUpdateForm, PlanFilterForm, PlanForm, RateFormSet
from teams.models import Exchange, Goal, Plan, Team
from teams.permissions import can_manage_team_work, manageable_teams, visible_team_ids
from teams.selectors import plans as selectors
from teams.services import plans as services
from translations.reading import with_versions


def _may_read_plans(access: Access) -> bool:
    return access.council_id is not None and (access.can_read_council() or access.is_team_member)


def _plan_to_manage(access: Access, pk: int) -> Plan:
    require(access.council_id is not None)
    plan = get_in_scope_or_404(Plan.objects.filter(team__council_id=access.council_id).select_related("team"), pk=pk)
    require(can_manage_team_work(access, plan.team))
    return plan


def _goal_to_manage(access: Access, pk: int) -> Goal:
    require(access.council_id is not None)
    goals = Goal.objects.filter(plan__team__council_id=access.council_id)
    goal = get_in_scope_or_404(goals.select_related("plan__team"), pk=pk)
    require(can_manage_team_work(access, goal.plan.team))
    return goal


@login_required
@kept_page
def plan_list(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require(_may_read_plans(access))
    periods = selectors.periods_by_cycle(council=access.person.council)
    teams = Team.objects.filter(council_id=access.council_id, pk__in=visible_team_ids(access))
    form = PlanFilterForm(request.GET or None, periods=periods, teams=teams.order_by("order", "pk"))
    filters = form.cleaned_data if form.is_valid() else {}
    plans = selectors.plans_for_list(access=access, cycle=filters.get("cycle"), team=filters.get("team"))
    page = page_of(request, plans)
    page_plans = selectors.attach_progress(list(page.object_list))
    for plan in page_plans:
        plan.period = periods.get(plan.cycle)
        plan.can_manage = can_manage_team_work(access, plan.team)
    return render(
        request,
        "teams/plans/plan_list.html",
        {
            "form": form,
            "page": page,
            "plans": page_plans,
            "can_create": access.is_secretariat or access.is_team_lead,
        },
    )


@login_required
@kept_page
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    require(access.council_id is not None)
    plan = get_in_scope_or_404(selectors.plans_for_detail(council_id=access.council_id), pk=pk)
    require(access.can_read_team(plan.team))
    selectors.attach_progress([plan], explain=True)
    can_manage = can_manage_team_work(access, plan.team)
    return render(
        request,
        "teams/plans/plan_detail.html",
        {
            "plan": plan,
            "goals": plan.goals.all(),
            "period": selectors.periods_by_cycle(council=access.person.council).get(plan.cycle),
            "can_manage": can_manage,
            "history": selectors.plan_history(plan),
            "rates": [(rate.currency, rate_figure(rate.rate)) for rate in plan.rates.all()],
        },
    )


def _plan_forms(request: HttpRequest, access: Access, plan: Plan | None):
    periods = selectors.periods_by_cycle(council=access.person.council)
    teams = manageable_teams(access)
    data = request.POST if request.method == "POST" else None
    if plan is None:
        upcoming = next_assembly(council_id=access.council_id)
        initial = {"cycle": upcoming.cycle if upcoming else None, "team": request.GET.get("team")}
        rates = []
    else:
        initial = {"title": plan.title, "team": plan.team, "cycle": plan.cycle}
        initial |= {"currency": plan.currency, "summary": plan.summary}
        rates = [{"currency": rate.currency, "rate": rate.rate} for rate in plan.rates.order_by("currency")]
    form = PlanForm(data, initial=initial, record=plan, teams=teams, periods=periods, current_cycle=plan and plan.cycle)
    return form, RateFormSet(data, initial=rates, prefix="rates")


def _render_plan_form(request, form, rates, plan=None) -> HttpResponse:
    return render(request, "teams/plans/plan_form.html", {"form": form, "rates": rates, "plan": plan})


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require(access.council_id is not None and (access.is_secretariat or access.is_team_lead))
    form, rates = _plan_forms(request, access, None)
    if request.method == "POST" and form.is_valid() and rates.is_valid():
        try:
            plan = services.create_plan(
                **form.cleaned_data, rates=rates.rates(), versions=form.version_texts(), by=request.user
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The plan “%(title)s” is saved.") % {"title": plan.title})
            return redirect(plan)
    return _render_plan_form(request, form, rates)


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    plan = _plan_to_manage(access, pk)
    form, rates = _plan_forms(request, access, plan)
    if request.method == "POST" and form.is_valid() and rates.is_valid():
        try:
            services.update_plan(
                plan=plan, **form.cleaned_data, rates=rates.rates(), versions=form.version_texts(), by=request.user
            )
        except ValidationError as error:
            add_refusal(form, error)
            plan.refresh_from_db()  # the page's heading shows the plan as saved, not as typed
        else:
            messages.success(request, _("The plan “%(title)s” is saved.") % {"title": plan.title})
            return redirect(plan)
    return _render_plan_form(request, form, rates, plan)


def _goal_form(request: HttpRequest, access: Access, plan: Plan, goal: Goal | None) -> GoalForm:
    period = selectors.periods_by_cycle(council=access.person.council).get(plan.cycle)
    # A cancelled exchange can never count; it is offered only if it was linked before.
    offered = ~Q(status=Exchange.Status.CANCELLED)
    initial = {}
    if goal is not None:
        offered |= Q(pk__in=goal.exchanges.values("pk"))
        initial = {
            "title": goal.title,
            "metric": goal.metric,
            "target": goal.target,
            "exchange_kind": goal.exchange_kind,
            "unit": goal.unit,
            "order": goal.order,
            "exchanges": list(goal.exchanges.values_list("pk", flat=True)),
        }
    exchanges = selectors.eligible_exchanges(plan=plan, period=period).filter(offered).order_by("starts_on", "pk")
    search = None
    if period is not None:
        search = {"team": plan.team_id, "counting": "1", "after": f"{period.after}", "until": f"{period.until}"}
    data = request.POST if request.method == "POST" else None
    return GoalForm(data, initial=initial, record=goal, exchanges=exchanges, search=search)


def _render_goal_form(request, form, plan, goal=None) -> HttpResponse:
    return render(request, "teams/plans/goal_form.html", {"form": form, "plan": plan, "goal": goal})


@login_required
def goal_create(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    plan = _plan_to_manage(access, pk)
    form = _goal_form(request, access, plan, None)
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.create_goal(plan=plan, **form.cleaned_data, versions=form.version_texts(), by=request.user)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The goal “%(title)s” is saved.") % {"title": goal.title})
            return redirect(plan)
    return _render_goal_form(request, form, plan)


@login_required
def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    goal = _goal_to_manage(access, pk)
    form = _goal_form(request, access, goal.plan, goal)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_goal(goal=goal, **form.cleaned_data, versions=form.version_texts(), by=request.user)
        except ValidationError as error:
            add_refusal(form, error)
            goal.refresh_from_db()
        else:
            messages.success(request, _("The goal “%(title)s” is saved.") % {"title": goal.title})
            return redirect(goal.plan)
    return _render_goal_form(request, form, goal.plan, goal)


@login_required
def goal_update(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a new figure for a goal updated by hand (also posted from the plan page)."""
    access = access_for(request.user)
    goal = _goal_to_manage(access, pk)
    form = GoalUpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_goal_update(goal=goal, **form.cleaned_data, versions=form.version_texts(), by=request.user)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The new figure for “%(title)s” is recorded.") % {"title": goal.title})
            return redirect(goal.get_absolute_url())
    updates = with_versions(goal.updates.select_related("recorded_by__person"))
    return render(request, "teams/plans/goal_update_form.html", {"form": form, "goal": goal, "updates": updates})
