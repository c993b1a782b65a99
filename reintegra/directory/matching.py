"""Which services of the directory fit one person's need, and why; which do not, and why not.

Plain functions over plain values: the page builds a `Profile` from what the worker may see of
the case, and what the worker may not see (or nobody recorded) is unknown, which never excludes a
service but is said as something to check. A service is excluded only by a fact the case records.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, fields
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from django.db.models import F
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from reintegra.access.scope import CaseScope

from reintegra.cases.vocabularies import ExploitationType, Gender, IdentificationStatus
from reintegra.core.forms import LANGUAGE_CHOICES
from reintegra.directory.models import (
    AREA_CODES,
    LegalStatusRequired,
    ServiceAtLocation,
    ServiceQuerySet,
    ServiceStatus,
)
from reintegra.plans.models import ActionStatus, Agreement, Delivery

# Points of fit, by what a worker weighs first: being understood, being near, being seen soon.
SHARED_LANGUAGE = 3
SAME_DISTRICT = 3
SAME_PROVINCE = 2
SEEN_WITHIN_A_WEEK = 2
SEEN_WITHIN_A_MONTH = 1
FOR_TRAFFICKED_PERSONS = 1
FREE = 1


@dataclass(frozen=True)
class Profile:
    """What matching knows of the person; None or empty is "not known"."""

    age: int | None = None
    is_child: bool | None = None
    gender: str = ""
    nationalities: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    exploitation_types: tuple[str, ...] = ()
    identification_status: str = ""
    district: str = ""
    province: str = ""


@dataclass
class Match:
    service: Candidate
    points: int = 0
    fits: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)  # unknowns and conditions to confirm
    url: str = ""  # the service's page, set for the matches shown

    @property
    def order(self) -> tuple[int, int, str]:
        waiting = self.service.waiting_days if self.service.waiting_days is not None else 10_000
        return (-self.points, waiting, self.service.name.casefold())


@dataclass
class Excluded:
    service: Candidate
    reasons: list[str]


def _language_names(codes: set[str]) -> str:
    names = dict(LANGUAGE_CHOICES)
    return ", ".join(sorted(str(names.get(code, code)) for code in codes))


def _labels(choices: type[Gender] | type[ExploitationType], codes: set[str]) -> str:
    return ", ".join(sorted(str(choices(code).label) for code in codes if code in choices.values))


def assess(service: Candidate, profile: Profile) -> Match | Excluded:
    """One service against one person: a match with its points and reasons, or why not."""
    reasons: list[str] = []
    match = Match(service)
    if service.status != ServiceStatus.ACTIVE:
        reasons.append(_("not taking anyone: %(status)s") % {"status": service.get_status_display()})
    if profile.is_child is True and not service.serves_children:
        reasons.append(_("serves adults only, and the person is a child"))
    if profile.is_child is False and not service.serves_adults:
        reasons.append(_("serves children only, and the person is an adult"))
    if profile.age is not None:
        if service.minimum_age is not None and profile.age < service.minimum_age:
            reasons.append(_("from age %(age)d only") % {"age": service.minimum_age})
        if service.maximum_age is not None and profile.age > service.maximum_age:
            reasons.append(_("up to age %(age)d only") % {"age": service.maximum_age})
    elif service.minimum_age is not None or service.maximum_age is not None:
        match.checks.append(_("has an age limit, and the person's age is not known"))
    if service.genders:
        if profile.gender and profile.gender not in service.genders:
            reasons.append(_("serves %(genders)s only") % {"genders": _labels(Gender, set(service.genders))})
        elif not profile.gender:
            match.checks.append(_("serves some genders only, and the person's is not recorded"))
    if service.nationalities:
        if profile.nationalities and not set(profile.nationalities) & set(service.nationalities):
            reasons.append(_("serves other nationalities only"))
        elif not profile.nationalities:
            match.checks.append(_("serves some nationalities only, and the person's is not recorded"))
    if service.exploitation_types:
        if profile.exploitation_types and not set(profile.exploitation_types) & set(service.exploitation_types):
            reasons.append(
                _("serves people exploited by %(forms)s only")
                % {"forms": _labels(ExploitationType, set(service.exploitation_types))}
            )
        elif not profile.exploitation_types:
            match.checks.append(_("serves some forms of exploitation only, and the case records none"))
    if service.legal_status == LegalStatusRequired.FORMALLY_IDENTIFIED:
        if profile.identification_status and profile.identification_status != IdentificationStatus.FORMAL:
            reasons.append(_("asks for formal identification as a trafficked person"))
        elif not profile.identification_status:
            match.checks.append(_("asks for formal identification"))
    elif service.legal_status == LegalStatusRequired.LEGAL_RESIDENCE:
        match.checks.append(_("asks for legal residence in the country: check the person's status"))
    if reasons:
        return Excluded(service, reasons)

    shared = set(profile.languages) & set(service.languages)
    if shared:
        match.points += SHARED_LANGUAGE
        match.fits.append(_("speaks %(languages)s") % {"languages": _language_names(shared)})
    elif profile.languages and service.languages:
        match.checks.append(_("lists no language the person speaks: an interpreter may be needed"))
    district, province = profile.district.casefold(), profile.province.casefold()
    if district and any(place.district.casefold() == district for place in service.places):
        match.points += SAME_DISTRICT
        match.fits.append(_("in the same district"))
    elif province and any(place.province.casefold() == province for place in service.places):
        match.points += SAME_PROVINCE
        match.fits.append(_("in the same province"))
    if service.waiting_days is not None:
        if service.waiting_days <= 7:
            match.points += SEEN_WITHIN_A_WEEK
        elif service.waiting_days <= 30:
            match.points += SEEN_WITHIN_A_MONTH
        match.fits.append(_("usual wait %(days)d days") % {"days": service.waiting_days})
    if service.trafficking_specific:
        match.points += FOR_TRAFFICKED_PERSONS
        match.fits.append(_("works with trafficked persons"))
    if service.free_of_charge:
        match.points += FREE
        match.fits.append(_("free of charge"))
    return match


class Place(NamedTuple):
    district: str
    province: str


@dataclass(frozen=True)
class Candidate:
    """A service as matching weighs it: plain values, its provider's and the places it works."""

    pk: int
    name: str
    status: str
    trafficking_specific: bool
    serves_children: bool
    serves_adults: bool
    minimum_age: int | None
    maximum_age: int | None
    genders: list[str]
    nationalities: list[str]
    legal_status: str
    exploitation_types: list[str]
    languages: list[str]
    free_of_charge: bool
    waiting_days: int | None
    provider_name: str
    provider_member_id: int | None
    provider_partner_id: int | None
    places: tuple[Place, ...]

    def get_status_display(self) -> str:
        return str(ServiceStatus(self.status).label)


