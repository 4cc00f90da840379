from django.urls import path

from council.views import structure as views

app_name = "council"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("people/", views.people, name="people"),
]
