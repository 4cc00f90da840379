"""Form fields and parsing shared by the apps' forms and views."""

import re
from collections.abc import Callable, Mapping

from django import forms
from django.core.exceptions import ValidationError

MAX_ID = 2**63 - 1  # the largest value of a 64-bit key
# The longest free text a form takes (a description, a reason, a clause): longer than a few pages is a
# paste gone wrong, and it would fill a page, a report and every e-mail that quotes it.
TEXT_MAX = 5000
_ID = re.compile(r"[0-9]{1,19}")  # ASCII digits only: "²".isdigit() is true, yet int("²") fails


def reason_field(label, *, required_message, help_text="") -> forms.CharField:
    """The written reason a step that cannot be taken lightly asks for (cancel, drop, withdraw): required,
    trimmed (spaces alone are no reason), within TEXT_MAX."""
    return forms.CharField(
        label=label,
        max_length=TEXT_MAX,
        help_text=help_text,
        error_messages={"required": required_message},
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def whole_number(value) -> int | None:
    """A whole number as a request gives it (a query parameter, a hidden field): ASCII digits within 64 bits,
    else None. For views that read an id or a year themselves: `"²".isdigit()` is true, yet `int("²")`
    raises, and a lookup with it or with a number past 64 bits would be a server error, not "not found".
    """
    text = str(value)
    if not _ID.fullmatch(text) or int(text) > MAX_ID:
        return None
    return int(text)


DJANGO_EMPTY_CHOICE = "---------"


def name_empty_choices(form: forms.BaseForm) -> None:
    """A list's empty choice as the app's lists write it, "—", not Django's "---------"."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label == DJANGO_EMPTY_CHOICE:
                field.empty_label = "—"
        elif isinstance(field, forms.ChoiceField) and list(field.choices[:1]) == [("", DJANGO_EMPTY_CHOICE)]:
            field.choices = [("", "—"), *field.choices[1:]]


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, refusing a number past 64 bits as "not one of the available choices" before any query:
    SQLite cannot take it as a query parameter (OverflowError, a server error)."""

    def _check_values(self, value):
        for pk in value:
            try:
                too_big = abs(int(str(pk))) > MAX_ID
            except ValueError:  # not a number: the base class refuses it with its own message
                continue
            if too_big:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super()._check_values(value)


class GroupedModelChoiceIterator(forms.models.ModelChoiceIterator):
    """The choices under a heading per group (an <optgroup>: focus areas under their team, people under
    their city), the groups in the order their first object comes in. Each group is listed once even when
    the queryset is not ordered by it (goals ordered by cycle, then by their order in the plan)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups: dict[str, list] = {}
        for obj in self.queryset:
            groups.setdefault(str(self.field.group_by(obj)), []).append(self.choice(obj))
        yield from groups.items()


class Grouped:
    """Makes a model choice field list its choices by group: `group_by(obj)` names an object's group.
    Given when the field is made, or set later by the form that sets the field's queryset (a model form's
    own field), or a method of a subclass."""

    iterator = GroupedModelChoiceIterator

    def __init__(self, *args, group_by: Callable | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if group_by is not None:
            self.group_by = group_by


class GroupedModelChoiceField(Grouped, forms.ModelChoiceField):
    """One object, chosen under its group's heading."""


class GroupedModelMultipleChoiceField(Grouped, ModelMultipleChoiceField):
    """Several objects, chosen under their groups' headings."""


def add_refusal(form: forms.BaseForm, error: ValidationError, renamed: Mapping[str, str] | None = None) -> None:
    """A service's refusal on the form that asked for it: each message under the field it names when the
    form has that field, else above the form (a non-field error), so that no message is lost and none
    names a field the reader cannot see. `renamed` maps a service's name for a value to the form's field
    (a service speaks of the assembly's `new_start`, the form asks for a `new_date`)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        field = (renamed or {}).get(name, name)
        form.add_error(field if field in form.fields else None, errors)
