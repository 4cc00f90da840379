"""Forms of the exchange log: validation and layout only; views hand the cleaned data to a service."""

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.dates import DayField, TimeOfDayInput
from common.forms import GroupedModelChoiceField, GroupedModelMultipleChoiceField, name_empty_choices, reason_field
from common.timezones import local_instant
from common.uploads import checked_upload
from council.models import City, Department, Person
from teams.forms.fields import GoalMultipleChoiceField
from teams.models import Exchange, FocusArea, Goal
from teams.models.exchanges import HOST_CITY_NEEDED, MAX_PARTICIPANTS
from teams.selectors.plans import current_cycle, periods_by_cycle
from teams.services.exchanges import INITIAL_STATUSES
from translations.forms import VersionsFormMixin, layout_with_versions, version_field_name
from translations.reading import LANGUAGE_CODES

# What completing an exchange asks (CompletionForm); the exchange's own form asks them only of a completed
# exchange, or of a new one recorded as completed (a past exchange logged afterwards).
COMPLETION_FIELDS = (
    "outcomes",
    "agreements_signed",
    "investment_amount",
    "investment_currency",
    "participants_reached",
)
REACHED_HELP = _(
    "Everyone the exchange reached, its audience too: at least its participants. Left empty, the participants count."
)


def check_reached(form: forms.BaseForm, reached: int | None, participants: int) -> None:
    """People reached include the participants: fewer is a typing mistake (empty counts the participants)."""
    if reached is not None and reached < participants:
        form.add_error(
            "participants_reached",
            _("No fewer than the participants (%(count)s in all); leave it empty to count them.")
            % {"count": participants},
        )


