"""Under /accounts/oidc/ (accounts/urls.py). The callback's name is mozilla-django-oidc's, which its
recheck middleware reverses; its address is the redirect URI to register at every provider."""

from django.urls import path

from accounts.oidc import views

urlpatterns = [
    path("callback/", views.callback, name="oidc_authentication_callback"),
    path("<str:name>/", views.start, name="oidc_sign_in"),
]
