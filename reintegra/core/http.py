"""Request types for views behind @login_required and for API operations behind a token."""

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Status

if TYPE_CHECKING:
    from reintegra.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    user: "User"  # type: ignore[assignment]


class ApiRequest(HttpRequest):
    auth: "User"


def client_ip(request: HttpRequest) -> str | None:
    """The address of the person's machine. Behind REINTEGRA_TRUSTED_PROXIES proxies, each of
    which appends the address it saw to X-Forwarded-For, it is the entry that many from the end:
    anything further left was written by the client and proves nothing. The sign-in lockout and
    the access log both use this one answer."""
    proxies = settings.REINTEGRA_TRUSTED_PROXIES
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def created(response: HttpResponse, body: Any, viewname: str, **kwargs: int | str) -> Status:
    """A 201 answer whose Location names the new record's address in the API: its own where it
    has one, else that of the resource that lists it (a goal is read within its plan)."""
    response["Location"] = reverse(f"api:{viewname}", kwargs=kwargs)
    return Status(201, body)
