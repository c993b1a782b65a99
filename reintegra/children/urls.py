from django.urls import path

from reintegra.children import views

app_name = "children"
urlpatterns = [
    path("", views.record, name="record"),
    *(path(f"{slot}/", views.add, {"slot": slot}, name=slot) for slot in views.FORMS),
    path("determinations/<id:determination_id>/approve/", views.approve, name="approve"),
    path("tracing/<id:tracing_id>/steps/", views.tracing_step, name="tracing_step"),
    path("placements/<id:placement_id>/reviews/", views.placement_review, name="placement_review"),
]
