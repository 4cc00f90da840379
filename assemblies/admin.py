from django.contrib import admin

from assemblies.models import Assembly


@admin.register(Assembly)
class AssemblyAdmin(admin.ModelAdmin):
    list_display = ("sequence", "cycle", "council", "host_city", "starts_at", "status")
    list_filter = ("council", "status", "host_city")
