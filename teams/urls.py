"""Team pages, and the team leads' workspace at their fixed addresses (/exchanges/, /plans/, …)."""

from django.urls import path

from teams.views import exchanges, opportunities, plans, structure, transfer

app_name = "teams"
urlpatterns = [
    path("teams/", structure.team_list, name="list"),
    path("teams/<int:pk>/", structure.team_detail, name="detail"),
    # Exchange log
    path("exchanges/", exchanges.exchange_list, name="exchange-list"),
    path("exchanges/new/", exchanges.exchange_create, name="exchange-create"),
    path("exchanges/choices/", exchanges.exchange_choices, name="exchange-choices"),
    path("exchanges/<int:pk>/", exchanges.exchange_detail, name="exchange-detail"),
    path("exchanges/<int:pk>/edit/", exchanges.exchange_edit, name="exchange-edit"),
    path("exchanges/<int:pk>/status/", exchanges.exchange_status, name="exchange-status"),
    path("exchanges/<int:pk>/return/", exchanges.exchange_return, name="exchange-return"),
    path("exchanges/<int:pk>/complete/", exchanges.exchange_complete, name="exchange-complete"),
    path("exchanges/<int:pk>/cancel/", exchanges.exchange_cancel, name="exchange-cancel"),
    path("exchanges/<int:pk>/reopen/", exchanges.exchange_reopen, name="exchange-reopen"),
    path("exchanges/<int:pk>/attachments/", exchanges.attachment_add, name="exchange-attachment-add"),
    path("exchanges/attachments/<int:pk>/", exchanges.attachment_download, name="exchange-attachment"),
    # Export of the current filter, and import
    path("exchanges/export.csv", transfer.export_csv, name="exchange-export-csv"),
    path("exchanges/export.xlsx", transfer.export_xlsx, name="exchange-export-xlsx"),
    path("exchanges/import/", transfer.import_upload, name="exchange-import"),
    path("exchanges/import/confirm/", transfer.import_confirm, name="exchange-import-confirm"),
    # Plans and goals
    path("plans/", plans.plan_list, name="plan-list"),
    path("plans/new/", plans.plan_create, name="plan-create"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan-edit"),
    path("plans/<int:pk>/goals/new/", plans.goal_create, name="goal-create"),
    path("plans/goals/<int:pk>/edit/", plans.goal_edit, name="goal-edit"),
    path("plans/goals/<int:pk>/update/", plans.goal_update, name="goal-update"),
    # Cooperation potential
    path("opportunities/", opportunities.opportunity_list, name="opportunity-list"),
    path("opportunities/new/", opportunities.opportunity_create, name="opportunity-create"),
    path("opportunities/<int:pk>/", opportunities.opportunity_detail, name="opportunity-detail"),
    path("opportunities/<int:pk>/edit/", opportunities.opportunity_edit, name="opportunity-edit"),
    path("opportunities/<int:pk>/status/", opportunities.opportunity_status, name="opportunity-status"),
    path("opportunities/<int:pk>/drop/", opportunities.opportunity_drop, name="opportunity-drop"),
]
