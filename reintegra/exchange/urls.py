from django.urls import path

from reintegra.exchange import views

app_name = "exchange"
urlpatterns = [
    path("import/", views.import_package, name="import"),
    path("keys/", views.keys, name="keys"),
    path("incoming/<id:incoming_id>/", views.incoming, name="incoming"),
    path("incoming/<id:incoming_id>/answer-package/", views.answer_package, name="answer_package"),
    path("outgoing/<id:referral_id>/package/", views.referral_package, name="referral_package"),
]
