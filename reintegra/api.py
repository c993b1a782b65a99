"""The JSON API root, mounted at /api/v1/. Every operation authenticates with a per-user bearer
token and reads case data only through the access layer."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import Throttled
from ninja.openapi.schema import OpenAPISchema

from reintegra.accounts.admin_api import router as admin_router
from reintegra.accounts.api import BearerToken, TokenRateThrottle
from reintegra.accounts.api import router as accounts_router
from reintegra.assessments.api import router as assessments_router
from reintegra.cases.api import router as cases_router
from reintegra.children.api import router as children_router
from reintegra.complaints.api import router as complaints_router
from reintegra.consents.api import router as consents_router
from reintegra.core.errors import Conflict
from reintegra.debts.api import router as debts_router
from reintegra.directory.api import router as directory_router
from reintegra.documents.api import router as documents_router
from reintegra.exchange.api import records_router as exchange_records_router
from reintegra.exchange.api import router as exchange_router
from reintegra.followups.api import router as followups_router
from reintegra.legal.api import router as legal_router
from reintegra.outcomes.api import router as outcomes_router
from reintegra.plans.api import router as plans_router
from reintegra.privacy.api import router as privacy_router
from reintegra.quality.api import router as quality_router
from reintegra.referrals.api import router as referrals_router
from reintegra.reports.api import router as reports_router
from reintegra.safety.api import router as safety_router

# Every operation may answer these; the bodies are problem details (core.problems).
DOCUMENTED_PROBLEMS = {
    "400": "The body is not JSON, or not the JSON object this operation takes.",
    "401": "No valid token: missing, expired, revoked, or its user switched off.",
    "403": "The token may only read.",
    "404": "No such record, or none this token's user may see: the two are not told apart.",
    "409": "It conflicts with what is already recorded (for example a plan that already exists).",
    "413": "The body is larger than this operation takes (2.5 MB, or a file import's own limit).",
    "422": "Some values were refused; `fields` names them as the screens do.",
    "429": "Too many requests: wait for the number of seconds in Retry-After.",
}
PROBLEM_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 problem details",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"message": {"type": "string"}, "location": {"type": "string"}},
                "required": ["message"],
            },
        },
        "fields": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    },
    "required": ["type", "title", "status", "detail"],
}


class ReintegraAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
        reference = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for status, description in DOCUMENTED_PROBLEMS.items():
                    responses.setdefault(status, {"description": description, "content": reference})
        return schema


api = ReintegraAPI(
    title="Reintegra API",
    version="1",
    description="Case management for the reintegration of trafficked persons.",
    auth=BearerToken(),
    urls_namespace="api",
    docs_url=None,  # the interactive page loads scripts from elsewhere, which our CSP forbids
    throttle=[TokenRateThrottle()],
)
api.add_router("", accounts_router, tags=["accounts"])
api.add_router("/cases", cases_router, tags=["cases"])
api.add_router("/cases", assessments_router, tags=["assessments"])
api.add_router("/cases", consents_router, tags=["consents"])
api.add_router("/cases", plans_router, tags=["plans"])
api.add_router("/cases", followups_router, tags=["followups"])
api.add_router("/cases", outcomes_router, tags=["outcomes"])
api.add_router("/cases", debts_router, tags=["debts"])
api.add_router("", legal_router, tags=["legal"])
api.add_router("", children_router, tags=["children"])
api.add_router("", safety_router, tags=["safety"])
api.add_router("", documents_router, tags=["documents"])
api.add_router("/directory", directory_router, tags=["directory"])
api.add_router("", referrals_router, tags=["referrals"])
api.add_router("", exchange_router, tags=["referrals"])
api.add_router("", exchange_records_router, tags=["exchange"])
api.add_router("", reports_router, tags=["reports"])
api.add_router("/admin", admin_router, tags=["admin"])
api.add_router("", complaints_router, tags=["complaints"])
api.add_router("", quality_router, tags=["quality"])
api.add_router("", privacy_router, tags=["privacy"])


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A workflow refused the input: every message, and those about one field under its name, as
    the screens show them beside that field. A clash with what is recorded is a conflict (409)."""
    body: dict[str, object] = {"detail": exc.messages}
    if hasattr(exc, "error_dict"):
        body["fields"] = exc.message_dict
    return api.create_response(request, body, status=409 if isinstance(exc, Conflict) else 422)


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    response = api.create_response(request, {"detail": "Too many requests: wait before trying again."}, status=429)
    response["Retry-After"] = str(int(exc.wait or 60))
    return response
