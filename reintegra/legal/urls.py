from django.urls import path

from reintegra.legal import views

app_name = "legal"
urlpatterns = [
    path("", views.status, name="status"),
    path("identification/", views.identification, name="identification"),
    path("proceedings/", views.proceeding, name="proceeding"),
    path("proceedings/<id:proceeding_id>/events/", views.proceeding_event, name="proceeding_event"),
]
