from django.urls import path

from assemblies.views import calendar, pages, report

app_name = "assemblies"
urlpatterns = [
    path("assemblies/", pages.assembly_list, name="list"),
    path("assemblies/schedule/", pages.schedule_next, name="schedule"),
    path("assemblies/<int:pk>/", pages.assembly_detail, name="detail"),
    path("assemblies/<int:pk>/edit/", pages.assembly_edit, name="edit"),
    path("assemblies/<int:pk>/programme/", pages.assembly_programme, name="programme"),
    path("assemblies/<int:pk>/postpone/", pages.assembly_postpone, name="postpone"),
    path("assemblies/<int:pk>/host/", pages.assembly_host, name="host"),
    path("assemblies/<int:pk>/cancel/", pages.assembly_cancel, name="cancel"),
    path("assemblies/<int:pk>/status/", pages.assembly_status, name="status"),
    path("assemblies/<int:pk>/inputs/<int:team_pk>/ready/", pages.input_ready, name="input-ready"),
    path("assemblies/<int:pk>/inputs/<int:team_pk>/reopen/", pages.input_reopen, name="input-reopen"),
    path("assemblies/<int:pk>/report/", report.report_page, name="report"),
    path("assemblies/<int:pk>/report.pdf", report.report_pdf, name="report-pdf"),
    path("calendar.ics", calendar.feed, name="calendar-feed"),
    path("calendar/", calendar.feed_settings, name="calendar"),
]
