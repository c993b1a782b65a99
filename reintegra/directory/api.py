"""The service directory in the JSON API, through the same access rules as its pages: every
member of the network reads it; a confidential place gives its district and province only (the
database keeps no street for it)."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from django.db.models import Q
from ninja import Field, Query, Router, Schema

from reintegra.core.http import ApiRequest
from reintegra.core.paging import PageOut, PageQuery, page_of
from reintegra.directory import access, hsds
from reintegra.directory.models import AREA_CODES, LegalStatusRequired, Service, ServiceStatus

router = Router()


class LocationOut(Schema):
    id: UUID = Field(..., alias="hsds_id")
    name: str
    confidential: bool
    address: str
    city: str
    district: str
    province: str
    country: str


class ServiceOut(Schema):
    id: int
    hsds_id: UUID
    name: str
    description: str
    provider: str
    provider_id: int
    status: ServiceStatus
    areas: list[str]
    trafficking_specific: bool
    serves_children: bool
    serves_adults: bool
    minimum_age: int | None
    maximum_age: int | None
    genders: list[str]
    nationalities: list[str]
    legal_status: LegalStatusRequired
    exploitation_types: list[str]
    eligibility_notes: str
    languages: list[str]
    free_of_charge: bool
    fees: str
    capacity: int | None
    waiting_days: int | None
    hours: str
    contact_name: str
    phone: str
    email: str
    locations: list[LocationOut]


class ServiceFilter(Schema):
    area: str | None = Field(None, pattern="^(" + "|".join(AREA_CODES) + ")$")
    place: str | None = Field(None, max_length=100)
    text: str | None = Field(None, max_length=100)
    include_closed: bool = False


def _out(service: Service) -> dict[str, Any]:
    return {
        **{name: getattr(service, name) for name in ServiceOut.model_fields if hasattr(service, name)},
        "provider": service.provider.name,
        "provider_id": service.provider_id,
        "areas": [row.area for row in service.areas.all()],
        "locations": [
            {
                "hsds_id": place.hsds_id,
                **{
                    name: getattr(place, name)
                    for name in ("name", "confidential", "address", "city", "district", "province")
                },
                "country": str(place.country),
            }
            for place in service.locations.all()
        ],
    }


@router.get(
    "/services",
    response=PageOut[ServiceOut],
    summary="Services of the directory, open ones unless asked, narrowed by area, place and words",
)
def list_services(request: ApiRequest, filters: Query[ServiceFilter], paging: Query[PageQuery]) -> dict:
    found = access.services_visible_to(request.auth)
    if filters.area:
        found = found.covering(filters.area)
    if filters.place:
        found = found.filter(
            Q(locations__district__icontains=filters.place)
            | Q(locations__province__icontains=filters.place)
            | Q(locations__city__icontains=filters.place)
        )
    if filters.text:
        found = found.filter(
            Q(name__icontains=filters.text)
            | Q(description__icontains=filters.text)
            | Q(provider__name__icontains=filters.text)
        )
    if not filters.include_closed:
        found = found.open()
    rows, page = page_of(found.distinct().for_listing(), paging)
    return {**page, "items": [_out(service) for service in rows]}


@router.get("/services/{id:service_id}", url_name="directory_service", response=ServiceOut, summary="One service")
def get_service(request: ApiRequest, service_id: int) -> dict[str, Any]:
    service = access.get_service_for_user(request.auth, service_id)
    return _out(service)


@router.get(
    "/hsds",
    response=dict[str, Any],
    summary="The whole directory in Open Referral HSDS 3.0 JSON: services with what belongs to them nested",
)
def export_hsds(request: ApiRequest) -> dict[str, Any]:
    access.services_visible_to(request.auth)
    document: dict[str, Any] = json.loads(hsds.export_json())
    return document
