from django.contrib import admin

from accounts.models import ExternalAccount


@admin.register(ExternalAccount)
class ExternalAccountAdmin(admin.ModelAdmin):
    """Who is linked to which account of a city's sign-in service; deleting a row unlinks it."""

    list_display = ("user", "service", "subject", "linked_at", "last_sign_in_at")
    list_filter = ("service",)
    search_fields = ("user__username", "subject")
    raw_id_fields = ("user",)
    readonly_fields = ("linked_at", "last_sign_in_at")
