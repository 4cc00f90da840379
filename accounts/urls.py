"""Sign-in, two-factor, password and profile pages, under /accounts/ (config/urls.py).

No app_name: Django's own views and settings find these by their plain names (LOGIN_URL = "login",
PasswordChangeView's "password_change_done"), and the templates and tests have always used them.
The templates are the app's own (accounts/…): under registration/ the admin's password pages, an app
before this one, would be found first.
"""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import token_views, views
from accounts.forms import SignInForm

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, template_name="accounts/login.html", authentication_form=SignInForm
        ),
        name="login",
    ),
    path("login/verify/", views.login_verify, name="login_verify"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("two-factor/remove/", views.two_factor_remove, name="two_factor_remove"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(template_name="accounts/password_change_form.html"),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password_change_done",
    ),
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/", token_views.token_create, name="api_token_create"),
    path("profile/tokens/<int:pk>/revoke/", token_views.token_revoke, name="api_token_revoke"),
    path("oidc/", include("accounts.oidc.urls")),  # sign-in with a city's OpenID Connect provider
]
