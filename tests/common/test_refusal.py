"""A service's refusal on its form (common.forms.add_refusal): each message where the reader sees it."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from common.forms import add_refusal


class DateForm(forms.Form):
    title = forms.CharField()
    new_date = forms.DateField()


def refused(error: ValidationError, **kwargs) -> DateForm:
    form = DateForm({"title": "Forum", "new_date": "2030-05-01"})
    assert form.is_valid()
    add_refusal(form, error, **kwargs)
    return form


def test_a_message_that_names_no_field_stands_above_the_form():
    form = refused(ValidationError("The assembly is already held."))

    assert form.errors == {NON_FIELD_ERRORS: ["The assembly is already held."]}


def test_a_message_on_a_field_of_the_form_stands_under_that_field():
    form = refused(ValidationError({"title": "Another exchange has this title."}))

    assert form.errors == {"title": ["Another exchange has this title."]}
    assert "title" not in form.cleaned_data  # as with any invalid field


def test_a_message_on_a_field_the_form_lacks_stands_above_the_form():
    form = refused(ValidationError({"team": "Choose a team you lead.", NON_FIELD_ERRORS: "Not now."}))

    assert form.errors == {NON_FIELD_ERRORS: ["Choose a team you lead.", "Not now."]}


def test_a_service_name_for_a_field_is_mapped_to_the_forms():
    error = ValidationError({"new_start": "Choose a day after today.", "title": "Too long."})

    form = refused(error, renamed={"new_start": "new_date"})

    assert form.errors == {"new_date": ["Choose a day after today."], "title": ["Too long."]}


def test_every_message_of_a_field_is_kept():
    form = refused(ValidationError({"title": ["Too long.", "Not unique."]}))

    assert form.errors == {"title": ["Too long.", "Not unique."]}
