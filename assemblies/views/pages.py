"""The general assembly pages: list, schedule the next one, read, and the secretariat's changes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assemblies import forms, selectors, services
from assemblies.permissions import can_manage_assemblies, can_mark_input, can_read_assemblies
from common.confirm import Step, confirm_step
from common.forms import add_refusal, whole_number
from common.history import history_entries
from common.holidays import holidays_between
from common.kept_pages import kept_page
from common.lookups import get_in_scope_or_404
from council.permissions import access_for, require
from teams.models import Team


def _assembly(request: HttpRequest, pk: int, *, manage: bool = False) -> tuple:
    access = access_for(request.user)
    require(can_read_assemblies(access))
    assembly = get_in_scope_or_404(selectors.assemblies_for_page(council_id=access.council_id), pk=pk)
    require(not manage or can_manage_assemblies(access))
    return access, assembly


@login_required
@kept_page
def assembly_list(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require(can_read_assemblies(access))
    council = access.person.council
    return render(
        request,
        "assemblies/list.html",
        {
            "assemblies": selectors.assemblies_for_list(council_id=council.pk),
            "council": council,
            "cities": council.rotation(),
            "can_manage": can_manage_assemblies(access),
            "next_plan": services.next_assembly_plan(council=council) if can_manage_assemblies(access) else None,
        },
    )


@login_required
@require_POST
def schedule_next(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require(can_read_assemblies(access) and can_manage_assemblies(access))
    expected_cycle = whole_number(request.POST.get("cycle", ""))
    try:
        if expected_cycle is None:  # the page sends the cycle it shows: without it, nothing is scheduled
            raise ValidationError(services.OUT_OF_DATE)
        assembly = services.schedule_next_assembly(council=access.person.council, expected_cycle=expected_cycle)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("assemblies:list")
    messages.success(
        request,
        _("General assembly no. %(sequence)s is scheduled: due in %(cycle)s, hosted by %(city)s.")
        % {"sequence": assembly.sequence, "cycle": assembly.cycle, "city": assembly.host_city},
    )
    return redirect(assembly)


@login_required
@kept_page
def assembly_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access, assembly = _assembly(request, pk)
    cities = assembly.council.rotation()
    day = assembly.starts_at and assembly.starts_at.astimezone(assembly.host_city.zone).date()
    inputs = selectors.input_states(assembly=assembly)
    return render(
        request,
        "assemblies/detail.html",
        {
            "assembly": assembly,
            "cities": cities,
            "holidays": holidays_between(cities, day) if day else [],
            "can_manage": can_manage_assemblies(access),
            "history": history_entries(assembly),
            "inputs": inputs,
            "inputs_to_mark": {state.team.pk for state in inputs if can_mark_input(access, assembly, state.team)},
        },
    )


def _input_of(request: HttpRequest, pk: int, team_pk: int) -> tuple:
    """The assembly and one of its council's teams (404 elsewhere), for one who may mark its input (403)."""
    access, assembly = _assembly(request, pk)
    team = get_in_scope_or_404(Team.objects.filter(council_id=assembly.council_id), pk=team_pk)
    require(can_mark_input(access, assembly, team))
    return assembly, team


