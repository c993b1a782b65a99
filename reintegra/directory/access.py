"""Who reads and who changes the service directory. It describes organisations, not persons, so
every member of the network reads it; but it holds the districts of shelters and the contacts of
staff, so only signed-in members with a role do, and only network coordinators change it. A
page or record someone may not reach answers 404, as everywhere."""

from __future__ import annotations

from django.db.models import Count
from django.http import Http404

from reintegra.accounts.models import Role, User
from reintegra.directory.models import Location, Provider, Service, ServiceQuerySet, UnmetNeed


def can_read_directory(user: User) -> bool:
    return user.is_active and user.organisation_id is not None and bool(user.roles)


def can_edit_directory(user: User) -> bool:
    return can_read_directory(user) and user.has_role(Role.COORDINATOR)


def _require(allowed: bool) -> None:
    if not allowed:
        raise Http404


def services_visible_to(user: User) -> ServiceQuerySet:
    _require(can_read_directory(user))
    return Service.objects.all()


def get_service_for_user(user: User, service_id: int, *, write: bool = False) -> Service:
    _require(can_edit_directory(user) if write else can_read_directory(user))
    try:
        return Service.objects.select_related("provider").get(pk=service_id)
    except Service.DoesNotExist:
        raise Http404 from None


def providers_visible_to(user: User, *, write: bool = False):  # type: ignore[no-untyped-def]
    _require(can_edit_directory(user) if write else can_read_directory(user))
    return Provider.objects.all()


def get_provider_for_user(user: User, provider_id: int, *, write: bool = False) -> Provider:
    try:
        return providers_visible_to(user, write=write).get(pk=provider_id)
    except Provider.DoesNotExist:
        raise Http404 from None


def get_location_for_user(user: User, provider: Provider, location_id: int) -> Location:
    """A provider's place, to change it: coordinators only, as for every change."""
    _require(can_edit_directory(user))
    try:
        return provider.locations.get(pk=location_id)
    except Location.DoesNotExist:
        raise Http404 from None


# Below this many, a count is shown as "fewer than" it: a coordinator must not be able to tell
# that one person in a small district asked for an abortion or a lawyer.
SMALLEST_COUNT_SHOWN = 5


def unmet_need_counts(user: User) -> list[dict[str, object]]:
    """The network's gaps for its coordinator: unmet needs by service area and reason, counted
    over every organisation, with no case, person or organisation named, and small counts
    suppressed. Nobody else sees them here."""
    _require(can_edit_directory(user))
    rows = UnmetNeed.objects.order_by().values("area", "reason").annotate(count=Count("pk"))
    return [
        {**row, "shown": row["count"] if row["count"] >= SMALLEST_COUNT_SHOWN else None}
        for row in sorted(rows, key=lambda row: (row["area"], row["reason"]))
    ]
