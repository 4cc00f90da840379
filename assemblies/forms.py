"""Forms of the assembly pages: validation and layout only; the scheduler's rules live in services.py."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assemblies.models import AgendaItem, Assembly, Resolution
from common.dates import DayField, TimeOfDayInput
from common.forms import GroupedModelMultipleChoiceField, name_empty_choices, reason_field
from common.timezones import local_instant
from council.models import City, Person
from teams.models import Team
from translations.forms import VersionsFormMixin, layout_with_versions
from translations.reading import with_versions


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class ScheduleForm(VersionsFormMixin, forms.Form):
    """Date, time and venue, entered in the host city's local time. The venue is in the assembly's
    language, which its minutes choose (ProgrammeForm)."""

    versions_model = Assembly
    language_editable = False

    starts_on = DayField(label=_("Start date"))
    start_time = forms.TimeField(label=_("Start time"), widget=TimeOfDayInput)
    ends_on = DayField(label=_("End date"), required=False)
    end_time = forms.TimeField(label=_("End time"), widget=TimeOfDayInput, required=False)
    venue = forms.CharField(label=_("Venue"), max_length=300, required=False)
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed only for a date outside the assembly's cycle year; it is kept with the assembly."),
    )  # fmt: skip
    confirm_holidays = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, assembly: Assembly, **kwargs):
        super().__init__(*args, record=assembly, initial=_schedule_of(assembly), **kwargs)
        self.assembly = assembly
        self.fields["start_time"].help_text = _("Local time in %(city)s.") % {"city": assembly.host_city}
        self.helper = _helper()
        self.helper.layout = layout_with_versions(self)

    def clean(self):
        data = super().clean()
        zone = self.assembly.host_city.zone
        data["starts_at"] = local_instant(data.get("starts_on"), data.get("start_time"), zone)
        data["ends_at"] = local_instant(data.get("ends_on") or data.get("starts_on"), data.get("end_time"), zone)
        if data["starts_at"] and data["ends_at"] and data["ends_at"] <= data["starts_at"]:
            # Said where the mistake is: an end date before the start's day, or else the end time.
            ends_on = data.get("ends_on")
            field = "ends_on" if ends_on and ends_on < data["starts_on"] else "end_time"
            self.add_error(field, _("The assembly must end after it starts."))
        return data


def _schedule_of(assembly: Assembly) -> dict:
    """The date, times and venue as they stand, in the host city's time: what the form opens with."""
    initial = {"venue": assembly.venue}
    for day, time, instant in (
        ("starts_on", "start_time", assembly.starts_at),
        ("ends_on", "end_time", assembly.ends_at),
    ):
        if instant is not None:
            local = timezone.localtime(instant, assembly.host_city.zone)
            initial[day], initial[time] = local.date(), local.time()
    return initial


class PostponeForm(forms.Form):
    new_date = DayField(label=_("New date"))
    new_time = forms.TimeField(label=_("New start time"), widget=TimeOfDayInput)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, assembly: Assembly, **kwargs):
        super().__init__(*args, **kwargs)
        self.assembly = assembly
        if assembly.starts_at:  # a postponement keeps the hour unless told otherwise
            self.fields["new_time"].initial = timezone.localtime(assembly.starts_at, assembly.host_city.zone).time()
        self.fields["new_time"].help_text = _("Local time in %(city)s.") % {"city": assembly.host_city}
        self.helper = _helper()

    def new_start(self):
        data = self.cleaned_data
        return local_instant(data["new_date"], data["new_time"], self.assembly.host_city.zone)


class HostForm(forms.Form):
    host = forms.ModelChoiceField(label=_("New host city"), queryset=City.objects.none())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, assembly: Assembly, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = City.objects.filter(memberships__council=assembly.council).exclude(
            pk=assembly.host_city_id
        )
        name_empty_choices(self)
        self.helper = _helper()


class CancelForm(forms.Form):
    """Why the assembly is cancelled, in the writer's language: the reason is a text of its own
    (ScheduleChange.reason), translated at the translation desk."""

    reason = reason_field(_("Reason for cancelling"), required_message=_("Say why the assembly is cancelled."))

    def __init__(self, *args, assembly: Assembly, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class ProgrammeForm(VersionsFormMixin, forms.ModelForm):
    class Meta:
        model = Assembly
        fields = ["attendees", "minutes"]
        field_classes = {"attendees": GroupedModelMultipleChoiceField}
        widgets = {"attendees": forms.SelectMultiple(attrs={"size": 12}), "minutes": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(council=self.instance.council).select_related("city").order_by("city", "name")
        self.fields["attendees"].queryset, self.fields["attendees"].group_by = people, lambda person: person.city
        self.helper = _helper()
        self.helper.layout = layout_with_versions(self)


class _CouncilScoped(VersionsFormMixin, forms.ModelForm):
    """Teams and people offered are the assembly's council's only."""

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "team" in self.fields:
            self.fields["team"].queryset = Team.objects.filter(council=council)
        if "presenter" in self.fields:
            self.fields["presenter"].queryset = Person.objects.filter(council=council)
        name_empty_choices(self)


class AgendaItemForm(_CouncilScoped):
    class Meta:
        model = AgendaItem
        fields = ["order", "title", "presenter", "team", "duration_minutes"]


class ResolutionForm(_CouncilScoped):
    class Meta:
        model = Resolution
        fields = ["number", "text", "team"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class _RowsWithVersions(forms.BaseInlineFormSet):
    """The rows' versions in other languages, loaded for all rows in one query rather than one a row."""

    def __init__(self, *args, queryset=None, **kwargs):
        rows = queryset if queryset is not None else self.model._default_manager.all()
        super().__init__(*args, queryset=with_versions(rows), **kwargs)


AgendaFormSet = forms.inlineformset_factory(
    Assembly, AgendaItem, form=AgendaItemForm, formset=_RowsWithVersions, extra=2, can_delete=True
)
ResolutionFormSet = forms.inlineformset_factory(
    Assembly, Resolution, form=ResolutionForm, formset=_RowsWithVersions, extra=1, can_delete=True
)
