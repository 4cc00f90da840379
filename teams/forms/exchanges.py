"""Forms of the exchange log: validation and layout only; views hand the cleaned data to a service."""

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.dates import DayField
from common.forms import GroupedModelChoiceField, GroupedModelMultipleChoiceField, reason_field
from common.timezones import local_instant
from common.uploads import checked_upload
from council.models import City, Department, Person
from teams.models import Exchange, FocusArea, Goal
from teams.selectors.plans import periods_by_cycle
from teams.services.exchanges import INITIAL_STATUSES
from translations.forms import VersionsFormMixin, layout_with_versions

MAX_PARTICIPANTS = 1_000_000


class ExchangeForm(VersionsFormMixin, forms.ModelForm):
    start_time = forms.TimeField(
        label=_("Start time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_("Local time in the host city."),
    )
    end_time = forms.TimeField(label=_("End time"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    goals = GroupedModelMultipleChoiceField(
        Goal.objects.none(), group_by=lambda goal: goal.plan, label=_("Goals it counts toward"), required=False
    )
    # Set when the person has seen the public-holiday warning and saves all the same.
    confirm_holidays = forms.BooleanField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Exchange
        fields = [
            "team", "focus_area", "kind", "status", "language", "title", "description",
            "starts_on", "ends_on", "host_city", "visiting_city",
            "joint_online", "departments", "people", "partner_organisations", "outcomes", "agreements_signed",
            "investment_amount", "investment_currency", "participants_reached",
        ]  # fmt: skip
        field_classes = {
            "focus_area": GroupedModelChoiceField, "departments": GroupedModelMultipleChoiceField,
            "people": GroupedModelMultipleChoiceField, "starts_on": DayField, "ends_on": DayField,
        }  # fmt: skip
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "outcomes": forms.Textarea(attrs={"rows": 3}),
            "partner_organisations": forms.Textarea(attrs={"rows": 2}),
            "departments": forms.SelectMultiple(attrs={"size": 8}),
            "people": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, teams, council, may_choose_status: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council
        self.cities = council.rotation()
        self.fields["team"].queryset = teams
        self.fields["team"].empty_label = None if len(teams) == 1 else "—"
        self._offer_choices(teams, council)
        if self.instance.pk:
            self.fields["goals"].initial = list(self.instance.goals.values_list("pk", flat=True))
        if may_choose_status and not self.instance.pk:
            self.fields["status"].choices = [(s, Exchange.Status(s).label) for s in INITIAL_STATUSES]
        else:
            del self.fields["status"]  # a draft, or an existing exchange: status moves by its own buttons
        self._add_participant_fields()
        self.helper = FormHelper()
        self.helper.form_tag = False

    def _offer_choices(self, teams, council) -> None:
        """The council's own focus areas, departments, people and goals, each under its team, city or plan."""
        fields = self.fields
        areas = FocusArea.objects.filter(team__in=teams).select_related("team").order_by("team__order", "order")
        fields["focus_area"].queryset, fields["focus_area"].group_by = areas, lambda area: area.team
        fields["focus_area"].empty_label = "—"
        city_ids = [c.pk for c in self.cities]
        for name in ("host_city", "visiting_city"):
            fields[name].queryset = City.objects.filter(pk__in=city_ids)
        departments = Department.objects.filter(city__in=city_ids).select_related("city").order_by("city", "name_en")
        fields["departments"].queryset, fields["departments"].group_by = departments, lambda department: department.city
        people = Person.objects.filter(council=council).select_related("city").order_by("city", "name_romanised")
        fields["people"].queryset, fields["people"].group_by = people, lambda person: person.city
        goals = Goal.objects.filter(plan__team__in=teams).exclude(metric=Goal.Metric.MANUAL)
        fields["goals"].queryset = goals.select_related("plan").order_by("-plan__cycle", "order")

    def _add_participant_fields(self) -> None:
        existing = {p.city_id: p.participants for p in self.instance.participations.all()} if self.instance.pk else {}
        for city in self.cities:
            self.fields[f"participants_{city.pk}"] = forms.IntegerField(
                label=_("Participants from %(city)s") % {"city": city},
                min_value=0,
                max_value=MAX_PARTICIPANTS,
                required=False,
                initial=existing.get(city.pk, 0),
            )

    def participant_fields(self):
        return [self[f"participants_{city.pk}"] for city in self.cities]

    def participants(self) -> dict:
        return {city: self.cleaned_data.get(f"participants_{city.pk}") or 0 for city in self.cities}

    def clean(self):
        data = super().clean()
        zone = (data.get("host_city") or self.cities[0]).zone
        if data.get("end_time") and not data.get("start_time"):
            self.add_error("start_time", _("Give the start time too."))
        self.instance.starts_at = local_instant(data.get("starts_on"), data.get("start_time"), zone)
        self.instance.ends_at = local_instant(data.get("ends_on") or data.get("starts_on"), data.get("end_time"), zone)
        if self.instance.starts_at and self.instance.ends_at and self.instance.ends_at < self.instance.starts_at:
            self.add_error("end_time", _("The exchange cannot end before it starts."))
        self._check_goals(data)
        return data

    def _check_goals(self, data) -> None:
        """An exchange counts only toward goals of its own team, in the cycle its start date falls in."""
        if not (data.get("goals") and data.get("team") and data.get("starts_on")):
            return
        periods = periods_by_cycle(council=self.council)
        for goal in data["goals"]:
            period = periods.get(goal.plan.cycle)
            in_cycle = period is not None and period.after < data["starts_on"] <= period.until
            if goal.plan.team_id != data["team"].pk or not in_cycle:
                self.add_error(
                    "goals",
                    _("“%(goal)s” is a goal of another team or assembly cycle than this exchange.") % {"goal": goal},
                )


class CompletionForm(VersionsFormMixin, forms.ModelForm):
    """Completing an exchange asks for what it achieved, in the language the exchange is written in."""

    language_editable = False

    class Meta:
        model = Exchange
        fields = ["outcomes", "agreements_signed", "investment_amount", "investment_currency", "participants_reached"]
        widgets = {"outcomes": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcomes"].required = True
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = layout_with_versions(self)


class CancelForm(VersionsFormMixin, forms.Form):
    """Why the exchange is cancelled, in the language the exchange is written in (the others beside it):
    the other city reads it."""

    versions_model = Exchange
    language_editable = False

    cancel_reason = reason_field(_("Reason for cancelling"), required_message=_("Say why the exchange is cancelled."))

    def __init__(self, *args, exchange: Exchange, **kwargs):
        super().__init__(*args, record=exchange, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = layout_with_versions(self)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.content_type = checked_upload(upload)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error
        return upload
