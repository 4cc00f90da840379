"""What the forms' shared templates need of a form (includes/form_errors.html)."""

from django import forms, template

register = template.Library()


@register.simple_tag
def invalid_fields(form: forms.BaseForm) -> list[forms.BoundField]:
    """The fields of the form that have errors, in the order the form shows them."""
    return [field for field in form if field.errors]
