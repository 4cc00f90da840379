from django.urls import path

from council.views import structure as views

app_name = "council"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("people/", views.people, name="people"),
    path("people/<int:pk>/sign-in/", views.person_sign_in, name="person-sign-in"),
]
