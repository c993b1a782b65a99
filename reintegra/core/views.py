"""Error pages. They render no traceback and nothing about the request."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)


@login_required
def help_page(request: HttpRequest) -> HttpResponse:
    return render(request, "core/help.html")


def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and the benchmarks' framework ceiling: touches no database and no
    session, and says nothing but that the process answers."""
    return HttpResponse("ok", content_type="text/plain")
