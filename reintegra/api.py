"""The JSON API root, mounted at /api/v1/. Every operation authenticates with a per-user bearer
token and reads case data only through the access layer."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from reintegra.accounts.api import BearerToken
from reintegra.accounts.api import router as accounts_router
from reintegra.assessments.api import router as assessments_router
from reintegra.cases.api import router as cases_router
from reintegra.consents.api import router as consents_router
from reintegra.debts.api import router as debts_router
from reintegra.followups.api import router as followups_router
from reintegra.outcomes.api import router as outcomes_router
from reintegra.plans.api import router as plans_router

api = NinjaAPI(
    title="Reintegra API",
    version="1",
    description="Case management for the reintegration of trafficked persons.",
    auth=BearerToken(),
    urls_namespace="api",
    docs_url=None,  # the interactive page loads scripts from elsewhere, which our CSP forbids
)
api.add_router("", accounts_router, tags=["accounts"])
api.add_router("/cases", cases_router, tags=["cases"])
api.add_router("/cases", assessments_router, tags=["assessments"])
api.add_router("/cases", consents_router, tags=["consents"])
api.add_router("/cases", plans_router, tags=["plans"])
api.add_router("/cases", followups_router, tags=["followups"])
api.add_router("/cases", outcomes_router, tags=["outcomes"])
api.add_router("/cases", debts_router, tags=["debts"])


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A workflow refused the input: every message, and those about one field under its name, as
    the screens show them beside that field."""
    body: dict[str, object] = {"detail": exc.messages}
    if hasattr(exc, "error_dict"):
        body["fields"] = exc.message_dict
    return api.create_response(request, body, status=422)