@login_required
@require_POST
def input_ready(request: HttpRequest, pk: int, team_pk: int) -> HttpResponse:
    assembly, team = _input_of(request, pk, team_pk)
    try:
        services.mark_input_ready(assembly=assembly, team=team, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(team)s: the achievements input is marked ready.") % {"team": team.name})
    return redirect(assembly)


@login_required
@require_POST
def input_reopen(request: HttpRequest, pk: int, team_pk: int) -> HttpResponse:
    assembly, team = _input_of(request, pk, team_pk)
    try:
        services.reopen_input(assembly=assembly, team=team)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(team)s: the achievements input is open again.") % {"team": team.name})
    return redirect(assembly)


# A service names what it refuses by the assembly's terms; the postponement form asks for it as a date.
FORM_FIELD = {"new_start": "new_date"}


def _change(request, pk: int, form_class, apply, *, title: str, intro: str = "") -> HttpResponse:
    """GET shows the form; a valid POST applies one service; a refusal shows its reason on the form."""
    access, assembly = _assembly(request, pk, manage=True)
    if not assembly.is_open:
        messages.error(request, _("This general assembly can no longer be changed."))
        return redirect(assembly)
    form = form_class(request.POST or None, assembly=assembly)
    if request.method == "POST" and form.is_valid():
        try:
            message = apply(assembly, form, request.user)
        except ValidationError as error:
            add_refusal(form, error, renamed=FORM_FIELD)
        else:
            if message is not None:  # None: the form shows a warning first (public holidays)
                messages.success(request, message)
                return redirect(assembly)
    context = {
        "assembly": assembly,
        "form": form,
        "title": title,
        "intro": intro,
        "cities": assembly.council.rotation(),
    }
    return render(request, "assemblies/change_form.html", {**context, **getattr(form, "extra_context", {})})


def _apply_schedule(assembly, form, user):
    data = form.cleaned_data
    holidays = [] if data.get("confirm_holidays") else holidays_between(assembly.council.rotation(), data["starts_on"])
    if holidays:
        form.data = form.data.copy()
        form.data["confirm_holidays"] = "on"
        form.extra_context = {"holidays": holidays}
        return None
    services.set_schedule(
        assembly=assembly, starts_at=data["starts_at"], ends_at=data["ends_at"], venue=data["venue"],
        reason=data["reason"], by=user, versions=form.version_texts(),
    )  # fmt: skip
    return _("The date and venue are saved.")


def _apply_postpone(assembly, form, user):
    services.postpone_assembly(
        assembly=assembly, new_start=form.new_start(), reason=form.cleaned_data["reason"], by=user
    )
    return _("The assembly is postponed; its host stays %(city)s.") % {"city": assembly.host_city}


def _apply_host(assembly, form, user):
    services.override_host(
        assembly=assembly, host=form.cleaned_data["host"], reason=form.cleaned_data["reason"], by=user
    )
    return _("The host is now %(city)s; the reason is kept with the assembly.") % {"city": assembly.host_city}


@login_required
def assembly_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(request, pk, forms.ScheduleForm, _apply_schedule, title=_("Date, time and venue"))


@login_required
def assembly_postpone(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(
        request, pk, forms.PostponeForm, _apply_postpone, title=_("Postpone the assembly"),
        intro=_("A postponed assembly keeps its host city, its number and its cycle."),
    )  # fmt: skip


@login_required
def assembly_host(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(
        request, pk, forms.HostForm, _apply_host, title=_("Change the host city"),
        intro=_("The rotation gives the host; a change needs a written reason, kept with the assembly."),
    )  # fmt: skip


def _cancel_consequences(assembly) -> list[str]:
    """What cancelling does, as the reader will see it happen."""
    if assembly.starts_at:
        day = date_format(timezone.localtime(assembly.starts_at, assembly.host_city.zone), "DATE_FORMAT")
        named = _("%(assembly)s, hosted by %(city)s on %(date)s, will be cancelled.")
    else:
        day, named = "", _("%(assembly)s, hosted by %(city)s, will be cancelled.")
    return [
        named % {"assembly": assembly, "city": assembly.host_city.name, "date": day},
        _(
            "It stays in the list of assemblies, marked cancelled, with your reason; calendar feeds show it "
            "cancelled, and reminders about it that have not gone out yet are withdrawn. It has no achievements "
            "report: its cycle is reported at the next assembly."
        ),
        _(
            "Its cycle and its host's turn pass to the next assembly, which you then schedule. "
            "A cancellation cannot be undone."
        ),
    ]


@login_required
def assembly_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    access, assembly = _assembly(request, pk)
    require(can_manage_assemblies(access), _("Only the secretariat may cancel a general assembly."))
    if not assembly.is_open:
        messages.error(request, _("This general assembly can no longer be changed."))
        return redirect(assembly)
    step = Step(
        title=_("Cancel the assembly"), section="assemblies:list", section_label=_("General assemblies"),
        record=assembly, consequences=_cancel_consequences(assembly), back=_("Keep the assembly"),
    )  # fmt: skip
    return confirm_step(
        request, target=assembly, form=forms.CancelForm(request.POST or None, assembly=assembly), step=step,
        act=lambda form: services.cancel_assembly(
            assembly=assembly, reason=form.cleaned_data["reason"], by=request.user
        ),
        done=_("The assembly is cancelled; the next one takes its cycle and its host's turn."),
    )  # fmt: skip


@login_required
def assembly_programme(request: HttpRequest, pk: int) -> HttpResponse:
    access, assembly = _assembly(request, pk, manage=True)
    data = request.POST or None
    council = {"council": assembly.council}
    programme = forms.ProgrammeForm(data, instance=assembly)
    agenda = forms.AgendaFormSet(data, instance=assembly, prefix="agenda", form_kwargs=council)
    resolutions = forms.ResolutionFormSet(data, instance=assembly, prefix="resolutions", form_kwargs=council)
    if request.method == "POST" and all([programme.is_valid(), agenda.is_valid(), resolutions.is_valid()]):
        services.save_programme(programme=programme, agenda=agenda, resolutions=resolutions, by=request.user)
        messages.success(request, _("The programme is saved."))
        return redirect(assembly)
    return render(
        request,
        "assemblies/programme_form.html",
        {"assembly": assembly, "form": programme, "agenda": agenda, "resolutions": resolutions},
    )


@login_required
@require_POST
def assembly_status(request: HttpRequest, pk: int) -> HttpResponse:
    access, assembly = _assembly(request, pk, manage=True)
    moves = {"confirmed": services.confirm_assembly, "held": services.mark_held}
    move = moves.get(request.POST.get("to", ""))
    try:
        if move is None:
            raise ValidationError(_("Choose confirm or held."))
        move(assembly=assembly)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The assembly is now %(status)s.") % {"status": assembly.get_status_display()})
    return redirect(assembly)
