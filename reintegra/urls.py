from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from reintegra.api import api
from reintegra.core.views import health, health_database, help_page

admin.site.site_header = "Reintegra configuration"
admin.site.site_title = "Reintegra configuration"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="cases:caseload", permanent=False)),
    path("health/", health, name="health"),
    path("health/database/", health_database, name="health_database"),
    path("help/", help_page, name="help"),
    path("tasks/", include("reintegra.tasks.urls")),
    path("cases/", include("reintegra.cases.urls")),
    path("cases/", include("reintegra.supervision.urls")),
    path("cases/<id:case_id>/assessments/", include("reintegra.assessments.urls")),
    path("cases/<id:case_id>/consents/", include("reintegra.consents.urls")),
    path("cases/<id:case_id>/plan/", include("reintegra.plans.urls")),
    path("cases/<id:case_id>/followup/", include("reintegra.followups.urls")),
    path("cases/<id:case_id>/outcomes/", include("reintegra.outcomes.urls")),
    path("cases/<id:case_id>/family/", include("reintegra.family.urls")),
    path("cases/<id:case_id>/debts/", include("reintegra.debts.urls")),
    path("cases/<id:case_id>/legal/", include("reintegra.legal.urls")),
    path("cases/<id:case_id>/safety/", include("reintegra.safety.urls")),
    path("cases/<id:case_id>/children/", include("reintegra.children.urls")),
    path("cases/<id:case_id>/documents/", include("reintegra.documents.urls")),
    path("directory/", include("reintegra.directory.urls")),
    path("referrals/", include("reintegra.referrals.urls")),
    path("notifications/", include("reintegra.notifications.urls")),
    path("exchange/", include("reintegra.exchange.urls")),
    path("reports/", include("reintegra.reports.urls")),
    path("complaints/", include("reintegra.complaints.urls")),
    path("quality/", include("reintegra.quality.urls")),
    path("privacy/", include("reintegra.privacy.urls")),
    path("accounts/", include("reintegra.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler404 = "reintegra.core.views.not_found"
handler500 = "reintegra.core.views.server_error"
handler403 = "reintegra.core.views.forbidden"
