"""The correspondence log: list, export, log a communication, read its thread, edit, reply, attach files.

Secretariat staff write; mayors' offices read everything; team leads read what concerns their team
(secretariat.permissions). Another council's communication is not found (404) for everyone; one of
the reader's council they may not read is refused (403).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from common import spreadsheets
from common.confirm import Step, confirm_step
from common.filters import export_refused
from common.forms import add_refusal
from common.history import history_entries
from common.kept_pages import kept_page
from common.lookups import get_in_scope_or_404
from common.pagination import page_of
from council.permissions import Access, access_for, require
from secretariat.forms.correspondence import AttachmentForm, CorrespondenceFilter, CorrespondenceForm, WithdrawForm
from secretariat.models import Correspondence, CorrespondenceAttachment
from secretariat.permissions import can_read_correspondence, can_read_letter, can_write
from secretariat.selectors import correspondence as selectors
from secretariat.services import correspondence as services
from translations.reading import text_of


def _readable_letter(request: HttpRequest, pk: int) -> tuple[Access, Correspondence]:
    """The communication with what its pages show: 404 outside the reader's council, 403 if not theirs to read."""
    access = access_for(request.user)
    letter = get_in_scope_or_404(selectors.letters_for_page(council_id=access.council_id), pk=pk)
    require(can_read_letter(access, letter))
    return access, letter


def _filtered(request: HttpRequest) -> tuple[Access, CorrespondenceFilter]:
    access = access_for(request.user)
    require(can_read_correspondence(access))
    return access, CorrespondenceFilter(request.GET, access=access, cities=access.person.council.rotation())


