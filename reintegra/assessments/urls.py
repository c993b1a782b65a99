from django.urls import path

from reintegra.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.case_assessments, name="list"),
    path("<int:version>/", views.detail, name="detail"),
    path("<int:version>/views/", views.edit_views, name="edit_views"),
    path("<int:version>/area/<str:area>/", views.edit_area, name="edit_area"),
    path("<int:version>/compare/<int:other>/", views.compare, name="compare"),
]
