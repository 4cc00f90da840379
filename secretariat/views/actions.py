"""Action items (/secretariat/actions/): each person's own, the secretariat's list, detail, create, edit, move.

Readers: the owner, the leads of the item's team, the secretariat and the mayors' offices
(secretariat.permissions.visible_actions). Another council's item is not found rather than forbidden.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assemblies.models import Resolution
from common.forms import add_refusal, whole_number
from common.history import history_entries
from common.kept_pages import kept_page
from common.lookups import get_in_scope_or_404
from common.pagination import page_of
from council.permissions import Access, access_for, require
from secretariat.forms.actions import ActionItemFilter, ActionItemForm, ActionStatusForm, initial_from_source
from secretariat.models import ActionItem, Commitment, Correspondence
from secretariat.permissions import (
    can_create_action,
    can_edit_action,
    can_list_actions,
    can_move_action,
    can_read_action,
    can_read_agreements,
    visible_actions,
    visible_correspondence,
)
from secretariat.selectors import actions as selectors
from secretariat.services import actions as services
from teams.models import Exchange, Team
from teams.permissions import visible_exchanges

PER_PAGE = 25
S = ActionItem.Status


def _readable(request: HttpRequest, pk: int) -> tuple[Access, ActionItem]:
    """The item, looked up within the reader's council (404 elsewhere), then checked (403)."""
    access = access_for(request.user)
    item = get_in_scope_or_404(selectors.action_for_page(council_id=access.council_id), pk=pk)
    require(can_read_action(access, item))
    return access, item


@login_required
@kept_page
def my_actions(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    context = {"can_list": can_list_actions(access), "can_create": can_create_action(access)}
    if access.person is None:  # an account that is not a person of a council owns nothing
        return render(request, "secretariat/actions/mine.html", {**context, "items": [], "show": "open"})
    show = "closed" if request.GET.get("show") == "closed" else "open"
    items = selectors.my_actions(person=access.person, closed=show == "closed")
    page = page_of(request, items)
    counts = selectors.my_action_counts(person=access.person)
    return render(
        request,
        "secretariat/actions/mine.html",
        {**context, "page": page, "items": page.object_list, "show": show, "counts": counts},
    )


@login_required
@kept_page
def action_list(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require(can_list_actions(access))
    queryset = selectors.open_first(visible_actions(access))
    filterset = ActionItemFilter(request.GET, queryset=queryset, council_id=access.council_id)
    page = page_of(request, selectors.action_rows(filterset.qs))
    return render(
        request,
        "secretariat/actions/list.html",
        {"filter": filterset, "page": page, "items": page.object_list, "can_create": can_create_action(access)},
    )


def _sources(access: Access) -> dict[str, QuerySet]:
    """Per kind, what this person may make an item from: of their council, and readable to them."""
    council_id = access.council_id
    commitments = Commitment.objects.filter(agreement__council_id=council_id)
    return {
        "resolution": Resolution.objects.filter(assembly__council_id=council_id)
        .select_related("assembly", "team")
        .order_by("-assembly__sequence", "number"),
        "correspondence": visible_correspondence(access).select_related("team").order_by("-sent_at", "-pk"),
        "exchange": visible_exchanges(access).select_related("team").order_by("team__order", "team_id", "-starts_on"),
        "commitment": (commitments if can_read_agreements(access) else commitments.none())
        .select_related("agreement", "owner_team")
        .order_by("-agreement__signed_on", "agreement_id", "order", "pk"),
    }


def _in_council(council_id: int) -> dict[str, QuerySet]:
    return {
        "resolution": Resolution.objects.filter(assembly__council_id=council_id),
        "correspondence": Correspondence.objects.filter(council_id=council_id),
        "exchange": Exchange.objects.filter(team__council_id=council_id),
        "commitment": Commitment.objects.filter(agreement__council_id=council_id),
    }


def _source_from(request: HttpRequest, access: Access, sources: dict) -> tuple[str | None, object]:
    """The source named in the query string (?resolution=<id> …): 404 outside the council, 403 unreadable."""
    given = [kind for kind in ActionItem.SOURCES if kind in request.GET]
    if not given:
        return None, None
    if len(given) > 1:
        raise BadRequest(_("An action item comes from one place."))
    kind, pk = given[0], whole_number(request.GET[given[0]])
    if pk is None:
        raise Http404
    get_in_scope_or_404(_in_council(access.council_id)[kind], pk=pk)
    source = sources[kind].filter(pk=pk).first()
    require(source is not None)
    return kind, source


def _teams(access: Access) -> QuerySet[Team]:
    """The teams an item may be given: leads their own, the secretariat any of the council's."""
    teams = Team.objects.filter(council_id=access.council_id).order_by("order", "code")
    return teams if access.is_secretariat else teams.filter(pk__in=access.lead_team_ids)


def _form(request: HttpRequest, access: Access, item: ActionItem, **kwargs) -> ActionItemForm:
    return ActionItemForm(
        request.POST or None,
        instance=item,
        council_id=access.council_id,
        teams=_teams(access),
        team_required=not access.is_secretariat,  # a lead's item stays in a team they lead
        **kwargs,
    )


@login_required
def action_create(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require(can_create_action(access))
    sources = _sources(access)
    kind, source = _source_from(request, access, sources)
    item = ActionItem(council_id=access.council_id)
    if source is not None:
        setattr(item, kind, source)
    initial = initial_from_source(kind, source) if source is not None else {}
    form = _form(request, access, item, initial=initial, sources=None if source is not None else sources)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.create_action(item=form.instance, by=request.user, versions=form.version_texts())
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The action item “%(title)s” is recorded.") % {"title": item.title})
            return redirect(item)
    return render(
        request, "secretariat/actions/form.html", {"form": form, "item": None, "source": source, "source_kind": kind}
    )


@login_required
@kept_page
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access, item = _readable(request, pk)
    return _render_detail(request, access, item)


def _render_detail(request, access: Access, item: ActionItem, status_form=None) -> HttpResponse:
    """The detail page; after a refused or invalid step, with that step's form and its errors."""
    can_move = can_move_action(access, item)
    next_statuses = services.allowed_next_statuses(item) if can_move else ()
    context = {
        "item": item,
        "history": history_entries(item),
        "can_edit": can_edit_action(access, item),
        "can_move": can_move,
        "moves": [(value, S(value).label) for value in next_statuses if value != S.DROPPED],
        "can_drop": S.DROPPED in next_statuses,
        "status_form": status_form or ActionStatusForm(),
    }
    return render(request, "secretariat/actions/detail.html", context)


@login_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    access, item = _readable(request, pk)
    require(can_edit_action(access, item))
    # The source stays as it is; only an item whose source was deleted chooses a new one.
    form = _form(request, access, item, sources=None if item.source_kind else _sources(access))
    if request.method == "POST" and form.is_valid():
        try:
            item = services.update_action(item=form.instance, versions=form.version_texts(), by=request.user)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(item)
    context = {"form": form, "item": item, "source": item.source, "source_kind": item.source_kind}
    return render(request, "secretariat/actions/form.html", context)


@login_required
@require_POST
def action_status(request: HttpRequest, pk: int) -> HttpResponse:
    access, item = _readable(request, pk)
    require(can_move_action(access, item))
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        try:
            moved = services.move_action(item=item, to=form.cleaned_data["to"], reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(
                request,
                _("“%(title)s” is now %(status)s.") % {"title": moved.title, "status": moved.get_status_display()},
            )
            return redirect(moved)
    return _render_detail(request, access, item, status_form=form)
