"""Forms of plans and goals: validation and layout only; the services in teams.services.plans write.

Plain forms rather than model forms: the service is where a plan or goal is checked as a whole (one
plan per team and cycle, exchanges of the plan's team and cycle), with messages that say so.
"""

from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from assemblies.cycles import CyclePeriod
from common.forms import name_empty_choices
from teams.forms.fields import ExchangeMultipleChoiceField, SearchedExchangeSelectMultiple
from teams.models import Exchange, Goal, GoalUpdate, Plan, Team
from teams.models.exchanges import currency_code
from translations.forms import VersionsFormMixin, layout_with_versions

MAX_RATES = 20


def _cycle_choices(periods: dict[int, CyclePeriod]) -> list[tuple[int, str]]:
    return [(cycle, str(period.assembly)) for cycle, period in periods.items()]


def _model_field(model, name: str, **kwargs) -> forms.Field:
    """The form field Django would make for a model field: its label, help text, length and choices."""
    return model._meta.get_field(name).formfield(**kwargs)


class CurrencyField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(max_length=3, validators=[currency_code], **kwargs)

    def to_python(self, value):
        return super().to_python(value).upper()


class PlanFilterForm(forms.Form):
    """The plan list's filters, in the query string so that a filtered list can be bookmarked."""

    cycle = forms.TypedChoiceField(label=_("Assembly cycle"), coerce=int, required=False, empty_value=None)
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), required=False)

    def __init__(self, *args, periods: dict[int, CyclePeriod], teams: QuerySet[Team], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].choices = [("", _("All cycles")), *_cycle_choices(periods)]
        self.fields["team"].queryset = teams
        self.fields["team"].empty_label = _("All teams")
        for bound in self:
            bound.field.widget.attrs["class"] = "form-select"


class PlanForm(VersionsFormMixin, forms.Form):
    versions_model = Plan

    title = _model_field(Plan, "title")
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none())
    cycle = forms.TypedChoiceField(
        label=_("Assembly cycle"),
        coerce=int,
        help_text=_("The plan leads up to this general assembly."),
    )
    currency = CurrencyField(
        label=_("Reporting currency"), help_text=Plan._meta.get_field("currency").help_text, initial="USD"
    )
    summary = _model_field(Plan, "summary", widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, teams: QuerySet[Team], periods: dict[int, CyclePeriod], current_cycle=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        name_empty_choices(self)
        choices = _cycle_choices(periods)
        if current_cycle is not None and current_cycle not in periods:  # its assembly was cancelled since
            choices.append((current_cycle, str(current_cycle)))
        self.fields["cycle"].choices = choices
        self.helper = FormHelper()
        self.helper.form_tag = False  # one <form> holds this and the rates
        self.helper.layout = layout_with_versions(self)


class RateForm(forms.Form):
    currency = CurrencyField(label=_("Currency"))
    rate = forms.DecimalField(
        label=_("Value of one unit in the plan's currency"),
        max_digits=18,
        decimal_places=8,
        min_value=Decimal("0.00000001"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["currency"].widget.attrs.update({"class": "form-control", "placeholder": "KRW", "size": 4})
        self.fields["rate"].widget.attrs.update({"class": "form-control", "placeholder": "0.00075"})


class BaseRateFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("Remove")
        form.fields["DELETE"].widget.attrs["class"] = "form-check-input"

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            currency = form.cleaned_data.get("currency") if form.is_valid() else None
            if not currency or self._should_delete_form(form):
                continue
            if currency in seen:
                raise forms.ValidationError(
                    _("%(currency)s has two rates; keep one.") % {"currency": currency}, code="duplicate"
                )
            seen.add(currency)

    def rates(self) -> dict[str, Decimal]:
        """Currency → rate of the rows kept (a blank extra row is no rate)."""
        return {
            form.cleaned_data["currency"]: form.cleaned_data["rate"]
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form)
        }


RateFormSet = forms.formset_factory(
    RateForm, formset=BaseRateFormSet, extra=2, can_delete=True, max_num=MAX_RATES, validate_max=True
)


class GoalForm(VersionsFormMixin, forms.Form):
    versions_model = Goal

    title = _model_field(Goal, "title")
    metric = _model_field(Goal, "metric")
    target = forms.DecimalField(
        label=_("Target"),
        max_digits=16,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text=_("A number of exchanges, agreements or participants, or an amount in the plan's currency."),
    )
    exchange_kind = _model_field(Goal, "exchange_kind")
    unit = _model_field(Goal, "unit")
    order = _model_field(Goal, "order", min_value=0, max_value=32767)
    exchanges = ExchangeMultipleChoiceField(
        label=_("Exchanges that count toward it"),
        queryset=Exchange.objects.none(),
        required=False,
        widget=SearchedExchangeSelectMultiple(attrs={"size": 12}),
        help_text=_("Exchanges of the plan's team in its cycle. Only completed exchanges count."),
    )

    def __init__(self, *args, exchanges: QuerySet[Exchange], search: dict | None, **kwargs):
        """`search`: what the search of more exchanges asks the server for (None: nothing to search, as
        when the plan's cycle has no assembly to end it and no exchange is offered)."""
        super().__init__(*args, **kwargs)
        self.fields["exchanges"].queryset = exchanges
        self.fields["exchanges"].widget.search = search
        name_empty_choices(self)
        self.helper = FormHelper()
        self.helper.layout = layout_with_versions(self)
        self.helper.add_input(Submit("submit", _("Save goal")))


class GoalUpdateForm(VersionsFormMixin, forms.Form):
    versions_model = GoalUpdate

    value = forms.DecimalField(
        label=_("Value"),
        max_digits=16,
        decimal_places=2,
        min_value=Decimal(0),
    )
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Where the figure comes from."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = layout_with_versions(self)
        self.helper.add_input(Submit("submit", _("Record update")))