@login_required
@kept_page
def correspondence_list(request: HttpRequest) -> HttpResponse:
    access, letters = _filtered(request)
    page = page_of(request, selectors.list_rows(letters.qs))
    return render(
        request,
        "secretariat/correspondence/list.html",
        {
            "filter": letters,
            "page": page,
            "letters": page.object_list,
            "can_write": can_write(access),
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_GET
@never_cache
def export_csv(request: HttpRequest) -> HttpResponse:
    _access, letters = _filtered(request)
    if refused := export_refused(request, letters, "secretariat:correspondence-list"):
        return refused
    columns = selectors.export_columns(letters.cities)
    chunks = spreadsheets.csv_chunks(
        headings=lambda: [column.heading() for column in columns],
        rows=selectors.export_rows(letters.qs, columns),
        language=get_language(),
    )
    response = StreamingHttpResponse(chunks, content_type=spreadsheets.CSV_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, selectors.export_filename("csv"))
    return response


@login_required
@require_GET
@never_cache
def export_xlsx(request: HttpRequest) -> HttpResponse:
    _access, letters = _filtered(request)
    if refused := export_refused(request, letters, "secretariat:correspondence-list"):
        return refused
    columns = selectors.export_columns(letters.cities)
    workbook = spreadsheets.xlsx_bytes(
        title=spreadsheets.sheet_title(_("Correspondence"), fallback="Correspondence"),
        headings=[column.heading() for column in columns],
        widths=[column.width for column in columns],
        rows=selectors.export_rows(letters.qs, columns),
    )
    response = HttpResponse(workbook, content_type=spreadsheets.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, selectors.export_filename("xlsx"))
    return response


def _render_form(request: HttpRequest, form: CorrespondenceForm, **context) -> HttpResponse:
    return render(request, "secretariat/correspondence/form.html", {"form": form, **context})


def _new_letter_initial(access: Access, cities) -> dict:
    """From the writer's own city (else the first) to the next one, now in the sending city's time."""
    sender = next((city for city in cities if city.pk == access.person.city_id), cities[0])
    receiver = next(city for city in cities if city.pk != sender.pk)
    now = timezone.localtime(timezone.now(), sender.zone)
    return {"from_city": sender, "to_city": receiver, "sent_on": now.date(), "sent_time": now.strftime("%H:%M")}


def _log(request: HttpRequest, form: CorrespondenceForm) -> Correspondence | None:
    """Save through the service; None (with the reason on the form) when it refuses."""
    try:
        letter = services.log_correspondence(
            correspondence=form.instance,
            by=request.user,
            people=form.cleaned_data["people"],
            attachments=form.attachments(),
            versions=form.version_texts(),
        )
    except ValidationError as error:
        form.instance.pk = None  # rolled back: nothing of it was kept
        add_refusal(form, error)
        return None
    messages.success(request, _("Logged with the reference %(reference)s.") % {"reference": letter.reference})
    return letter


@login_required
def correspondence_create(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require(can_write(access))
    council = access.person.council
    cities = council.rotation()
    form = CorrespondenceForm(
        request.POST or None,
        request.FILES or None,
        council=council,
        cities=cities,
        with_file=True,
        initial=_new_letter_initial(access, cities),
    )
    if request.method == "POST" and form.is_valid() and (letter := _log(request, form)):
        return redirect(letter)
    return _render_form(request, form)


def _reply_subject(subject: str) -> str:
    """ "Re: Invitation", and "Re: Invitation" again for a reply to the reply (not "Re: Re: …")."""
    if subject.startswith(_("Re: %(subject)s") % {"subject": ""}):
        return subject
    return (_("Re: %(subject)s") % {"subject": subject})[: Correspondence._meta.get_field("subject").max_length]


@login_required
def correspondence_reply(request: HttpRequest, pk: int) -> HttpResponse:
    """A new communication answering this one: the other way round, with "Re: …" as its subject."""
    access, original = _readable_letter(request, pk)
    require(can_write(access))
    now = timezone.localtime(timezone.now(), original.to_city.zone)
    initial = {
        "from_city": original.to_city, "to_city": original.from_city, "channel": original.channel,
        "subject": _reply_subject(original.subject),
        "team": original.team, "exchange": original.exchange, "assembly": original.assembly,
        "sent_on": now.date(), "sent_time": now.strftime("%H:%M"),
    }  # fmt: skip
    form = CorrespondenceForm(
        request.POST or None,
        request.FILES or None,
        instance=Correspondence(in_reply_to=original),
        council=access.person.council,
        cities=access.person.council.rotation(),
        with_file=True,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid() and (letter := _log(request, form)):
        return redirect(letter)
    return _render_form(request, form, original=original)


@login_required
@kept_page
def correspondence_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access, letter = _readable_letter(request, pk)
    return render(
        request,
        "secretariat/correspondence/detail.html",
        {
            "letter": letter,
            "cities": access.person.council.rotation(),
            "sides": selectors.people_by_side(letter),
            "thread": selectors.thread_of(letter=letter, access=access),
            "history": history_entries(letter),
            "can_write": can_write(access),
            "attachment_form": AttachmentForm(),
        },
    )


@login_required
def correspondence_edit(request: HttpRequest, pk: int) -> HttpResponse:
    access, letter = _readable_letter(request, pk)
    require(can_write(access))
    form = CorrespondenceForm(
        request.POST or None,
        instance=letter,
        council=access.person.council,
        cities=access.person.council.rotation(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_correspondence(
                correspondence=form.instance, people=form.cleaned_data["people"], versions=form.version_texts(),
                by=request.user,
            )  # fmt: skip
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(letter)
    return _render_form(request, form, letter=letter)


def _withdraw_consequences(letter: Correspondence) -> list[str]:
    """What withdrawing does, as the reader will see it happen."""
    return [
        _("The communication %(reference)s “%(subject)s” will be withdrawn.")
        % {"reference": letter.reference, "subject": text_of(letter, "subject").value},
        _(
            "It stays in the correspondence log and its exports with its reference number, marked withdrawn, "
            "with your reason; the number is not given to another communication. Replies to it and action "
            "items from it stay as they are. A withdrawal cannot be undone."
        ),
    ]


@login_required
def correspondence_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    access, letter = _readable_letter(request, pk)
    require(can_write(access), _("Only the secretariat may withdraw a communication."))
    if letter.is_withdrawn:
        messages.error(request, _("This communication is already withdrawn."))
        return redirect(letter)
    step = Step(
        title=_("Withdraw the communication"), section="secretariat:correspondence-list",
        section_label=_("Correspondence"), record=letter.reference, consequences=_withdraw_consequences(letter),
        back=_("Keep the communication"),
    )  # fmt: skip
    return confirm_step(
        request, target=letter, form=WithdrawForm(request.POST or None, letter=letter), step=step,
        act=lambda form: services.withdraw_correspondence(
            correspondence=letter, reason=form.cleaned_data["withdrawn_reason"], by=request.user,
            versions=form.version_texts(),
        ),
        done=_("The communication is withdrawn; your reason is kept with it."),
    )  # fmt: skip


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    access, letter = _readable_letter(request, pk)
    require(can_write(access))
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        services.attach_file(
            correspondence=letter, upload=form.cleaned_data["file"], content_type=form.content_type, by=request.user
        )
        messages.success(request, _("The file is attached."))
    else:
        for error in form.errors.get("file", [_("Choose a file to attach.")]):
            messages.error(request, error)
    return redirect(letter)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """Served only here, to whoever may read the communication: never by a public media address."""
    access = access_for(request.user)
    in_council = CorrespondenceAttachment.objects.filter(correspondence__council_id=access.council_id)
    attachment = get_in_scope_or_404(in_council.select_related("correspondence"), pk=pk)
    require(can_read_letter(access, attachment.correspondence))
    try:
        stored = attachment.file.open("rb")
    except FileNotFoundError as missing:  # removed from the storage by hand: say so, not a server error
        raise Http404 from missing
    return FileResponse(
        stored, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
