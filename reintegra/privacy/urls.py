from django.urls import path

from reintegra.privacy import views

app_name = "privacy"
urlpatterns = [
    path("cases/<id:case_id>/", views.case_page, name="case"),
    path("cases/<id:case_id>/holds/", views.place_hold, name="place_hold"),
    path("cases/<id:case_id>/holds/<id:hold_id>/lift/", views.lift_hold, name="lift_hold"),
    path("cases/<id:case_id>/held.json", views.export, {"form": "json"}, name="export_json"),
    path("cases/<id:case_id>/held.pdf", views.export, {"form": "pdf"}, name="export_pdf"),
    path("cases/<id:case_id>/erase/", views.erase, name="erase"),
    path("agreements/", views.agreements, name="agreements"),
    path("agreements/<id:agreement_id>/end/", views.end_agreement, name="end_agreement"),
]
