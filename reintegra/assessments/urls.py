from django.urls import path

from reintegra.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.case_assessments, name="list"),
    path("<id:version>/", views.detail, name="detail"),
    path("<id:version>/views/", views.edit_views, name="edit_views"),
    path("<id:version>/area/<str:area>/", views.edit_area, name="edit_area"),
    path("<id:version>/compare/<id:other>/", views.compare, name="compare"),
]
