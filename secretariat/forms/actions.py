"""Forms of action items: create and edit, move, and the secretariat list's filters. Validation only; no writes."""

import django_filters
from django import forms
from django.db.models import F
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.dates import DayField, DayInput
from common.forms import TEXT_MAX, GroupedModelChoiceField
from council.models import Person
from secretariat.models import ActionItem
from secretariat.selectors.actions import overdue
from teams.forms.fields import SearchedExchangeSelect, exchange_label
from teams.models import Team
from translations.forms import VersionsFormMixin
from translations.reading import text_of, with_versions

SOURCE_LABELS = {
    "resolution": _("Assembly resolution"),
    "correspondence": _("Letter or message"),
    "exchange": _("Exchange"),
    "commitment": _("Agreement commitment"),
}


def people_of(council_id: int):
    return Person.objects.filter(council_id=council_id).select_related("city").order_by("city__code", "name_romanised")


def initial_from_source(kind: str, source) -> dict:
    """What an item made from a source starts with: its team and a title taken from its text."""
    language = None  # the writer's, unless the title is the source's own text
    if kind == "resolution":
        title, team_id, language = source.text, source.team_id, source.language
    elif kind == "correspondence":
        title = gettext("Follow up on %(reference)s: %(subject)s") % {
            "reference": source.reference,
            "subject": source.subject,
        }
        team_id = source.team_id
    elif kind == "exchange":
        title, team_id = gettext("Follow up on “%(exchange)s”") % {"exchange": source.display_title}, source.team_id
    else:
        title, team_id, language = source.text, source.owner_team_id, source.language
    initial = {"title": Truncator(" ".join(title.split())).chars(300), "team": team_id}
    return initial | ({"language": language} if language else {})


def _text(record, field: str) -> str:
    """A source's text as a choice: in the reader's language where it has been translated."""
    return text_of(record, field).value


