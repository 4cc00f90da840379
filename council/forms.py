import zoneinfo

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from council.models import City, Person


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(label=_("Time zone"), required=False)

    class Meta:
        model = Person
        fields = ["preferred_language", "time_zone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        city_zone = self.instance.city.time_zone
        self.fields["time_zone"].choices = [("", _("My city's time zone (%(zone)s)") % {"zone": city_zone})] + [
            (zone, zone) for zone in sorted(zoneinfo.available_timezones())
        ]
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save")))


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.none(), required=False)

    def __init__(self, *args, council_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = City.objects.filter(memberships__council_id=council_id)
        self.fields["city"].empty_label = _("All cities")
