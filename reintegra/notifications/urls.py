from django.urls import path

from reintegra.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notifications, name="notifications"),
    path("<id:notification_id>/open/", views.open_notification, name="open"),
    path("read/", views.mark_all_read, name="read_all"),
]
