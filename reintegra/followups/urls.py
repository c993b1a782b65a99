from django.urls import path

from reintegra.followups import views

app_name = "followups"
urlpatterns = [
    path("", views.followup, name="followup"),
    path("start/", views.start, name="start"),
    path("preferences/", views.preferences, name="preferences"),
]
