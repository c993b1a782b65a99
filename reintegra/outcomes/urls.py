from django.urls import path

from reintegra.outcomes import views

app_name = "outcomes"
urlpatterns = [
    path("", views.outcomes, name="outcomes"),
    path("setbacks/", views.setback, name="setback"),
]
