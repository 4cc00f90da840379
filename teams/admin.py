from django.contrib import admin

from council.admin import NAME_FIELDS
from teams.models import FocusArea, Team, TeamSide


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
