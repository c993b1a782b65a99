from django.urls import path

from reintegra.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("new/", views.register, name="register"),
    path("new/duplicates/", views.check_duplicates, name="check_duplicates"),
    path("search/", views.search, name="search"),
    path("emergency/", views.emergency_access, name="emergency_access"),
    path("<id:case_id>/", views.detail, name="detail"),
    path("<id:case_id>/person/", views.edit_person, name="edit_person"),
    path("<id:case_id>/edit/", views.edit_case, name="edit_case"),
    path("<id:case_id>/team/", views.edit_team, name="edit_team"),
    path("<id:case_id>/status/", views.change_status, name="change_status"),
    path("<id:case_id>/at-risk/", views.confirm_at_risk, name="confirm_at_risk"),
]
