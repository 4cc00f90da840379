from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from common import views as common_views
from council.views import accounts as account_views
from council.views import structure as council_views
from dashboards import views as dashboard_views

urlpatterns = [
    path("", dashboard_views.home, name="home"),
    path("dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("dashboard.pdf", dashboard_views.dashboard_pdf, name="dashboard-pdf"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/login/verify/", account_views.login_verify, name="login_verify"),
    path("accounts/two-factor/", account_views.two_factor, name="two_factor"),
    path("accounts/two-factor/remove/", account_views.two_factor_remove, name="two_factor_remove"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/profile/", council_views.profile, name="profile"),
    path("i18n/setlang/", common_views.set_language, name="set_language"),
    path("healthz", common_views.healthz, name="healthz"),
    path("council/", include("council.urls")),
    path("secretariat/", include("council.desk_urls")),
    path("", include("teams.urls")),
    path("", include("assemblies.urls")),
    path("", include("reminders.urls")),
    path("admin/", admin.site.urls),
]
