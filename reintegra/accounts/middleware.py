import time
import zoneinfo
from collections.abc import Callable
from typing import Any

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from reintegra.orgs.models import Organisation

# What a signed-in user who has not enrolled a second factor may still reach, by URL name: the
# page that tells them how to finish enrolment, the invitation that enrols them, and sign-out.
# Names rather than path prefixes: a path can be dressed up (SCRIPT_NAME, a proxy's prefix), a
# resolved view cannot.
OPEN_TO_UNENROLLED = frozenset({"accounts:enrolment_needed", "accounts:accept_invitation", "account_logout", "health"})
# allauth's own pages for adding or removing a second factor. Anyone holding only the password
# could use them to enrol a device of their own, so enrolment happens through an administrator's
# invitation instead, and nobody who needs a second factor can remove theirs.
SELF_SERVICE_ENROLMENT = frozenset({"mfa_activate_totp", "mfa_deactivate_totp"})


class RequireSecondFactorMiddleware:
    """Keep users whose roles need a second factor away from everything until they have one.

    The decision is taken in process_view, after URL resolution, on the name of the view that
    would answer: the same view answers whatever prefix the request claims to carry."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        user = request.user
        if not settings.REQUIRE_MFA or not user.is_authenticated or not user.needs_mfa:
            return None
        match = request.resolver_match
        view_name = match.view_name if match else ""
        if view_name in SELF_SERVICE_ENROLMENT:
            return redirect("accounts:enrolment_needed")
        if view_name in OPEN_TO_UNENROLLED:
            return None
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            return redirect("accounts:enrolment_needed")
        return None


class OrganisationTimeZoneMiddleware:
    """Work in the time zone of the signed-in user's organisation: "today", "due" and "overdue",
    the times a worker types and the times pages show. Without an organisation, the server's.

    The zone is read once per session and kept there (an organisation's zone changes rarely; a
    changed zone applies from the next sign-in). API requests get theirs from the token's user."""

    SESSION_KEY = "_organisation_time_zone"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Always inside override(): whatever an API operation activates ends with the request.
        with timezone.override(self._zone_of(request)):
            return self.get_response(request)

    def _zone_of(self, request: HttpRequest) -> zoneinfo.ZoneInfo | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.organisation_id is None:
            return None
        kept = request.session.get(self.SESSION_KEY)
        if not kept or kept[0] != user.organisation_id:
            name = Organisation.objects.values_list("time_zone", flat=True).get(pk=user.organisation_id)
            kept = [user.organisation_id, name]
            request.session[self.SESSION_KEY] = kept
        return zoneinfo.ZoneInfo(kept[1])


class IdleTimeoutMiddleware:
    """Keep the idle timeout (SESSION_COOKIE_AGE) without writing the session on every request.

    Django can save the session on every request to push its expiry forward, which costs an
    UPDATE and a commit per page view. Here the session is marked as changed, and so saved with
    a new expiry, only once SESSION_TOUCH_SECONDS have passed since it was last saved: a session
    may end up to that many seconds earlier than the full idle time, never later.
    """

    KEY = "_idle_touched_at"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Visitors without a session (the health check, the sign-in page's first view) get none.
        if session is not None and (session.session_key or session.modified) and not session.is_empty():
            now = int(time.time())
            if session.modified or now - session.get(self.KEY, 0) >= settings.SESSION_TOUCH_SECONDS:
                session[self.KEY] = now
        return response
