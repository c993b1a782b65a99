import time
from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

# Paths a signed-in user without a second factor may still reach: the account pages (to set one
# up or sign out), static files, and the token-authenticated API.
_OPEN_PREFIXES = ("/accounts/", "/static/", "/api/")


class RequireSecondFactorMiddleware:
    """Send users whose roles need a second factor to set one up before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.REQUIRE_MFA
            and user.is_authenticated
            and not request.path.startswith(_OPEN_PREFIXES)
            and user.needs_mfa
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            messages.warning(request, _("Set up an authenticator app before you continue."))
            return redirect("mfa_activate_totp")
        return self.get_response(request)


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
