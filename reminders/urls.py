"""In-app notifications at their fixed address (/notifications/); the secretariat's reminder pages."""

from django.urls import path

from reminders import views

app_name = "reminders"
urlpatterns = [
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications-read"),
    path("notifications/<int:pk>/", views.notification_open, name="notification-open"),
    path("reminders/rules/", views.rule_list, name="rules"),
    path("reminders/rules/<int:pk>/edit/", views.rule_edit, name="rule-edit"),
    path("reminders/deliveries/", views.delivery_list, name="deliveries"),
    path("reminders/deliveries/<int:pk>/resend/", views.delivery_resend, name="delivery-resend"),
]
