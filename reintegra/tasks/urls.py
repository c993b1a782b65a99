from django.urls import path

from reintegra.tasks import views

app_name = "tasks"
urlpatterns = [
    path("", views.my_tasks, name="tasks"),
    path("<id:task_id>/close/", views.close, name="close"),
]
