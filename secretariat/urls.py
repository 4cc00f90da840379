"""The secretariat's pages under /secretariat/: correspondence, action items, agreements (namespace `secretariat`)."""

from django.urls import path

from secretariat.views import actions, agreements, correspondence

app_name = "secretariat"
urlpatterns = [
    path("correspondence/", correspondence.correspondence_list, name="correspondence-list"),
    path("correspondence/new/", correspondence.correspondence_create, name="correspondence-create"),
    path("correspondence/export.csv", correspondence.export_csv, name="correspondence-export-csv"),
    path("correspondence/export.xlsx", correspondence.export_xlsx, name="correspondence-export-xlsx"),
    path("correspondence/<int:pk>/", correspondence.correspondence_detail, name="correspondence-detail"),
    path("correspondence/<int:pk>/edit/", correspondence.correspondence_edit, name="correspondence-edit"),
    path("correspondence/<int:pk>/reply/", correspondence.correspondence_reply, name="correspondence-reply"),
    path("correspondence/<int:pk>/withdraw/", correspondence.correspondence_withdraw, name="correspondence-withdraw"),
    path("correspondence/<int:pk>/attachments/", correspondence.attachment_add, name="correspondence-attachment-add"),
    path("correspondence/attachments/<int:pk>/", correspondence.attachment_download, name="correspondence-attachment"),
    path("actions/", actions.action_list, name="action-list"),
    path("actions/mine/", actions.my_actions, name="my-actions"),
    path("actions/new/", actions.action_create, name="action-create"),
    path("actions/<int:pk>/", actions.action_detail, name="action-detail"),
    path("actions/<int:pk>/edit/", actions.action_edit, name="action-edit"),
    path("actions/<int:pk>/status/", actions.action_status, name="action-status"),
    path("agreements/", agreements.agreement_list, name="agreement-list"),
    path("agreements/new/", agreements.agreement_create, name="agreement-create"),
    path("agreements/<int:pk>/", agreements.agreement_detail, name="agreement-detail"),
    path("agreements/<int:pk>/edit/", agreements.agreement_edit, name="agreement-edit"),
    path("agreements/<int:pk>/document/", agreements.agreement_document, name="agreement-document"),
    path("agreements/<int:pk>/commitments/new/", agreements.commitment_create, name="commitment-create"),
    path("agreements/commitments/<int:pk>/edit/", agreements.commitment_edit, name="commitment-edit"),
]
