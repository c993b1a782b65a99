"""Request types for views behind @login_required and for API operations behind a token."""

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from reintegra.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    user: "User"  # type: ignore[assignment]


class ApiRequest(HttpRequest):
    auth: "User"
