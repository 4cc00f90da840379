"""The translation desk under /translations/ (namespace `translations`, which the `tr` tag links to)."""

from django.urls import path

from secretariat.views import translations

app_name = "translations"
urlpatterns = [
    path("", translations.desk, name="desk"),
    path("<str:label>/<int:pk>/<str:field>/<str:language>/", translations.edit, name="edit"),
    path("<str:label>/<int:pk>/<str:field>/sign-off/<str:language>/", translations.sign_off_text, name="sign-off"),
]
