"""Forms of cooperation potential: filter, create and edit, move. Validation and layout only; no writes."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import TEXT_MAX, GroupedModelChoiceField, reason_field
from council.models import City, Person
from teams.forms.fields import ExchangeChoiceField, SearchedExchangeSelect
from teams.models import Exchange, FocusArea, Opportunity, Team
from translations.forms import Versions, VersionsFormMixin, layout_with_versions


def focus_area_field(*, label, required: bool) -> GroupedModelChoiceField:
    return GroupedModelChoiceField(
        FocusArea.objects.none(), group_by=lambda area: area.team.name, label=label, required=required
    )


def focus_areas_of(teams):
    return (
        FocusArea.objects.filter(team__in=teams)
        .select_related("team")
        .order_by("team__order", "team_id", "order", "name_en")
    )


class OpportunityFilterForm(forms.Form):
    """The list's and board's filters, read from the query string so a filtered page can be bookmarked."""

    BOARD, TABLE = "board", "table"

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), required=False)
    focus_area = focus_area_field(label=_("Focus area"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    display = forms.ChoiceField(
        label=_("Show as"),
        required=False,
        choices=[(BOARD, _("Board")), (TABLE, _("Table"))],
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["team"].empty_label = _("All teams")
        self.fields["focus_area"].queryset = focus_areas_of(teams)
        self.fields["focus_area"].empty_label = _("All focus areas")
        self.fields["status"].choices = [("", _("All statuses")), *Opportunity.Status.choices]

    def filters(self) -> dict:
        """The valid filters; an invalid one is reported by the form and ignored."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "team": data.get("team"),
            "focus_area": data.get("focus_area"),
            "status": data.get("status", ""),
            "search": data.get("q", "").strip(),
        }

    @property
    def display_mode(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("display") or self.BOARD


class OpportunityForm(VersionsFormMixin, forms.ModelForm):
    """Create or edit an opportunity of a team the person manages."""

    focus_area = focus_area_field(label=_("Focus area"), required=True)
    proposed_by = GroupedModelChoiceField(
        Person.objects.none(), group_by=lambda person: person.city.name, label=_("Proposed by")
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    proposing_city = forms.ModelChoiceField(
        City.objects.none(),
        label=_("Proposing city"),
        required=False,
        help_text=_("Leave empty to use the city of the person who proposed it."),
    )

    class Meta:
        model = Opportunity
        fields = ["team", "focus_area", "title", "description", "proposed_by", "proposing_city"]

    def __init__(self, *args, teams, council_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["focus_area"].queryset = focus_areas_of(teams)
        for name in ("team", "focus_area", "proposed_by"):
            self.fields[name].empty_label = _("Choose…")
        self.fields["proposing_city"].empty_label = _("The proposer's city")
        self.fields["proposed_by"].queryset = (
            Person.objects.filter(council_id=council_id).select_related("city").order_by("city__code", "name_romanised")
        )
        self.fields["proposing_city"].queryset = City.objects.filter(memberships__council_id=council_id)
        if not self.is_bound and not self.instance.pk:
            only = list(teams[:2])
            if len(only) == 1:  # a lead of one team need not choose it
                self.initial["team"] = only[0].pk
        if self.instance.exchange_id:
            self.fields["team"].disabled = True
            self.fields["team"].help_text = _("It became an exchange of this team; its team stays.")
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Row(Column("team", css_class="col-md-4"), Column("focus_area", css_class="col-md-8")),
            Row(Column("title", css_class="col-md-8"), Column("language", css_class="col-md-4")),
            Versions("title"),
            "description",
            Versions("description"),
            Row(Column("proposed_by", css_class="col-md-8"), Column("proposing_city", css_class="col-md-4")),
        )
        label = _("Save changes") if self.instance.pk else _("Record the opportunity")
        self.helper.add_input(Submit("submit", label))

    def clean(self):
        data = super().clean()
        team, area = data.get("team"), data.get("focus_area")
        if team and area and area.team_id != team.pk:
            self.add_error("focus_area", _("Choose a focus area of the team %(team)s.") % {"team": team.name})
        proposer, city = data.get("proposed_by"), data.get("proposing_city")
        if proposer and not city and "proposing_city" not in self.errors:
            # The model requires it; construct_instance takes it from here.
            data["proposing_city"] = proposer.city
        elif proposer and city and proposer.city_id != city.pk:
            self.add_error(
                "proposing_city",
                _("%(person)s works in %(city)s: choose that city, or leave it empty.")
                % {"person": proposer, "city": proposer.city.name},
            )
        return data


class OpportunityStatusForm(forms.Form):
    """One step of the workflow: the next status, and the exchange that step needs (dropping has a page
    of its own, `DropForm`).

    `to` accepts any status: whether the move is allowed is the service's to say, with its own message.
    """

    to = forms.ChoiceField(label=_("New status"), choices=Opportunity.Status.choices)
    exchange = ExchangeChoiceField(
        Exchange.objects.none(),
        label=_("The exchange it became"),
        required=False,
        empty_label=_("Choose…"),
        help_text=_("Exchanges of this team that no other opportunity became."),
        widget=SearchedExchangeSelect(attrs={"required": True}),
    )

    def __init__(self, *args, exchanges, team_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exchange"].queryset = exchanges
        self.fields["exchange"].widget.search = {"team": team_id, "linkable": "1"}

    def clean(self):
        data = super().clean()
        to = data.get("to")
        if to == Opportunity.Status.BECAME_EXCHANGE and not data.get("exchange"):
            self.add_error("exchange", _("Choose the exchange the opportunity became."))
        return data


class DropForm(VersionsFormMixin, forms.Form):
    """Why the opportunity is dropped, in the language it is written in (the others beside it)."""

    versions_model = Opportunity
    language_editable = False

    dropped_reason = reason_field(_("Reason for dropping"), required_message=_("Say why the opportunity is dropped."))

    def __init__(self, *args, opportunity: Opportunity, **kwargs):
        super().__init__(*args, record=opportunity, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = layout_with_versions(self)
