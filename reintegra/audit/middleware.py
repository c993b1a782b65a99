from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from reintegra.audit.context import Origin, origin
from reintegra.core.http import client_ip


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        channel = "api" if request.path_info.startswith("/api/") else "web"
        with origin(Origin(channel=channel, ip=client_ip(request))):
            return self.get_response(request)