class ActionItemForm(VersionsFormMixin, forms.ModelForm):
    """Create or edit an item. Its source is either fixed (shown read-only) or chosen here, exactly one."""

    owner = GroupedModelChoiceField(Person.objects.none(), group_by=lambda person: person.city.name, label=_("Owner"))
    description = forms.CharField(
        label=_("Details"), required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    due_on = DayField(label=_("Due date"))

    class Meta:
        model = ActionItem
        fields = ["title", "description", "owner", "team", "due_on", *ActionItem.SOURCES]

    def __init__(self, *args, council_id: int, teams, team_required: bool, sources: dict | None, **kwargs):
        """`sources`: per kind, the querysets to choose from; None when the item's source is fixed."""
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_of(council_id)
        self.fields["owner"].empty_label = _("Choose…")
        team = self.fields["team"]
        team.queryset, team.required = teams, team_required
        team.empty_label = _("Choose…") if team_required else _("The owner's team")
        if not team_required:
            team.help_text = _("Leave empty for a team the owner leads or belongs to.")
        if team_required and not self.is_bound and not self.initial.get("team"):
            only = list(teams[:2])
            if len(only) == 1:  # a lead of one team need not choose it
                self.initial["team"] = only[0].pk
        self.fixed_source = sources is None
        for kind in ActionItem.SOURCES:
            if sources is None:
                del self.fields[kind]
            else:
                self._source_field(kind, sources[kind])

    def _source_field(self, kind: str, queryset) -> None:
        group_by, label = {
            "resolution": (lambda r: str(r.assembly), lambda r: f"{r} · {Truncator(_text(r, 'text')).chars(90)}"),
            "correspondence": (lambda c: c.sent_at.year, lambda c: f"{c.reference} · {_text(c, 'subject')}"),
            "exchange": (lambda e: e.team.name, exchange_label),
            "commitment": (
                lambda c: str(c.agreement),
                lambda c: Truncator(f"{c.clause} {_text(c, 'text')}".strip()).chars(90),
            ),
        }[kind]
        queryset = with_versions(queryset)  # the labels read each source's text in the reader's language,
        if kind == "commitment":  # and the headings a commitment's agreement's title: one query each
            queryset = with_versions(queryset, "agreement")
        widget = SearchedExchangeSelect if kind == "exchange" else forms.Select  # a council's years of them
        field = GroupedModelChoiceField(
            queryset, group_by=group_by, label=SOURCE_LABELS[kind], required=False, widget=widget
        )
        field.label_from_instance = label
        field.empty_label = "—"
        self.fields[kind] = field

    def clean(self):
        data = super().clean()
        # None chosen; more than one is the model's own refusal.
        if not self.fixed_source and not any(data.get(kind) for kind in ActionItem.SOURCES):
            raise forms.ValidationError(
                _("Choose where it comes from: one resolution, letter, exchange or commitment."), code="source"
            )
        return data


class ActionStatusForm(forms.Form):
    """One step of the workflow; dropping asks for the reason."""

    to = forms.ChoiceField(
        choices=ActionItem.Status.choices,
        widget=forms.HiddenInput,
        error_messages={"required": _("Choose the next step."), "invalid_choice": _("Choose one of the next steps.")},
    )
    reason = forms.CharField(
        label=_("Why is it dropped?"), required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


# Sort keys of the secretariat list; ties go by due date.
SORT_KEYS = {
    "due_on": ["due_on"],
    "owner": ["owner__name_romanised", "owner__name"],
    "team": ["team__order", "team__code"],
    "title": ["title"],
}
SORT_LABELS = {"due_on": _("Due date"), "owner": _("Owner"), "team": _("Team"), "title": _("What")}


def _sort_choices() -> list:
    choices = []
    for key, label in SORT_LABELS.items():
        choices += [(key, label), (f"-{key}", _("%(key)s, descending") % {"key": label})]
    return choices


class ActionItemFilter(django_filters.FilterSet):
    """The secretariat list's filters, read from the query string so a filtered list can be bookmarked."""

    owner = django_filters.ModelChoiceFilter(label=_("Owner"), queryset=Person.objects.none(), empty_label=_("Anyone"))
    team = django_filters.ModelChoiceFilter(label=_("Team"), queryset=Team.objects.none(), empty_label=_("All teams"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ActionItem.Status.choices, empty_label=_("All statuses")
    )
    due_after = django_filters.DateFilter(
        label=_("Due on or after"), field_name="due_on", lookup_expr="gte", widget=DayInput
    )
    due_before = django_filters.DateFilter(
        label=_("Due on or before"), field_name="due_on", lookup_expr="lte", widget=DayInput
    )
    overdue = django_filters.BooleanFilter(label=_("Overdue only"), method="only_overdue", widget=forms.CheckboxInput)
    source = django_filters.ChoiceFilter(
        label=_("Comes from"), choices=list(SOURCE_LABELS.items()), method="from_source", empty_label=_("Anywhere")
    )
    ordering = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=_sort_choices, method="sort", empty_label=_("Open first, by due date")
    )

    class Meta:
        model = ActionItem
        fields = ["owner", "team", "status", "due_after", "due_before", "overdue", "source", "ordering"]

    def __init__(self, data=None, *, queryset, council_id: int, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        self.filters["owner"].queryset = people_of(council_id)
        self.filters["team"].queryset = Team.objects.filter(council_id=council_id).order_by("order", "code")

    def only_overdue(self, queryset, name, value):
        return overdue(queryset) if value else queryset

    def from_source(self, queryset, name, value):
        return queryset.filter(**{f"{value}__isnull": False})

    def sort(self, queryset, name, value):
        descending = value.startswith("-")
        keys = [
            F(key).desc(nulls_last=True) if descending else F(key).asc(nulls_last=True)
            for key in SORT_KEYS[value.removeprefix("-")]
        ]
        return queryset.order_by(*keys, "due_on", "pk")
