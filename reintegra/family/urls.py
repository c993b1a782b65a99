from django.urls import path

from reintegra.family import views

app_name = "family"
urlpatterns = [
    path("", views.family, name="family"),
    path("<id:member_id>/", views.update_member, name="update_member"),
    path("<id:member_id>/needs/", views.add_need, name="add_need"),
    path("needs/<id:need_id>/status/", views.need_status, name="need_status"),
]
