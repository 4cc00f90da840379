from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views
from common import metrics
from common import views as common_views
from dashboards import views as dashboard_views

urlpatterns = [
    path("", dashboard_views.home, name="home"),
    path("dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("dashboard.pdf", dashboard_views.dashboard_pdf, name="dashboard-pdf"),
    path("accounts/", include("accounts.urls")),
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    path("healthz", common_views.healthz, name="healthz"),
    path("metrics", metrics.metrics, name="metrics"),
    path("council/", include("council.urls")),
    path("secretariat/", include("secretariat.urls")),
    path("translations/", include("secretariat.translation_urls")),
    path("", include("teams.urls")),
    path("", include("assemblies.urls")),
    path("", include("reminders.urls")),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "common.views.permission_denied"
