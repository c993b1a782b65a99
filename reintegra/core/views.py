"""Error pages. They render no traceback and nothing about the request."""

import logging
import sys

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)

# Errors that say the database is not there, rather than that a query was wrong. (SQLite's
# "database is locked" after its busy timeout is an OperationalError too: also worth a retry.)
DATABASE_UNREACHABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """Django calls this while the exception is being handled. A database that cannot be reached
    (restarting, failing over, a lost connection) is a 503 with a time to come back, not a fault
    of the request: the person may simply try again."""
    if isinstance(sys.exc_info()[1], DATABASE_UNREACHABLE):
        logger.error("the database could not be reached during a request")
        response = render(request, "errors/503.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return render(request, "errors/500.html", status=500)


@login_required
def help_page(request: HttpRequest) -> HttpResponse:
    return render(request, "core/help.html")


def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and the benchmarks' framework ceiling: touches no database and no
    session, and says nothing but that the process answers."""
    return HttpResponse("ok", content_type="text/plain")


def health_database(request: HttpRequest) -> HttpResponse:
    """For the proxy and the monitor: 200 when the database answers, 503 when it does not, so a
    failed database takes this process out of rotation instead of showing users errors."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.error("health check: the database does not answer")
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
