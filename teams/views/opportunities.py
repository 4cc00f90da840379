"""Cooperation potential (/opportunities/): a board per team and a filtered table, detail, create, edit, move.

Readers: anyone who may read the opportunity's team. Writers (create, edit, move): teams.permissions.
can_manage_team_work. Another council's opportunity is not found rather than forbidden.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.confirm import Step, confirm_step
from common.forms import add_refusal
from common.history import history_entries
from common.kept_pages import kept_page
from common.lookups import get_in_scope_or_404
from common.pagination import page_of
from council.permissions import Access, access_for, require
from teams.forms.opportunities import DropForm, OpportunityFilterForm, OpportunityForm, OpportunityStatusForm
from teams.models import Opportunity
from teams.permissions import can_manage_team_work, manageable_teams
from teams.selectors import opportunities as selectors
from teams.services import opportunities as services
from translations.reading import text_of


def _reader(access: Access) -> bool:
    return access.council_id is not None and (access.can_read_council() or access.is_team_member)


def _fetch(access: Access, pk: int) -> Opportunity:
    """The opportunity, looked up within the reader's council (404 elsewhere), then checked (403)."""
    require(access.council_id is not None)
    opportunity = get_in_scope_or_404(selectors.opportunities_in_council(council_id=access.council_id), pk=pk)
    require(access.can_read_team(opportunity.team))
    return opportunity


@login_required
@kept_page
def opportunity_list(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require(_reader(access))
    teams = selectors.visible_teams(access)
    form = OpportunityFilterForm(request.GET, teams=teams)
    filters = form.filters()
    opportunities = selectors.filter_opportunities(selectors.visible_opportunities(access), **filters)
    context = {"form": form, "display": form.display_mode, "filtered": any(filters.values())}
    if context["filtered"]:  # "Clear" keeps the way the list is shown
        table = form.display_mode == OpportunityFilterForm.TABLE
        context["clear_url"] = reverse("teams:opportunity-list") + ("?display=table" if table else "")
    if form.display_mode == OpportunityFilterForm.TABLE:
        page = page_of(request, opportunities)
        context.update(page=page, opportunities=page.object_list)
    else:
        shown_teams = [filters["team"]] if filters["team"] else list(teams)
        context["boards"] = selectors.boards(teams=shown_teams, opportunities=opportunities, access=access)
    context["can_create"] = any(can_manage_team_work(access, team) for team in teams)
    return render(request, "teams/opportunities/list.html", context)


@login_required
def opportunity_create(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require(access.council_id is not None)
    teams = manageable_teams(access)
    require(teams.exists())
    initial = {"team": request.GET.get("team")} if request.GET.get("team", "").isdigit() else {}
    form = OpportunityForm(request.POST or None, teams=teams, council_id=access.council_id, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = services.create_opportunity(
                opportunity=form.instance, versions=form.version_texts(), by=request.user
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The opportunity “%(title)s” is recorded.") % {"title": opportunity.title})
            return redirect(opportunity)
    return render(request, "teams/opportunities/form.html", {"form": form})


@login_required
def opportunity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    opportunity = _fetch(access, pk)
    return _render_detail(request, access, opportunity)


def _render_detail(request, access: Access, opportunity: Opportunity, status_form=None) -> HttpResponse:
    """The detail page; after a refused or invalid step, with that step's form and its errors."""
    can_manage = can_manage_team_work(access, opportunity.team)
    next_statuses = services.allowed_next_statuses(opportunity) if can_manage else ()
    S = Opportunity.Status
    exchanges = selectors.linkable_exchanges(team=opportunity.team)
    if status_form is None and can_manage:
        status_form = OpportunityStatusForm(exchanges=exchanges, team_id=opportunity.team_id)
    context = {
        "opportunity": opportunity,
        "history": history_entries(opportunity),
        "can_manage": can_manage,
        "moves": [(value, S(value).label) for value in next_statuses if value not in (S.BECAME_EXCHANGE, S.DROPPED)],
        "can_drop": S.DROPPED in next_statuses,
        "can_convert": S.BECAME_EXCHANGE in next_statuses,
        "status_form": status_form,
        "create_exchange_url": reverse("teams:exchange-create") + f"?opportunity={opportunity.pk}",
    }
    return render(request, "teams/opportunities/detail.html", context)


@login_required
def opportunity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    opportunity = _fetch(access, pk)
    require(can_manage_team_work(access, opportunity.team))
    form = OpportunityForm(
        request.POST or None, instance=opportunity, teams=manageable_teams(access), council_id=access.council_id
    )
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = services.update_opportunity(
                opportunity=form.instance, versions=form.version_texts(), by=request.user
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The opportunity “%(title)s” is saved.") % {"title": opportunity.title})
            return redirect(opportunity)
    return render(request, "teams/opportunities/form.html", {"form": form, "opportunity": opportunity})


@login_required
@require_POST
def opportunity_status(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    opportunity = _fetch(access, pk)
    require(can_manage_team_work(access, opportunity.team))
    if request.POST.get("to") == Opportunity.Status.DROPPED:  # only with a reason, on its own page
        return redirect("teams:opportunity-drop", pk=opportunity.pk)
    exchanges = selectors.linkable_exchanges(team=opportunity.team)
    form = OpportunityStatusForm(request.POST, exchanges=exchanges, team_id=opportunity.team_id)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["to"] == Opportunity.Status.BECAME_EXCHANGE:
                moved = services.convert_to_exchange(opportunity=opportunity, exchange=data["exchange"])
            else:
                moved = services.move_opportunity(opportunity=opportunity, to=data["to"], by=request.user)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(
                request,
                _("“%(title)s” is now %(status)s.")
                % {"title": text_of(moved, "title").value, "status": moved.get_status_display()},
            )
            return redirect(moved)
    return _render_detail(request, access, opportunity, status_form=form)


def _drop_consequences(opportunity: Opportunity) -> list[str]:
    """What dropping does, as the reader will see it happen."""
    return [
        _("The opportunity “%(title)s” (%(team)s) will be dropped.")
        % {"title": text_of(opportunity, "title").value, "team": opportunity.team.name},
        _(
            "It stays on the team's board and in the table, under “Dropped”, with your reason. It can no longer "
            "be moved along or become an exchange: dropping is final."
        ),
    ]


@login_required
def opportunity_drop(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    opportunity = _fetch(access, pk)
    require(
        can_manage_team_work(access, opportunity.team),
        _("Only the leads of its team (%(team)s) and the secretariat may drop this opportunity.")
        % {"team": opportunity.team.name},
    )
    if Opportunity.Status.DROPPED not in services.allowed_next_statuses(opportunity):
        messages.error(
            request,
            _("An opportunity that is “%(status)s” cannot be dropped.") % {"status": opportunity.get_status_display()},
        )
        return redirect(opportunity)
    step = Step(
        title=_("Drop the opportunity"), section="teams:opportunity-list", section_label=_("Cooperation potential"),
        record=text_of(opportunity, "title").value, consequences=_drop_consequences(opportunity),
        back=_("Keep the opportunity"),
    )  # fmt: skip
    return confirm_step(
        request, target=opportunity, form=DropForm(request.POST or None, opportunity=opportunity), step=step,
        act=lambda form: services.move_opportunity(
            opportunity=opportunity, to=Opportunity.Status.DROPPED, reason=form.cleaned_data["dropped_reason"],
            by=request.user, versions=form.version_texts(),
        ),
        done=_("The opportunity is dropped; your reason is kept with it."), renamed={"reason": "dropped_reason"},
    )  # fmt: skip
