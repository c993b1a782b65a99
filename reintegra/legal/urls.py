from django.urls import path

from reintegra.legal import views

app_name = "legal"
urlpatterns = [
    path("", views.status, name="status"),
    path("identification/", views.identification, name="identification"),
]