# The service's own columns among the candidate's fields: all that is read of it.
CANDIDATE_FIELDS = tuple(
    item.name for item in fields(Candidate) if item.name != "places" and not item.name.startswith("provider_")
)


def candidates_for(services: ServiceQuerySet, areas: Collection[str]) -> dict[str, list[Candidate]]:
    """The services among `services` (the directory a user reads) in these areas, save the
    defunct, by area, as plain values. As records, with their areas and places prefetched, they
    were a third of the matching page (at 400 services, 120 in an area: 500 records a request)."""
    # A row for each service and asked area it covers (a service in two asked areas comes twice).
    rows = list(
        services.exclude(status=ServiceStatus.DEFUNCT)
        .filter(areas__area__in=areas)
        .order_by()
        .values(
            *CANDIDATE_FIELDS,
            matched_area=F("areas__area"),
            provider_name=F("provider__name"),
            provider_member_id=F("provider__member_id"),
            provider_partner_id=F("provider__partner_id"),
        )
    )
    if not rows:
        return {}
    places: dict[int, list[Place]] = {}
    located = ServiceAtLocation.objects.filter(service_id__in={row["pk"] for row in rows}).values_list(
        "service_id", "location__district", "location__province"
    )
    for service_id, district, province in located:
        places.setdefault(service_id, []).append(Place(district, province))
    by_area: dict[str, list[Candidate]] = {}
    for row in rows:
        area = row.pop("matched_area")
        by_area.setdefault(area, []).append(Candidate(**row, places=tuple(places.get(row["pk"], ()))))
    return by_area


def matches_for(services: list[Candidate], profile: Profile) -> tuple[list[Match], list[Excluded]]:
    """The services that fit, best first, and those excluded, each with its reasons."""
    fitting: list[Match] = []
    excluded: list[Excluded] = []
    for service in services:
        result = assess(service, profile)
        (fitting if isinstance(result, Match) else excluded).append(result)  # type: ignore[arg-type]
    fitting.sort(key=lambda match: match.order)
    excluded.sort(key=lambda item: item.service.name.casefold())
    return fitting, excluded


def profile_of(
    *,
    person: object | None,
    case: object | None,
    today: date,
    district: str = "",
    province: str = "",
) -> Profile:
    """A Profile from a person and a case the caller may read (None where it may not)."""
    age = is_child = None
    gender, nationalities, languages = "", (), ()
    if person is not None:
        age = person.age_on(today)  # type: ignore[attr-defined]
        is_child = person.is_child_on(today) if (age is not None or person.age_band) else None  # type: ignore[attr-defined]
        gender = person.gender if person.gender in Gender.values else ""  # type: ignore[attr-defined]
        if gender == Gender.UNKNOWN:
            gender = ""
        nationalities = tuple(person.nationalities or ())  # type: ignore[attr-defined]
        languages = tuple(person.languages or ())  # type: ignore[attr-defined]
    exploitation: tuple[str, ...] = ()
    identification = ""
    if case is not None:
        exploitation = tuple(case.exploitation_types or ())  # type: ignore[attr-defined]
        identification = case.identification_status  # type: ignore[attr-defined]
    return Profile(
        age=age,
        is_child=is_child,
        gender=gender,
        nationalities=nationalities,
        languages=languages,
        exploitation_types=exploitation,
        identification_status=identification,
        district=district,
        province=province,
    )


@dataclass(frozen=True)
class Need:
    area: str
    why: str  # what in the case shows the need


def needs_of(scope: CaseScope) -> list[Need]:
    """The needs of a case that call for a service, in the areas this user may see: plan actions
    to be delivered by referral, and the latest assessment's warnings in areas the plan has no
    open action for. One need an area, the plan's reason first."""
    open_actions = list(
        scope.actions()
        .filter(status__in=(ActionStatus.PLANNED, ActionStatus.IN_PROGRESS))
        .exclude(agreement=Agreement.DECLINED)
        .only("area", "delivery", "description")
    )
    needs: dict[str, Need] = {}
    for action in open_actions:
        if action.delivery == Delivery.REFERRAL and action.area not in needs:
            needs[action.area] = Need(action.area, _("the plan refers: %(what)s") % {"what": action.description})
    covered = {action.area for action in open_actions}
    latest = scope.assessments().order_by("-version").first()
    if latest is not None:
        for area in sorted(set(scope.observations(latest).filter(warning=True).values_list("area", flat=True))):
            if area not in covered and area not in needs:
                needs[area] = Need(area, _("the latest assessment found a need the plan does not cover yet"))
    order = {code: index for index, code in enumerate(AREA_CODES)}
    return sorted(needs.values(), key=lambda need: order.get(need.area, 99))
