from django.contrib import admin

from council.admin import NAME_FIELDS
from teams.models import Exchange, FocusArea, Team, TeamSide
from translations.reading import with_versions


class TeamSideInline(admin.TabularInline):
    model = TeamSide
    extra = 0
    raw_id_fields = ("lead",)


class FocusAreaInline(admin.TabularInline):
    model = FocusArea
    extra = 0


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = (*NAME_FIELDS, "code", "council", "order")
    list_filter = ("council",)
    inlines = [TeamSideInline, FocusAreaInline]


@admin.register(Exchange)
class ExchangeAdmin(admin.ModelAdmin):
    """For IT: the exchange log's own pages are where council staff work (and are faster)."""

    list_display = ("title", "team", "focus_area", "kind", "status", "starts_on", "host_city", "visiting_city")
    list_filter = ("status", "team", "kind", "host_city")
    list_select_related = ("team", "focus_area", "host_city", "visiting_city")
    search_fields = ("title",)
    raw_id_fields = ("people", "departments", "created_by")

    def get_queryset(self, request):
        # Each row's checkbox is labelled with the title in the reader's language (Exchange.__str__).
        return with_versions(super().get_queryset(request))
