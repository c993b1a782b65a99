from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import AuthorizationError, Throttled
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from reintegra.accounts import actions
from reintegra.accounts.models import ApiToken, User
from reintegra.core.http import ApiRequest, client_ip

# Writing last_used_at on every call would turn each read into a write; once a minute is enough.
LAST_USED_RESOLUTION = timedelta(minutes=1)
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        api_token = (
            ApiToken.objects.active()
            .select_related("user", "user__organisation")
            .filter(digest=ApiToken.digest_of(token), user__is_active=True)
            .first()
        )
        if api_token is None:
            _count_refused_token(request)
            return None
        if request.method not in READ_METHODS and not api_token.may_write:
            raise AuthorizationError(message="This token may only read.")
        now = timezone.now()
        if api_token.last_used_at is None or now - api_token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        request.api_token = api_token  # type: ignore[attr-defined]  # for revoking the token in use
        if api_token.user.organisation is not None:
            # Ended with the request by OrganisationTimeZoneMiddleware's override.
            timezone.activate(api_token.user.organisation.tzinfo)
        return api_token.user


# Guessing tokens: after this many refused tokens from one address in the window, that address
# is answered 429 until the window passes. A real client with a wrong token stops long before.
REFUSED_TOKENS_ALLOWED = 20
REFUSED_TOKENS_WINDOW = 600  # seconds


def _count_refused_token(request: HttpRequest) -> None:
    key = f"api-refused-token:{client_ip(request)}"
    cache.add(key, 0, REFUSED_TOKENS_WINDOW)
    try:
        refused = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, REFUSED_TOKENS_WINDOW)
        refused = 1
    if refused > REFUSED_TOKENS_ALLOWED:
        raise Throttled(wait=REFUSED_TOKENS_WINDOW)


class TokenRateThrottle(SimpleRateThrottle):
    """Requests per token: a stolen or runaway token cannot read the register at machine speed."""

    scope = "api_token"

    def __init__(self) -> None:
        super().__init__(settings.REINTEGRA_API_RATE)

    def allow_request(self, request: HttpRequest) -> bool:
        # Read each time, so that the setting can change without a restart (and in tests).
        self.rate = settings.REINTEGRA_API_RATE
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        token = getattr(request, "api_token", None)
        return None if token is None else self.cache_format % {"scope": self.scope, "ident": token.pk}


class OrganisationOut(Schema):
    id: int
    name: str
    code: str
    org_type: str
    country: str


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    organisation: OrganisationOut | None
    roles: list[str]


router = Router()


@router.get("/me", response=MeOut, summary="The signed-in user, their organisation and roles")
def me(request: ApiRequest) -> MeOut:
    user: User = request.auth
    organisation = user.organisation
    return MeOut(
        id=user.pk,
        username=user.username,
        full_name=user.get_full_name(),
        organisation=OrganisationOut(
            id=organisation.pk,
            name=organisation.name,
            code=organisation.code,
            org_type=organisation.org_type,
            country=str(organisation.country),
        )
        if organisation
        else None,
        roles=sorted(user.roles),
    )


@router.delete("/me/token", response={204: None}, summary="Revoke the token this request was made with")
def revoke_current_token(request: ApiRequest) -> Status:
    actions.revoke_api_token(actor=request.auth, token=request.api_token)  # type: ignore[attr-defined]
    return Status(204, None)
