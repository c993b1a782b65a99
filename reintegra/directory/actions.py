"""Directory workflows: each runs in one transaction with its audit record. Only network
coordinators change the directory (access.can_edit_directory); the views and the API check that
before they call these."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.cases.models import Case
from reintegra.directory.models import Location, Provider, Service, ServiceArea, UnmetNeed

PROVIDER_FIELDS = ("name", "country", "description", "website", "email", "phone", "partner")
LOCATION_FIELDS = ("name", "confidential", "address", "city", "district", "province", "postal_code", "country")
SERVICE_FIELDS = (
    "name",
    "description",
    "status",
    "trafficking_specific",
    "serves_children",
    "serves_adults",
    "minimum_age",
    "maximum_age",
    "genders",
    "nationalities",
    "legal_status",
    "exploitation_types",
    "eligibility_notes",
    "languages",
    "free_of_charge",
    "fees",
    "capacity",
    "waiting_days",
    "hours",
    "contact_name",
    "phone",
    "email",
)


def _assign(record: Any, fields: tuple[str, ...], values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    changes = {}
    for name in fields:
        if name not in values:
            continue
        old, new = getattr(record, name), values[name]
        if old != new:
            changes[name] = (old if record.pk else None, new)
            setattr(record, name, new)
    return changes


def _blank_to_none(values: dict[str, Any], *names: str) -> None:
    for name in names:
        if values.get(name) == "":
            values[name] = None


def save_provider(*, actor: User, provider: Provider | None, values: dict[str, Any]) -> Provider:
    provider = provider or Provider()
    with transaction.atomic():
        changes = _assign(provider, PROVIDER_FIELDS, values)
        if provider.member_id is not None and provider.partner_id is not None:
            raise ValidationError(
                {"partner": _("This provider uses this installation: it cannot be a partner installation's too.")}
            )
        provider.full_clean()
        provider.save()
        log.log_change(
            actor=actor,
            case=None,
            action=AuditAction.SAVE_PROVIDER,
            changes={"provider": (None, provider.pk), **changes},
        )
    return provider


def save_location(*, actor: User, provider: Provider, location: Location | None, values: dict[str, Any]) -> Location:
    location = location or Location(provider=provider)
    if location.provider_id != provider.pk:
        raise ValidationError(_("This place belongs to another provider."))
    with transaction.atomic():
        changes = _assign(location, LOCATION_FIELDS, values)
        location.full_clean()
        location.save()
        log.log_change(
            actor=actor,
            case=None,
            action=AuditAction.SAVE_LOCATION,
            changes={"location": (None, location.pk), **changes},
        )
    return location


def save_service(
    *,
    actor: User,
    provider: Provider,
    service: Service | None,
    values: dict[str, Any],
    areas: list[str],
    locations: list[Location],
) -> Service:
    """Create or change a service with the areas it covers and where it is offered."""
    if not areas:
        raise ValidationError({"areas": _("Tick at least one service area.")})
    low, high = values.get("minimum_age"), values.get("maximum_age")
    if isinstance(low, int) and isinstance(high, int) and high < low:
        raise ValidationError({"maximum_age": _("The oldest age served is below the youngest.")})
    if not values.get("serves_children", True) and not values.get("serves_adults", True):
        raise ValidationError({"serves_adults": _("A service serves children, adults or both: tick one.")})
    if any(location.provider_id != provider.pk for location in locations):
        raise ValidationError({"locations": _("Pick places of this provider only.")})
    values = dict(values)
    _blank_to_none(values, "minimum_age", "maximum_age", "capacity", "waiting_days")
    service = service or Service(provider=provider)
    if service.provider_id != provider.pk:
        raise ValidationError(_("This service belongs to another provider."))
    with transaction.atomic():
        old_areas = sorted(service.areas.values_list("area", flat=True)) if service.pk else []
        old_locations = sorted(service.locations.values_list("pk", flat=True)) if service.pk else []
        changes = _assign(service, SERVICE_FIELDS, values)
        service.full_clean()
        service.save()
        new_areas = sorted(set(areas))
        if old_areas != new_areas:
            service.areas.all().delete()
            ServiceArea.objects.bulk_create(ServiceArea(service=service, area=area) for area in new_areas)
            changes["areas"] = (old_areas, new_areas)
        new_locations = sorted({location.pk for location in locations})
        if old_locations != new_locations:
            service.locations.set(locations)
            changes["locations"] = (old_locations, new_locations)
        log.log_change(
            actor=actor, case=None, action=AuditAction.SAVE_SERVICE, changes={"service": (None, service.pk), **changes}
        )
    return service


def record_unmet_need(
    *, actor: User, case: Case, area: str, asked_for: str, reason: str, answer_given: str = ""
) -> UnmetNeed:
    """Record a need no service meets (R8). The case and its area come from the case scope."""
    if not asked_for.strip():
        raise ValidationError({"asked_for": _("Say in a few words what the person needs.")})
    with transaction.atomic():
        need = UnmetNeed.objects.create(
            case=case,
            area=area,
            asked_for=asked_for.strip(),
            reason=reason,
            answer_given=answer_given.strip(),
            recorded_on=timezone.localdate(),
            recorded_by=actor,
        )
        log.log_change(
            actor=actor,
            case=case,
            action=AuditAction.RECORD_UNMET_NEED,
            changes={"unmet_need": (None, need.pk), "area": (None, area), "reason": (None, reason)},
        )
    return need
