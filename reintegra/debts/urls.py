from django.urls import path

from reintegra.debts import views

app_name = "debts"
urlpatterns = [
    path("", views.debts, name="debts"),
    path("<id:debt_id>/change/", views.change, name="change"),
]
