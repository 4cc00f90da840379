"""The exchange log: list, record, read, edit, move through the workflow, attach files."""

from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from common import change_tokens
from common.confirm import Step, confirm_step
from common.forms import add_refusal, whole_number
from common.history import history_entries
from common.holidays import holidays_between
from common.kept_pages import kept_page
from common.lookups import get_in_scope_or_404
from common.pagination import page_of
from common.views import safe_next
from council.permissions import access_for, require
from teams import permissions as rules
from teams.filters import exchange_rows, filtered_exchanges
from teams.forms.exchanges import (
    AttachmentForm,
    CancelForm,
    CompletionForm,
    ExchangeForm,
    ExchangeSearchForm,
    ReturnForm,
)
from teams.forms.fields import exchange_label
from teams.models import Exchange, ExchangeAttachment, Opportunity
from teams.selectors.exchanges import exchanges_for_page, exchanges_to_choose
from teams.services import exchanges as services
from teams.services.opportunities import convert_to_exchange
from translations.forms import current_versions
from translations.reading import versions_of


def _readable_exchange(request: HttpRequest, pk: int) -> tuple:
    access = access_for(request.user)
    require(access.council_id is not None)
    exchange = get_in_scope_or_404(exchanges_for_page(access=access), pk=pk)
    require(access.can_read_team(exchange.team))
    return access, exchange


# Exchanges a search of a list answers with: the latest first.
FOUND = 20


@login_required
@require_GET
def exchange_choices(request: HttpRequest) -> JsonResponse:
    """The exchanges a searched list offers as one types (teams.forms.fields.SearchedExchanges): those the
    reader may read whose title, in any language, holds the words, latest first, each labelled as the
    list labels it, under its team, with its title's versions (the script matches them as typed)."""
    access = access_for(request.user)
    require(rules.can_read_exchanges(access))
    search = ExchangeSearchForm(request.GET)
    if not search.is_valid():
        return JsonResponse({"errors": search.errors}, status=400)
    found = exchanges_to_choose(access=access, **search.cleaned_data)[:FOUND]
    results = [
        {
            "value": str(exchange.pk),
            "text": exchange_label(exchange),
            "optgroup": exchange.team.name,
            "titles": " / ".join([exchange.title, *_title_versions(exchange)]),
        }
        for exchange in found
    ]
    groups = [{"value": name, "label": name} for name in dict.fromkeys(result["optgroup"] for result in results)]
    return JsonResponse({"results": results, "groups": groups})


def _title_versions(exchange: Exchange) -> list[str]:
    return [version.text for (field, _language), version in versions_of(exchange).items() if field == "title"]


