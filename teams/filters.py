"""The exchange list's filters, shared by the list page and its CSV and Excel exports."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assemblies.cycles import cycle_periods
from common.dates import DayInput
from common.filters import OrderingFilter
from council.models import City
from council.permissions import Access
from teams.models import Exchange, FocusArea, Team
from teams.permissions import visible_exchanges, visible_team_ids
from translations.reading import texts_matching, with_versions

SEARCHED_FIELDS = ("title", "description", "outcomes")


class ExchangeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=200)
    team = django_filters.ModelChoiceFilter(label=_("Team"), queryset=Team.objects.none(), empty_label=_("All teams"))
    focus_area = django_filters.ModelChoiceFilter(
        label=_("Focus area"), queryset=FocusArea.objects.none(), empty_label=_("All focus areas")
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Exchange.Kind.choices, empty_label=_("All kinds"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Exchange.Status.choices, empty_label=_("All statuses")
    )
    host_city = django_filters.ModelChoiceFilter(
        label=_("Host city"), queryset=City.objects.none(), empty_label=_("All cities")
    )
    starts_from = django_filters.DateFilter(label=_("From"), field_name="starts_on", lookup_expr="gte", widget=DayInput)
    starts_until = django_filters.DateFilter(
        label=_("Until"), field_name="starts_on", lookup_expr="lte", widget=DayInput
    )
    cycle = django_filters.ChoiceFilter(label=_("Assembly cycle"), method="in_cycle", empty_label=_("All cycles"))
    ordering = OrderingFilter(
        label=_("Sort by"),
        empty_label=_("Newest first"),
        fields=(("starts_on", "starts_on"), ("title", "title"), ("status", "status"), ("kind", "kind")),
        field_labels={
            "starts_on": _("Start date"),
            "title": pgettext_lazy("exchange", "Title"),
            "status": _("Status"),
            "kind": _("Kind"),
        },
    )

    class Meta:
        model = Exchange
        fields = ["q", "team", "focus_area", "kind", "status", "host_city", "starts_from", "starts_until", "cycle"]

    def __init__(self, data=None, *, access: Access, **kwargs):
        super().__init__(data, queryset=visible_exchanges(access), **kwargs)
        council = access.person.council
        # The teams the reader may read, not those found among the exchanges (a scan of them all).
        teams = Team.objects.filter(council_id=council.pk, pk__in=visible_team_ids(access)).order_by("order")
        self.filters["team"].queryset = teams
        self.filters["focus_area"].queryset = FocusArea.objects.filter(team__in=teams).order_by("team__order", "order")
        self.filters["host_city"].queryset = City.objects.filter(memberships__council=council)
        self.periods = {str(p.assembly.pk): p for p in cycle_periods(council=council)}
        self.filters["cycle"].extra["choices"] = [
            (key, str(period.assembly)) for key, period in reversed(self.periods.items())
        ]

    def search(self, queryset, name, value):
        return queryset.filter(texts_matching(Exchange, SEARCHED_FIELDS, value))

    def in_cycle(self, queryset, name, value):
        period = self.periods[value]
        return queryset.filter(starts_on__gt=period.after, starts_on__lte=period.until)


def filtered_exchanges(*, access: Access, params) -> ExchangeFilter:
    """The filter bound to a query string; `.qs` is the list with what each row shows, ready to render."""
    return ExchangeFilter(params, access=access)


def exchange_rows(queryset):
    """The related rows and the texts' versions every list and export shows, in a fixed number of queries."""
    rows = queryset.select_related("team", "focus_area", "host_city", "visiting_city")
    return with_versions(rows.prefetch_related("participations__city"))
