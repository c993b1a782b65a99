"""A person's legal status through the same access layer as the page (the legal section, the
case's team only; 404 without it), and the countries' rules the dates are counted from."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries
from ninja import Field, Query, Router, Schema, Status

from reintegra.access.scope import CaseScope
from reintegra.cases.vocabularies import IdentificationStatus, IdentifyingAuthorityType
from reintegra.core.http import ApiRequest, created
from reintegra.core.paging import PageOut, PageQuery, page_of
from reintegra.core.schemas import InputSchema
from reintegra.legal import access, actions
from reintegra.legal.deadlines import dates_ahead
from reintegra.legal.models import (
    CountryRules,
    DeadlineKind,
    Decision,
    EventKind,
    PersonRole,
    ProceedingKind,
    ReturnType,
    StayKind,
    StepKind,
)

router = Router()


class StayRuleOut(Schema):
    kind: StayKind
    name: str
    duration_days: int | None
    duration_months: int | None
    renewable: bool
    conditions: str
    rights: str


class CountryRulesOut(Schema):
    country: str = Field(..., description="ISO 3166-1 alpha-2")
    mechanism: str
    first_decision_working_days: int | None
    reflection_starts_with_first_decision: bool
    reflection_lasts_until_final_decision: bool
    source: str
    stays: list[StayRuleOut]


class StepOut(Schema):
    id: int
    country: str
    kind: StepKind
    on: date
    decision: Decision | None
    stay: StayKind | None
    valid_until: date | None
    note: str


class DeadlineOut(Schema):
    kind: DeadlineKind
    due_on: date
    days_left: int = Field(..., description="Negative once the date has passed")
    basis: str
    caution: str
    step_id: int


class IdentificationOut(Schema):
    id: int
    status: IdentificationStatus
    identified_on: date | None
    authority: str
    authority_type: IdentifyingAuthorityType | None
    country: str | None
    return_type: ReturnType | None
    note: str


class EventOut(Schema):
    id: int
    kind: EventKind
    on: date
    amount: Decimal | None
    agreed: bool | None
    note: str


class ProceedingOut(Schema):
    id: int
    kind: ProceedingKind
    role: PersonRole
    authority: str
    reference: str
    lawyer: str
    opened_on: date
    currency: str
    interviews: int
    events: list[EventOut]


class LegalStatusOut(Schema):
    steps: list[StepOut]
    deadlines: list[DeadlineOut]
    identifications: list[IdentificationOut] = Field(
        ..., description="Oldest first; the last is the case's current one"
    )
    proceedings: list[ProceedingOut]


class ProceedingIn(InputSchema):
    kind: ProceedingKind
    role: PersonRole
    opened_on: date
    currency: str = Field(..., pattern=r"^[A-Za-z]{3}$")
    authority: str = Field("", max_length=200)
    reference: str = Field("", max_length=100)
    lawyer: str = Field("", max_length=200)


class EventIn(InputSchema):
    kind: EventKind
    on: date
    amount: Decimal | None = Field(None, ge=0, max_digits=18, decimal_places=2)
    agreed: bool | None = None
    note: str = Field("", max_length=2000)


class IdentificationIn(InputSchema):
    status: IdentificationStatus
    identified_on: date | None = None
    authority: str = Field("", max_length=200)
    authority_type: IdentifyingAuthorityType | None = None
    country: str | None = Field(None, min_length=2, max_length=2, description="ISO 3166-1 alpha-2")
    return_type: ReturnType | None = None
    note: str = Field("", max_length=2000)


class StepIn(InputSchema):
    country: str = Field(..., min_length=2, max_length=2, description="ISO 3166-1 alpha-2, of a country with rules")
    kind: StepKind
    on: date
    decision: Decision | None = None
    stay: StayKind | None = Field(None, description="For a permit applied for, granted or refused")
    valid_until: date | None = None
    note: str = Field("", max_length=2000)


def _rules_out(rules: CountryRules) -> CountryRulesOut:
    return CountryRulesOut(
        country=str(rules.country.code),
        mechanism=rules.mechanism,
        first_decision_working_days=rules.first_decision_working_days,
        reflection_starts_with_first_decision=rules.reflection_starts_with_first_decision,
        reflection_lasts_until_final_decision=rules.reflection_lasts_until_final_decision,
        source=rules.source,
        stays=[
            StayRuleOut(
                kind=StayKind(stay.kind),
                name=stay.name,
                duration_days=stay.duration_days,
                duration_months=stay.duration_months,
                renewable=stay.renewable,
                conditions=stay.conditions,
                rights=stay.rights,
            )
            for stay in rules.stays_in_order()
        ],
    )


def _status_out(scope: CaseScope) -> LegalStatusOut:
    steps = list(scope.status_steps())
    today = timezone.localdate()
    proceedings = list(scope.proceedings())
    events = [event for proceeding in proceedings for event in proceeding.events.all()]
    return LegalStatusOut(
        proceedings=[
            ProceedingOut(
                id=proceeding.pk,
                kind=ProceedingKind(proceeding.kind),
                role=PersonRole(proceeding.role),
                authority=proceeding.authority,
                reference=proceeding.reference,
                lawyer=proceeding.lawyer,
                opened_on=proceeding.opened_on,
                currency=proceeding.currency,
                interviews=sum(1 for event in proceeding.events.all() if event.kind == EventKind.INTERVIEW),
                events=[
                    EventOut(
                        id=event.pk,
                        kind=EventKind(event.kind),
                        on=event.on,
                        amount=event.amount,
                        agreed=event.agreed,
                        note=event.note,
                    )
                    for event in proceeding.events.all()
                ],
            )
            for proceeding in proceedings
        ],
        identifications=[
            IdentificationOut(
                id=entry.pk,
                status=IdentificationStatus(entry.status),
                identified_on=entry.identified_on,
                authority=entry.authority,
                authority_type=IdentifyingAuthorityType(entry.authority_type) if entry.authority_type else None,
                country=str(entry.country.code) if entry.country else None,
                return_type=ReturnType(entry.return_type) if entry.return_type else None,
                note=entry.note,
            )
            for entry in scope.identifications()
        ],
        steps=[
            StepOut(
                id=step.pk,
                country=str(step.country.country.code),
                kind=StepKind(step.kind),
                on=step.on,
                decision=Decision(step.decision) if step.decision else None,
                stay=StayKind(step.stay.kind) if step.stay else None,
                valid_until=step.valid_until,
                note=step.note,
            )
            for step in steps
        ],
        deadlines=[
            DeadlineOut(
                kind=deadline.kind,
                due_on=deadline.due_on,
                days_left=deadline.days_left(today),
                basis=deadline.basis,
                caution=deadline.caution,
                step_id=deadline.step.pk,
            )
            for deadline in dates_ahead(steps, events, today=today)
        ],
    )


@router.get(
    "/legal/countries",
    response=PageOut[CountryRulesOut],
    summary="The countries' rules dates are counted from, a page at a time",
)
def list_country_rules(request: ApiRequest, paging: Query[PageQuery]) -> dict:
    # Configuration from public law, not case data: any signed-in user may read it.
    rows, page = page_of(CountryRules.objects.prefetch_related("stay_rules"), paging)
    return {**page, "items": [_rules_out(rules) for rules in rows]}


@router.get(
    "/cases/{id:case_id}/legal-status",
    url_name="legal_status",
    response=LegalStatusOut,
    summary="The steps of the person's legal stay, and the dates ahead computed from them",
)
def get_legal_status(request: ApiRequest, case_id: int) -> LegalStatusOut:
    return _status_out(access.legal_scope(request.auth, case_id))


@router.post(
    "/cases/{id:case_id}/legal-status/steps",
    response={201: LegalStatusOut},
    summary="Record a step of the person's legal stay (dated when it happened)",
)
def record_step(request: ApiRequest, case_id: int, payload: StepIn, response: HttpResponse) -> Status:
    scope = access.legal_scope(request.auth, case_id, write=True)
    rules = CountryRules.objects.prefetch_related("stay_rules").filter(country=payload.country.upper()).first()
    if rules is None:
        raise ValidationError({"country": _("No rules are recorded for this country.")})
    stay = None
    if payload.stay is not None:
        stay = next((item for item in rules.stay_rules.all() if item.kind == payload.stay), None)
        if stay is None:
            raise ValidationError({"stay": _("%(country)s has no such permit in its rules.") % {"country": rules}})
    actions.record_step(
        actor=request.auth,
        case=scope.case,
        country=rules,
        kind=payload.kind,
        on=payload.on,
        decision=payload.decision or "",
        stay=stay,
        valid_until=payload.valid_until,
        note=payload.note,
    )
    return created(response, _status_out(scope), "legal_status", case_id=case_id)


@router.post(
    "/cases/{id:case_id}/legal-status/identifications",
    response={201: LegalStatusOut},
    summary="Add to the history of the person's identification; the case takes it as its current one",
)
def record_identification(
    request: ApiRequest, case_id: int, payload: IdentificationIn, response: HttpResponse
) -> Status:
    scope = access.legal_scope(request.auth, case_id, write=True)
    country = (payload.country or "").upper()
    if country and country not in countries:
        raise ValidationError({"country": _("Not a country code we know.")})
    actions.record_identification(
        actor=request.auth,
        case=scope.case,
        status=payload.status,
        identified_on=payload.identified_on,
        authority=payload.authority,
        authority_type=payload.authority_type or "",
        country=country,
        return_type=payload.return_type or "",
        note=payload.note,
    )
    return created(response, _status_out(scope), "legal_status", case_id=case_id)


@router.post(
    "/cases/{id:case_id}/legal-status/proceedings",
    response={201: LegalStatusOut},
    summary="Record a legal proceeding the person takes part in",
)
def open_proceeding(request: ApiRequest, case_id: int, payload: ProceedingIn, response: HttpResponse) -> Status:
    scope = access.legal_scope(request.auth, case_id, write=True)
    actions.open_proceeding(actor=request.auth, case=scope.case, **payload.model_dump())
    return created(response, _status_out(scope), "legal_status", case_id=case_id)


@router.post(
    "/cases/{id:case_id}/legal-status/proceedings/{id:proceeding_id}/events",
    response={201: LegalStatusOut},
    summary="Add to a proceeding's history: a hearing set, an interview, the person's decision, compensation",
)
def record_event(
    request: ApiRequest, case_id: int, proceeding_id: int, payload: EventIn, response: HttpResponse
) -> Status:
    scope = access.legal_scope(request.auth, case_id, write=True)
    actions.record_event(actor=request.auth, proceeding=scope.proceeding(proceeding_id), **payload.model_dump())
    return created(response, _status_out(scope), "legal_status", case_id=case_id)
