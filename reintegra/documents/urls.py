from django.urls import path

from reintegra.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.documents, name="documents"),
    path("<id:document_id>/steps/", views.step, name="step"),
    path("<id:document_id>/attachments/", views.attach, name="attach"),
    path("<id:document_id>/attachments/<id:attachment_id>/", views.download, name="download"),
]
