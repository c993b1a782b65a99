from django.urls import path

from reintegra.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report, name="report"),
    path("report.csv", views.download, {"fmt": "csv"}, name="csv"),
    path("report.xlsx", views.download, {"fmt": "xlsx"}, name="xlsx"),
    path("research-extract.csv", views.research_extract, name="research_extract"),
    path("agreement/", views.agreement, name="agreement"),
    path("report.pdf", views.request_pdf, name="pdf"),
    path("runs/<uuid:run_id>/", views.run, name="run"),
    path("runs/<uuid:run_id>/progress/", views.run_progress, name="run_progress"),
    path("runs/<uuid:run_id>/report.pdf", views.run_file, name="run_file"),
]
