from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from reintegra.audit.context import Origin, origin


def client_ip(request: HttpRequest) -> str | None:
    proxies = settings.REINTEGRA_TRUSTED_PROXIES
    if proxies:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        channel = "api" if request.path_info.startswith("/api/") else "web"
        with origin(Origin(channel=channel, ip=client_ip(request))):
            return self.get_response(request)
