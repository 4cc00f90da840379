from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from council.models import City, Person


class PeopleFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name or title")}),
    )
    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.none(), required=False)

    def __init__(self, *args, council_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = City.objects.filter(memberships__council_id=council_id)
        self.fields["city"].empty_label = _("All cities")


class PersonSignInForm(forms.ModelForm):
    """What a sign-in through a city's own accounts links by (accounts.linking): the e-mail address and
    the employee id the secretariat enters on a person."""

    class Meta:
        model = Person
        fields = ["email", "employee_id"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))

    def clean_employee_id(self) -> str:
        employee_id = self.cleaned_data["employee_id"].strip()
        if any(not ch.isprintable() for ch in employee_id):
            raise forms.ValidationError(_("An employee id is letters, digits and punctuation on one line."))
        # The constraint names the city, which is not on this form, so the form would not check it.
        taken = Person.objects.filter(city_id=self.instance.city_id, employee_id=employee_id).exclude(
            pk=self.instance.pk
        )
        if employee_id and taken.exists():
            raise forms.ValidationError(_("Another person of this city already has this employee id."))
        return employee_id
