from django.urls import path

from reintegra.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.services, name="services"),
    path("services/<id:service_id>/", views.service, name="service"),
    path("providers/", views.providers, name="providers"),
    path("providers/new/", views.provider_form, name="add_provider"),
    path("providers/<id:provider_id>/", views.provider, name="provider"),
    path("providers/<id:provider_id>/edit/", views.provider_form, name="edit_provider"),
    path("providers/<id:provider_id>/places/new/", views.location_form, name="add_location"),
    path("providers/<id:provider_id>/places/<id:location_id>/edit/", views.location_form, name="edit_location"),
    path("providers/<id:provider_id>/services/new/", views.service_form, name="add_service"),
    path("providers/<id:provider_id>/services/<id:service_id>/edit/", views.service_form, name="edit_service"),
    path("export/hsds.zip", views.export, {"kind": "zip"}, name="export_package"),
    path("export/hsds.json", views.export, {"kind": "json"}, name="export_json"),
    path("import/", views.import_directory, name="import"),
    path("gaps/", views.gaps, name="gaps"),
    path("for-case/<id:case_id>/", views.matches, name="matches"),
]
