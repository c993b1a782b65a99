from django.urls import path

from reintegra.supervision import views

app_name = "supervision"
urlpatterns = [
    path("supervision/", views.supervision, name="supervision"),
    path("<id:case_id>/supervision/", views.notes, name="notes"),
]
