from django.urls import path

from reintegra.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan, name="plan"),
    path("print/", views.print_plan, name="print"),
    path("goals/", views.add_goal, name="add_goal"),
    path("actions/", views.add_action, name="add_action"),
    path("actions/<id:action_id>/decision/", views.decide, name="decide"),
    path("actions/<id:action_id>/status/", views.action_status, name="action_status"),
    path("actions/<id:action_id>/support/", views.add_support, name="add_support"),
]