@login_required
@kept_page
def exchange_list(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require(rules.can_read_exchanges(access))
    exchanges = filtered_exchanges(access=access, params=request.GET)
    # Both counts are kept until an exchange changes (common.change_tokens): at volume, they cost most.
    token = change_tokens.current()
    count = change_tokens.kept_count(exchanges.qs, token)
    today_page = _page_of_today(request, exchanges.qs, token)
    page = page_of(request, exchange_rows(exchanges.qs), default=today_page, count=count)
    return render(
        request,
        "teams/exchanges/list.html",
        {
            "filters": _filters(request, exchanges, token),
            "page": page,
            "exchanges": page.object_list,
            "can_create": rules.creatable_teams(access).exists(),
            "can_import": rules.can_import_exchanges(access),
            "query": request.GET.urlencode(),
            # Opened at today's page, not the first: the reader is told where the later ones are.
            "opened_at_today": "page" not in request.GET and page.number > 1 and page.number == today_page,
        },
    )


def _filters(request: HttpRequest, exchanges, token: str) -> str:
    """The filter panel, the same for the same person, filters and language until an exchange, team,
    focus area, city or assembly changes (its choices are theirs; the records' token watches them)."""
    query = request.GET.copy()
    query.pop("page", None)
    key = ("exchange-filters", request.user.pk, get_language(), query.urlencode())
    html = partial(render_to_string, "teams/exchanges/_filters.html", {"filter": exchanges}, request=request)
    return change_tokens.kept(token, *key, compute=html)


def _exchange_form(request, access, *, instance=None, initial=None) -> ExchangeForm:
    return ExchangeForm(
        request.POST or None,
        instance=instance,
        initial=initial,
        teams=rules.creatable_teams(access).order_by("order"),
        council=access.person.council,
        may_choose_status=access.is_secretariat or access.is_team_lead,
    )


def _holiday_warnings(form: ExchangeForm) -> list:
    """Public holidays the dates fall on; empty once the person has confirmed them."""
    data = form.cleaned_data
    if data.get("confirm_holidays"):
        return []
    return holidays_between(form.cities, data["starts_on"], data.get("ends_on"))


def _render_form(request, form, *, exchange=None, holidays=(), opportunity=None) -> HttpResponse:
    if holidays:
        form.data = form.data.copy()
        form.data["confirm_holidays"] = "on"
    access = access_for(request.user)
    context = {"form": form, "exchange": exchange, "holidays": holidays, "opportunity": opportunity}
    # A member (who leads no team) only drafts; a returned draft goes back to the leads when its author saves it.
    context["drafts_only"] = exchange is None and not (access.is_secretariat or access.is_team_lead)
    context["resubmits"] = (
        exchange is not None and exchange.created_by_id == request.user.pk and services.is_returned(exchange)
    )
    return render(request, "teams/exchanges/form.html", context)


def _opportunity_from(request, access) -> Opportunity | None:
    pk = whole_number(request.GET.get("opportunity") or request.POST.get("opportunity") or "")
    if pk is None:
        return None
    opportunity = get_in_scope_or_404(Opportunity.objects.filter(team__council_id=access.council_id), pk=pk)
    require(rules.can_manage_team_work(access, opportunity.team))
    return opportunity


def _page_of_today(request: HttpRequest, exchanges, token: str) -> int | None:
    """In the default order (latest first), the page where today falls: the list opens on what happens
    now, not on next year's proposals; the pages before it hold what comes later. One count, on the
    start-date index."""
    if request.GET.get("ordering"):
        return None
    later = change_tokens.kept_count(exchanges.filter(starts_on__gt=timezone.localdate()), token)
    return later // settings.PAGE_SIZE + 1


@login_required
@kept_page
def exchange_create(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require(access.council_id is not None and rules.creatable_teams(access).exists())
    opportunity = _opportunity_from(request, access)
    initial = None
    if opportunity:
        initial = {"team": opportunity.team_id, "focus_area": opportunity.focus_area_id, "title": opportunity.title}
        initial |= {"description": opportunity.description, "language": opportunity.language}
        initial |= current_versions(opportunity)  # its title and description in other languages come along
    form = _exchange_form(request, access, initial=initial)
    if request.method != "POST" or not form.is_valid():
        return _render_form(request, form, opportunity=opportunity)
    if holidays := _holiday_warnings(form):
        return _render_form(request, form, holidays=holidays, opportunity=opportunity)
    try:
        exchange = _record(request, access, form, opportunity)
    except ValidationError as error:
        add_refusal(form, error)
        return _render_form(request, form, opportunity=opportunity)
    if exchange.status == Exchange.Status.DRAFT:
        messages.success(request, _("The exchange is saved as a draft; a team lead will approve it."))
    else:
        messages.success(request, _("The exchange is recorded."))
    return redirect(exchange)


@transaction.atomic
def _record(request, access, form: ExchangeForm, opportunity: Opportunity | None) -> Exchange:
    """The exchange and, when it comes from an opportunity, the link to it: both or neither."""
    exchange = services.record_exchange(
        exchange=form.instance,
        by=request.user,
        drafts_only=rules.drafts_only(access, form.cleaned_data["team"]),
        departments=form.cleaned_data["departments"],
        people=form.cleaned_data["people"],
        participants=form.participants(),
        goals=form.cleaned_data["goals"],
        versions=form.version_texts(),
    )
    if opportunity:
        convert_to_exchange(opportunity=opportunity, exchange=exchange)
    return exchange


@login_required
@kept_page
def exchange_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access, exchange = _readable_exchange(request, pk)
    cities = access.person.council.rotation()
    allowed = services.allowed_next_statuses(exchange)
    return render(
        request,
        "teams/exchanges/detail.html",
        {
            "exchange": exchange,
            "cities": cities,
            "holidays": holidays_between(cities, exchange.starts_on, exchange.ends_on),
            "history": history_entries(exchange),
            "can_edit": rules.can_edit_exchange(access, exchange, request.user),
            "can_change_status": rules.can_change_status(access, exchange),
            **_review_context(access, exchange, request.user),
            # Forward steps; cancelling stands apart, in the page's danger zone.
            "next_statuses": [Exchange.Status(s) for s in allowed if s != Exchange.Status.CANCELLED],
            "can_cancel": Exchange.Status.CANCELLED in allowed,
            "reopens_as": Exchange.Status(services.status_after_reopening(exchange)).label,
            "attachment_form": AttachmentForm(),
        },
    )


def _review_context(access, exchange: Exchange, user) -> dict:
    returned = services.is_returned(exchange)
    return {
        "reviews": list(exchange.reviews.all()),
        "returned": returned,
        "is_author": exchange.created_by_id == user.pk,
        "can_review": exchange.status == Exchange.Status.DRAFT
        and not returned
        and rules.can_change_status(access, exchange),
    }


@login_required
def exchange_edit(request: HttpRequest, pk: int) -> HttpResponse:
    access, exchange = _readable_exchange(request, pk)
    require(rules.can_edit_exchange(access, exchange, request.user), _why_not_editable(access, exchange, request.user))
    form = _exchange_form(request, access, instance=exchange)
    if request.method != "POST" or not form.is_valid():
        return _render_form(request, form, exchange=exchange)
    if holidays := _holiday_warnings(form):
        return _render_form(request, form, exchange=exchange, holidays=holidays)
    try:
        services.update_exchange(
            exchange=form.instance,
            departments=form.cleaned_data["departments"],
            people=form.cleaned_data["people"],
            participants=form.participants(),
            goals=form.cleaned_data["goals"],
            versions=form.version_texts(),
            by=request.user,
        )
    except ValidationError as error:
        add_refusal(form, error)
        return _render_form(request, form, exchange=exchange)
    messages.success(request, _("Your changes are saved."))
    return redirect(exchange)


def _why_not_editable(access, exchange: Exchange, user) -> str:
    """What its author is told when their exchange is no longer theirs to edit."""
    if exchange.created_by_id == user.pk and exchange.team_id in access.member_team_ids:
        return _(
            "This exchange is %(status)s: once a lead has approved a draft, only the team's leads and the "
            "secretariat may change it. Ask a lead of %(team)s for the change."
        ) % {"status": exchange.get_status_display(), "team": exchange.team.name}
    return ""


@login_required
@require_POST
def exchange_return(request: HttpRequest, pk: int) -> HttpResponse:
    """A lead sends a member's draft back with a reason (on the exchange's page or the lead's home)."""
    access, exchange = _readable_exchange(request, pk)
    require(rules.can_change_status(access, exchange))
    form = ReturnForm(request.POST)
    try:
        if not form.is_valid():  # no reason, too long, a NUL character …: said as the form says it
            raise ValidationError([error for errors in form.errors.values() for error in errors])
        services.return_draft(exchange=exchange, reason=form.cleaned_data["reason"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The draft is returned to its author with your reason."))
    return redirect(safe_next(request) or exchange.get_absolute_url())


@login_required
@require_POST
def exchange_status(request: HttpRequest, pk: int) -> HttpResponse:
    access, exchange = _readable_exchange(request, pk)
    require(rules.can_change_status(access, exchange))
    target = request.POST.get("to", "")
    if target == Exchange.Status.COMPLETED:
        return redirect("teams:exchange-complete", pk=exchange.pk)
    if target == Exchange.Status.CANCELLED:  # only with a reason, on its own page
        return redirect("teams:exchange-cancel", pk=exchange.pk)
    try:
        exchange = services.change_status(exchange=exchange, to=target, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The exchange is now %(status)s.") % {"status": exchange.get_status_display()})
    return redirect(safe_next(request) or exchange.get_absolute_url())


@login_required
def exchange_complete(request: HttpRequest, pk: int) -> HttpResponse:
    access, exchange = _readable_exchange(request, pk)
    require(rules.can_change_status(access, exchange))
    if Exchange.Status.COMPLETED not in services.allowed_next_statuses(exchange):
        messages.error(request, _("Only an exchange in progress can be completed."))
        return redirect(exchange)
    form = CompletionForm(request.POST or None, instance=exchange)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_status(
                exchange=exchange, to=Exchange.Status.COMPLETED, outcomes=form.cleaned_data,
                versions=form.version_texts(), by=request.user,
            )  # fmt: skip
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The exchange is completed. Thank you for recording its outcomes."))
            return redirect(exchange)
    return render(request, "teams/exchanges/complete.html", {"form": form, "exchange": exchange})


def _cancel_consequences(exchange: Exchange) -> list[str]:
    """What cancelling does, as the reader will see it happen."""
    named = {"title": exchange.display_title, "date": date_format(exchange.starts_on, "DATE_FORMAT")}
    return [
        _("The exchange “%(title)s” (%(date)s) will be cancelled.") % named,
        _(
            "It stays in the exchange log, marked cancelled, with your reason, and leaves the calendar feeds and "
            "the dashboard's upcoming list. Reminders about it that have not gone out yet are withdrawn. "
            "The achievements report of its cycle counts it among the cancelled exchanges."
        ),
        _("A lead of its team or the secretariat can reopen it later: it then takes back the status it has now."),
    ]


@login_required
def exchange_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    access, exchange = _readable_exchange(request, pk)
    require(
        rules.can_change_status(access, exchange),
        _("Only the leads of its team (%(team)s) and the secretariat may cancel this exchange.")
        % {"team": exchange.team.name},
    )
    if Exchange.Status.CANCELLED not in services.allowed_next_statuses(exchange):
        messages.error(
            request,
            _("An exchange that is %(status)s cannot be cancelled.") % {"status": exchange.get_status_display()},
        )
        return redirect(exchange)
    step = Step(
        title=_("Cancel the exchange"), section="teams:exchange-list", section_label=_("Exchanges"),
        record=exchange.display_title, consequences=_cancel_consequences(exchange), back=_("Keep the exchange"),
    )  # fmt: skip
    return confirm_step(
        request, target=exchange, form=CancelForm(request.POST or None, exchange=exchange), step=step,
        act=lambda form: services.cancel_exchange(
            exchange=exchange, reason=form.cleaned_data["cancel_reason"], by=request.user,
            versions=form.version_texts(),
        ),
        done=_("The exchange is cancelled; your reason is kept with it."),
    )  # fmt: skip


@login_required
@require_POST
def exchange_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    access, exchange = _readable_exchange(request, pk)
    require(
        rules.can_change_status(access, exchange),
        _("Only the leads of its team (%(team)s) and the secretariat may reopen this exchange.")
        % {"team": exchange.team.name},
    )
    try:
        exchange = services.reopen_exchange(exchange=exchange, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The exchange is reopened: it is %(status)s again.") % {"status": exchange.get_status_display()}
        )
    return redirect(exchange)


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    access, exchange = _readable_exchange(request, pk)
    require(rules.can_edit_exchange(access, exchange, request.user))
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        services.attach_file(
            exchange=exchange, upload=form.cleaned_data["file"], content_type=form.content_type, by=request.user
        )
        messages.success(request, _("The file is attached."))
    else:
        for error in form.errors.get("file", [_("Choose a file to attach.")]):
            messages.error(request, error)
    return redirect(exchange)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    access = access_for(request.user)
    attachments = ExchangeAttachment.objects.filter(exchange__team__council_id=access.council_id)
    attachment = get_in_scope_or_404(attachments.select_related("exchange__team"), pk=pk)
    require(access.can_read_team(attachment.exchange.team))
    try:
        stored = attachment.file.open("rb")
    except FileNotFoundError as missing:  # gone from the storage (removed by hand): say so, not a server error
        raise Http404 from missing
    return FileResponse(
        stored, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
