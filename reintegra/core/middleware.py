"""Responses that must not outlive the request in any cache, and a limit for visitors who are
not signed in."""

import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control

from reintegra.core.http import client_ip

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
