from django.urls import path

from reintegra.consents import views

app_name = "consents"
urlpatterns = [
    path("", views.case_consents, name="list"),
    path("<id:consent_id>/withdraw/", views.withdraw, name="withdraw"),
    path("<id:consent_id>/reconfirm/", views.reconfirm, name="reconfirm"),
]
