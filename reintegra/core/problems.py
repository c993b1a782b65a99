"""One error format for the JSON API: problem details (RFC 9457), for every answer of 400 and
above under /api/, whoever produced it: our handlers, django-ninja's schema checks, its 401 and
405, Django's 404 for an unknown path, a server error. A client reads `status`, `title`,
`detail` (one sentence for a person), and where there is more, `errors` (each with `message` and,
for schema errors, `location`) and `fields` (messages by field name, as the screens show them)."""

from __future__ import annotations

import json
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from django.http import HttpRequest, HttpResponse

PROBLEM_CONTENT_TYPE = "application/problem+json"
API_PREFIX = "/api/"
# Headers of the original answer a client still needs.
KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate", "Location")

GENERIC_DETAIL = {
    400: "The request could not be read.",
    401: "A valid API token is needed: send it as 'Authorization: Bearer <token>'.",
    403: "This token may not do that.",
    404: "Nothing here, or nothing this token may see.",
    405: "This address does not take that method.",
    409: "This conflicts with what is already recorded.",
    422: "The request was understood but some values were refused.",
    429: "Too many requests: wait before trying again.",
    500: "Something went wrong on our side. Nothing was changed by this request.",
    503: "The database could not be reached; nothing was changed. Try again after Retry-After seconds.",
}


def problem_response(status: int, detail: str, **extensions: Any) -> HttpResponse:
    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status, "detail": detail}
    body.update({key: value for key, value in extensions.items() if value is not None and value != []})
    return HttpResponse(json.dumps(body), status=status, content_type=PROBLEM_CONTENT_TYPE)


def _from_original(response: HttpResponse) -> HttpResponse:
    status = response.status_code
    detail = GENERIC_DETAIL.get(status) or GENERIC_DETAIL[500 if status >= 500 else 400]
    extensions: dict[str, Any] = {}
    if status < 500 and response.get("Content-Type", "").startswith("application/json"):
        try:
            body = json.loads(response.content)
        except ValueError:
            body = {}
        found = body.get("detail") if isinstance(body, dict) else None
        if isinstance(found, str) and found:
            detail = found
        elif isinstance(found, list) and found:
            errors = [_error(item) for item in found]
            extensions["errors"] = errors
            if all("location" not in error for error in errors):
                detail = " ".join(error["message"] for error in errors)
        if isinstance(body, dict):
            # Members beside the message (`fields`, a duplicate's `matching_case_ids`) are kept.
            extensions.update(
                {key: value for key, value in body.items() if key not in ("detail", "type", "title", "status")}
            )
    converted = problem_response(status, detail, **extensions)
    for header in KEPT_HEADERS:
        if header in response:
            converted[header] = response[header]
    return converted


def _error(item: Any) -> dict[str, str]:
    if isinstance(item, dict):  # a schema error from pydantic, through django-ninja
        location = ".".join(str(part) for part in item.get("loc", ()))
        return {"message": str(item.get("msg", "")), "location": location}
    return {"message": str(item)}


class ApiProblemMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and request.path_info.startswith(API_PREFIX)
            and not response.get("Content-Type", "").startswith(PROBLEM_CONTENT_TYPE)
        ):
            return _from_original(response)
        return response
