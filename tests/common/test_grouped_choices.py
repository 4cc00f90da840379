"""Choices under a heading per group (common.forms.GroupedModelChoiceField and its multiple sibling)."""

import pytest
from django import forms

from common.forms import GroupedModelChoiceField, GroupedModelMultipleChoiceField
from council.models import Person


def groups(field) -> list[tuple[str, list[str]]]:
    """(heading, option labels) per group, after the empty choice."""
    return [(group, [label for _value, label in options]) for group, options in list(field.choices) if group]


def test_each_group_is_listed_once_in_the_order_its_first_choice_comes(db):
    people = Person.objects.filter(name_romanised__in=["Lee Min-jun", "Zhang Wei", "Chen Jing"])
    field = GroupedModelChoiceField(people.order_by("name_romanised"), group_by=lambda person: person.city.name)

    assert groups(field) == [("Beijing", ["陈静 (Chen Jing)", "张伟 (Zhang Wei)"]), ("Seoul", ["이민준 (Lee Min-jun)"])]
    assert list(field.choices)[0] == ("", field.empty_label)


def test_a_model_forms_own_field_is_grouped_by_the_form(db):
    class Attendees(forms.Form):
        people = GroupedModelMultipleChoiceField(Person.objects.none())

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["people"].queryset = Person.objects.filter(name_romanised="Zhang Wei")
            self.fields["people"].group_by = lambda person: person.city

    form = Attendees()

    assert groups(form.fields["people"]) == [("Beijing", ["张伟 (Zhang Wei)"])]
    assert '<optgroup label="Beijing">' in str(form["people"])


def test_a_choice_past_64_bits_is_not_one_of_the_choices(db):
    form_field = GroupedModelMultipleChoiceField(Person.objects.all(), group_by=lambda person: person.city)

    with pytest.raises(forms.ValidationError) as refused:
        form_field.clean([str(2**64)])

    assert refused.value.code == "invalid_choice"
