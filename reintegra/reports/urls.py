from django.urls import path

from reintegra.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report, name="report"),
    path("report.csv", views.download, {"fmt": "csv"}, name="csv"),
    path("report.xlsx", views.download, {"fmt": "xlsx"}, name="xlsx"),
    path("agreement/", views.agreement, name="agreement"),
]
