from django.urls import path

from reintegra.safety import views

app_name = "safety"
urlpatterns = [
    path("", views.page, name="page"),
    path("plan/", views.plan, name="plan"),
    path("persons-of-concern/", views.person_of_concern, name="person_of_concern"),
    path("triggers/", views.trigger, name="trigger"),
]
