"""Responses that must not outlive the request in any cache, a limit for visitors who are not
signed in, and limits on the size of request bodies."""

import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _

from reintegra.core.http import client_ip
from reintegra.core.problems import problem_response

# The API limits its own clients (by token and by address); static files and health checks are
# for machines that must never be turned away.
NOT_PUBLIC_PAGES = ("/api/", "/static/", "/health/")


class NoStoreMiddleware:
    """Every page and API answer may hold something about a person: no browser, proxy or shared
    computer may keep a copy (the back button on a shelter's shared PC, a caching proxy at a
    partner office). Static files are served before this runs and stay cacheable."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        add_never_cache_headers(response)
        patch_cache_control(response, no_store=True, private=True)
        return response


class PublicPageRateLimitMiddleware:
    """Visitors who are not signed in (the sign-in and second-factor pages, password reset, an
    invitation link) may ask for REINTEGRA_PUBLIC_PAGES_PER_MINUTE pages a minute from one
    address: generous for an office behind one address, short for a script that floods or
    guesses. Signed-in users are limited by what their account may do, not here.

    A count per address and clock minute in the cache. (allauth's limiter, which guards sign-in,
    counts only POSTs.) Between processes the count is approximate, which is enough to stop a
    flood."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            not request.path_info.startswith(NOT_PUBLIC_PAGES)
            and not request.user.is_authenticated
            and self._count(request) > settings.REINTEGRA_PUBLIC_PAGES_PER_MINUTE
        ):
            response = render(request, "errors/429.html", status=429)
            response["Retry-After"] = str(60 - int(time.time()) % 60)
            return response
        return self.get_response(request)

    @staticmethod
    def _count(request: HttpRequest) -> int:
        key = f"public-pages:{client_ip(request)}:{int(time.time()) // 60}"
        cache.add(key, 0, timeout=120)
        try:
            return cache.incr(key)
        except ValueError:  # expired in between: a new minute
            cache.set(key, 1, timeout=120)
            return 1


# Bodies of up to this size are read by any view, as Django's own default allows.
ORDINARY_BODY_BYTES = 2_621_440
# Room for the form's other fields and the multipart framing around an uploaded file.
FRAMING_BYTES = 1_000_000


def body_limits() -> dict[str, int]:
    """The views that take uploads, by URL name, and the largest body each takes: their files'
    own limits (settings) and the framing. A file's bytes in the API's JSON are base64, a third
    longer."""
    records = settings.REINTEGRA_IMPORT_MAX_BYTES
    scans = settings.REINTEGRA_ATTACHMENT_MAX_BYTES
    return {
        "exchange:import_records": records + FRAMING_BYTES,
        "api:start_import": (records + 2) // 3 * 4 + FRAMING_BYTES,
        "documents:attach": scans + FRAMING_BYTES,
    }


class BodySizeMiddleware:
    """Request bodies stay at Django's ordinary size except for the views that take uploads, each
    up to its own limit, so that a file of case records or a scan can come in without every other
    address accepting bodies that large. DATA_UPLOAD_MAX_MEMORY_SIZE is set to the largest of
    these limits, and this middleware enforces the smaller ones by the declared length before any
    view reads the body (a body longer than it declares is cut by Django's own LimitedStream)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django refuses an unreadable length itself
        if length > ORDINARY_BODY_BYTES:
            try:
                name = resolve(request.path_info).view_name
            except Resolver404:
                name = ""
            if length > body_limits().get(name, ORDINARY_BODY_BYTES):
                return self._too_large(request)
        return self.get_response(request)

    @staticmethod
    def _too_large(request: HttpRequest) -> HttpResponse:
        detail = _("The request is larger than this address takes.")
        if request.path_info.startswith("/api/"):
            return problem_response(413, str(detail))
        return render(request, "errors/413.html", status=413)
