"""The dashboard's filters: cycle, team and city, all in the query string."""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from assemblies.cycles import CyclePeriod
from council.models import City
from teams.models import Team

ALL_CYCLES = "all"


class DashboardFilterForm(forms.Form):
    cycle = forms.ChoiceField(label=_("Assembly cycle"), required=False)
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False, empty_label=_("All teams")
    )
    city = forms.ModelChoiceField(
        label=_("City"), queryset=City.objects.none(), required=False, empty_label=_("All cities")
    )

    def __init__(self, data, *, periods: list[CyclePeriod], current: CyclePeriod | None, teams, cities, listed=None):
        """`listed`: the teams and cities already read, in the querysets' order ({"team": [...], "city":
        [...]}), which the choices then show without reading them again (validation still queries)."""
        self.choices_from = {"periods": periods, "current": current, "teams": teams, "cities": cities, "listed": listed}
        self.periods = {str(period.assembly.cycle): period for period in periods}
        self.current = current
        super().__init__(data)
        self.fields["cycle"].choices = [(ALL_CYCLES, _("All cycles"))] + [
            (key, _("Cycle to %(assembly)s") % {"assembly": period.assembly})
            for key, period in reversed(self.periods.items())
        ]
        self.fields["cycle"].initial = str(current.assembly.cycle) if current else ALL_CYCLES
        self.fields["team"].queryset = teams
        self.fields["city"].queryset = cities
        for name, objects in (listed or {}).items():
            self.fields[name].listed = objects
            self.fields[name].iterator = ListedChoiceIterator
            self.fields[name].widget.choices = self.fields[name].choices

    def period(self) -> CyclePeriod | None:
        """The chosen cycle; without a choice, the one running now (up to the next assembly)."""
        chosen = self.cleaned_data.get("cycle") if self.is_valid() else None
        if not chosen:
            return self.current
        return None if chosen == ALL_CYCLES else self.periods.get(chosen)

    def chosen(self, name: str):
        return self.cleaned_data.get(name) if self.is_valid() else None

    def as_applied(self) -> "DashboardFilterForm":
        """The filters as the dashboard applied them: after refusing a value, the default selection
        (unbound), so that each list shows what the figures are for rather than its first choice."""
        return self if self.is_valid() else DashboardFilterForm(None, **self.choices_from)


class ListedChoiceIterator(ModelChoiceIterator):
    """A model choice field's choices from the objects the view has read already (`field.listed`)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.listed:
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.listed) + (self.field.empty_label is not None)
