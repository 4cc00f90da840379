"""The one shape of a step that cannot be taken lightly (cancelling an exchange or an assembly, dropping
an opportunity, withdrawing a letter): a page that says in plain words what the step will do and asks
for a reason; a valid reason goes to the step's one service, whose refusal lands on the form, and the
reader goes back to the record. The views keep what differs: who may take the step, and when."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from common.forms import add_refusal


@dataclass(frozen=True)
class Step:
    """What the page names (templates/confirm.html): its `title`, which is the button's label too, the
    list it belongs to (`section`, a URL name, and `section_label`) for the breadcrumb, the `record` in
    a few words, the `consequences` (sentences), and `back`, the label of the way out."""

    title: str
    section: str
    section_label: str
    record: object
    consequences: Sequence[str]
    back: str


def confirm_step(
    request: HttpRequest,
    *,
    target: Model,
    form: forms.Form,
    step: Step,
    act: Callable[[forms.Form], object],
    done: str,
    renamed: Mapping[str, str] | None = None,
) -> HttpResponse:
    """The confirmation page of `target`; on a valid POST `act(form)` calls the service and `done` is
    the success message. A ValidationError from `act` goes on the form (`renamed`: see add_refusal)."""
    if request.method == "POST" and form.is_valid():
        try:
            act(form)
        except ValidationError as error:
            add_refusal(form, error, renamed=renamed)
        else:
            messages.success(request, done)
            return redirect(target)
    context = {
        "title": step.title, "section": step.section, "section_label": step.section_label,
        "record": step.record, "record_url": target.get_absolute_url(), "consequences": step.consequences,
        "form": form, "submit": step.title, "back": step.back,
    }  # fmt: skip
    return render(request, "confirm.html", context)