class ExchangeForm(VersionsFormMixin, forms.ModelForm):
    start_time = forms.TimeField(
        label=_("Start time"),
        required=False,
        widget=TimeOfDayInput,
        help_text=_("Local time in the host city."),
    )
    end_time = forms.TimeField(label=_("End time"), required=False, widget=TimeOfDayInput)
    goals = GoalMultipleChoiceField(Goal.objects.none(), label=_("Goals it counts toward"), required=False)
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
        linked_goals = list(self.instance.goals.values_list("pk", flat=True)) if self.instance.pk else []
        self._offer_choices(teams, council, linked_goals)
        self.fields["goals"].initial = linked_goals
        if may_choose_status and not self.instance.pk:
            self.fields["status"].choices = [(s, Exchange.Status(s).label) for s in INITIAL_STATUSES]
        else:
            del self.fields["status"]  # a draft, or an existing exchange: status moves by its own buttons
        if not self.asks_completion:
            self.remove_fields(*COMPLETION_FIELDS)
        else:
            self.fields["participants_reached"].help_text = REACHED_HELP
        self._mark_host_city_required()
        self._add_participant_fields()
        self.helper = FormHelper()
        self.helper.form_tag = False

    @property
    def asks_completion(self) -> bool:
        """A completed exchange keeps its outcomes here; a new one may be recorded as completed (its
        outcomes show once that status is chosen); any other's come with completing it."""
        if self.instance.pk:
            return self.instance.status == Exchange.Status.COMPLETED
        return "status" in self.fields

    @property
    def completion_pending(self) -> bool:
        """A new exchange whose outcomes count only if it is recorded as completed."""
        return not self.instance.pk and "status" in self.fields

    def _mark_host_city_required(self) -> None:
        """Required unless the exchange is a joint online event: the field carries the marker every
        required field carries, and says the model's message when left empty."""
        field = self.fields["host_city"]
        field.required = not self["joint_online"].value() if self.is_bound else True
        field.error_messages["required"] = HOST_CITY_NEEDED
        field.help_text = _("Not needed for a joint online event.")

    def _offer_choices(self, teams, council, linked_goals: list[int]) -> None:
        """The council's own focus areas, departments, people and goals, each under its team, city or plan.
        Goals of the current cycle's plans only, and those the exchange already counts toward."""
        fields = self.fields
        areas = FocusArea.objects.filter(team__in=teams).select_related("team").order_by("team__order", "order")
        fields["focus_area"].queryset, fields["focus_area"].group_by = areas, lambda area: area.team
        fields["focus_area"].empty_label = "—"
        city_ids = [c.pk for c in self.cities]
        for name in ("host_city", "visiting_city"):
            fields[name].queryset = City.objects.filter(pk__in=city_ids)
        name_empty_choices(self)
        departments = Department.objects.filter(city__in=city_ids).select_related("city").order_by("city", "name_en")
        fields["departments"].queryset, fields["departments"].group_by = departments, lambda department: department.city
        people = Person.objects.filter(council=council).select_related("city").order_by("city", "name_romanised")
        fields["people"].queryset, fields["people"].group_by = people, lambda person: person.city
        goals = Goal.objects.filter(plan__team__in=teams).exclude(metric=Goal.Metric.MANUAL)
        goals = goals.filter(Q(plan__cycle=current_cycle(council=council)) | Q(pk__in=linked_goals))
        fields["goals"].queryset = goals.order_by("-plan__cycle", "order")

    def _add_participant_fields(self) -> None:
        existing = {p.city_id: p.participants for p in self.instance.participations.all()} if self.instance.pk else {}
        for city in self.cities:
            self.fields[f"participants_{city.pk}"] = forms.IntegerField(
                label=_("Participants from %(city)s") % {"city": city},
                min_value=0,
                max_value=MAX_PARTICIPANTS,
                required=False,
                initial=existing.get(city.pk, 0),
                help_text=_("People from %(city)s who took part.") % {"city": city},
            )

    def participant_fields(self):
        return [self[f"participants_{city.pk}"] for city in self.cities]

    def participants(self) -> dict:
        return {city: self.cleaned_data.get(f"participants_{city.pk}") or 0 for city in self.cities}

    def clean(self):
        if self.completion_pending and self.cleaned_data.get("status") != Exchange.Status.COMPLETED:
            self._forget_completion()
        data = super().clean()
        if "participants_reached" in data:
            check_reached(self, data["participants_reached"], sum(self.participants().values()))
        zone = (data.get("host_city") or self.cities[0]).zone
        if data.get("end_time") and not data.get("start_time"):
            self.add_error("start_time", _("Give the start time too."))
        self.instance.starts_at = local_instant(data.get("starts_on"), data.get("start_time"), zone)
        self.instance.ends_at = local_instant(data.get("ends_on") or data.get("starts_on"), data.get("end_time"), zone)
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        days_in_order = not (
            starts_on and ends_on and ends_on < starts_on
        )  # else the end date says it (Exchange.clean)
        starts_at, ends_at = self.instance.starts_at, self.instance.ends_at
        if days_in_order and starts_at and ends_at and ends_at < starts_at:
            self.add_error("end_time", _("The exchange cannot end before it starts."))
        self._check_goals(data)
        return data

    def _forget_completion(self) -> None:
        """Outcomes typed, then another status chosen: not saved nor refused, as if never asked."""
        for name in COMPLETION_FIELDS:
            self.cleaned_data.pop(name, None)
            self._errors.pop(name, None)
        for language in LANGUAGE_CODES:  # and their versions in other languages
            self.cleaned_data[version_field_name("outcomes", language)] = ""
            self._errors.pop(version_field_name("outcomes", language), None)

    def _post_clean(self):
        super()._post_clean()
        # An empty host city is refused by the field (for its marker) and by the model (whose rule holds
        # for imports too), in the same words: say them once.
        if "host_city" in self._errors:
            messages = list(dict.fromkeys(self._errors["host_city"]))
            self._errors["host_city"] = self.error_class(messages, renderer=self.renderer)

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
        fields = COMPLETION_FIELDS
        widgets = {"outcomes": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"participants_reached": REACHED_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcomes"].required = True
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = layout_with_versions(self)

    def clean(self):
        data = super().clean()
        if "participants_reached" in data:
            participants = sum(p.participants for p in self.instance.participations.all())
            check_reached(self, data["participants_reached"], participants)
        return data


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


class ReturnForm(forms.Form):
    """Why a lead sends a member's draft back: a note to its author (not council text to translate)."""

    reason = reason_field(
        _("What should its author change?"),
        required_message=_("Say why the draft goes back, so that its author can put it right."),
    )


class ExchangeSearchForm(forms.Form):
    """What a searched list of exchanges asks the server for (teams:exchange-choices): words of a title, in
    any of its languages, and the team it is limited to, if any."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    team = forms.IntegerField(label=_("Team"), required=False, min_value=1, max_value=2**63 - 1)
    # Only those an opportunity of the team could have become (teams.selectors.opportunities).
    linkable = forms.BooleanField(required=False)
    # Only those that may count toward a goal: not cancelled, first day in the cycle (after, until].
    counting = forms.BooleanField(required=False)
    after = DayField(label=_("From"), required=False)
    until = DayField(label=_("Until"), required=False)
