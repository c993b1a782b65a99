from django.urls import path

from reintegra.complaints import views

app_name = "complaints"
urlpatterns = [
    path("", views.file, name="file"),
    path("follow/", views.follow, name="follow"),
    path("record/", views.record, name="record"),
    path("inbox/", views.inbox, name="inbox"),
    path("<id:complaint_id>/", views.detail, name="detail"),
    path("<id:complaint_id>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("<id:complaint_id>/answer/", views.answer, name="answer"),
    path("<id:complaint_id>/close/", views.close, name="close"),
    path("<id:complaint_id>/note/", views.note, name="note"),
]
