from django.urls import path

from reintegra.exchange import views

app_name = "exchange"
urlpatterns = [
    path("import/", views.import_package, name="import"),
    path("keys/", views.keys, name="keys"),
    path("records/", views.records, name="records"),
    path("records/export/", views.export_records, name="export_records"),
    path("records/import/", views.import_records, name="import_records"),
    path("records/import/<id:batch_id>/", views.import_batch, name="import_batch"),
    path("records/import/<id:batch_id>/progress/", views.import_progress, name="import_progress"),
    path("incoming/<id:incoming_id>/", views.incoming, name="incoming"),
    path("incoming/<id:incoming_id>/answer-package/", views.answer_package, name="answer_package"),
    path("outgoing/<id:referral_id>/package/", views.referral_package, name="referral_package"),
]
