"""Referrals in the JSON API, through the same access rules and workflows as the pages: the
server refuses to send a referral without the person's consent to its sharing, whoever asks."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from reintegra.core.forms import LANGUAGE_CODES
from reintegra.core.http import ApiRequest, created
from reintegra.core.paging import PageOut, PageQuery, page_of
from reintegra.core.schemas import InputSchema
from reintegra.directory import access as directory_access
from reintegra.directory.models import AREA_CODES
from reintegra.referrals import access, actions
from reintegra.referrals.models import Referral, ReferralReason, ReferralStatus

router = Router()


class ReferralOut(Schema):
    id: int
    case_number: str
    service_id: int
    service: str
    provider: str
    area: str
    status: ReferralStatus
    reason: str | None = Field(None, description="Absent for the receiver once the referral has ended.")
    reason_kind: ReferralReason
    shared_sections: list[str]
    consent_given: bool
    sent_without_consent: bool
    refusal_reason: str
    outcome: str
    feedback: str
    proposed_at: datetime
    sent_at: datetime | None
    answered_at: datetime | None
    ended_at: datetime | None
    side: str


class ReferralIn(InputSchema):
    service_id: int = Field(..., ge=1, le=2**62)
    area: str = Field(..., pattern="^(" + "|".join(AREA_CODES) + ")$")
    reason: str = Field(..., min_length=1, max_length=2000)
    reason_kind: ReferralReason = ReferralReason.MORE_SERVICES
    sections: list[str] = Field(default_factory=list, max_length=10)
    action_id: int | None = Field(None, ge=1, le=2**62)
    family_member_id: int | None = Field(None, ge=1, le=2**62, description="For a family member of the person.")


class SharingConsentIn(InputSchema):
    status: str = Field(..., pattern="^(given|declined)$")
    decided_on: date
    information_given: str = Field(..., min_length=1, max_length=2000)
    language: str = Field(..., max_length=8)
    given_by: str = Field("self", pattern="^(self|parent|guardian|court)$")
    understood: bool = False
    review_on: date | None = None


class SendIn(InputSchema):
    override_justification: str = Field("", max_length=2000)


class MoveIn(InputSchema):
    to_status: ReferralStatus
    note: str = Field("", max_length=2000)
    outcome: str = Field("", max_length=2000)
    feedback: str = Field("", max_length=2000)


def _out(referral: Referral, side: str) -> ReferralOut:
    hidden = side == actions.RECEIVER and referral.is_ended
    return ReferralOut(
        id=referral.pk,
        case_number=referral.case.number,
        service_id=referral.service_id,
        service=referral.service.name,
        provider=referral.service.provider.name,
        area=referral.area,
        status=ReferralStatus(referral.status),
        reason=None if hidden else referral.reason,
        reason_kind=ReferralReason(referral.reason_kind),
        shared_sections=list(referral.shared_sections),
        consent_given=referral.consent_id is not None,
        sent_without_consent=referral.override_by_id is not None,
        refusal_reason=referral.refusal_reason,
        outcome=referral.outcome,
        feedback=referral.feedback,
        proposed_at=referral.proposed_at,
        sent_at=referral.sent_at,
        answered_at=referral.answered_at,
        ended_at=referral.ended_at,
        side=side,
    )


def _answer(response: HttpResponse, referral: Referral, side: str) -> Status:
    """A step taken: the referral as it now stands, where it is read."""
    return created(response, _out(referral, side), "referral", referral_id=referral.pk)


@router.get("/referrals/received", response=PageOut[ReferralOut], summary="Referrals sent to my organisation")
def received(request: ApiRequest, paging: Query[PageQuery]) -> dict:
    rows, page = page_of(
        access.referrals_received_by(request.auth)
        .select_related("case", "service__provider")
        .order_by("-sent_at", "-pk"),
        paging,
    )
    return {**page, "items": [_out(referral, actions.RECEIVER) for referral in rows]}


@router.get("/cases/{id:case_id}/referrals", response=PageOut[ReferralOut], summary="A case's referrals")
def case_referrals(request: ApiRequest, case_id: int, paging: Query[PageQuery]) -> dict:
    scope = access.referrals_scope(request.auth, case_id)
    rows, page = page_of(scope.referrals().select_related("service__provider"), paging)
    for referral in rows:
        referral.case = scope.case
    return {**page, "items": [_out(referral, actions.SENDER) for referral in rows]}


@router.get("/referrals/{id:referral_id}", url_name="referral", response=ReferralOut, summary="One referral")
def get_referral(request: ApiRequest, referral_id: int) -> ReferralOut:
    referral, side = access.get_referral_for_user(request.auth, referral_id)
    return _out(referral, side)


@router.post("/cases/{id:case_id}/referrals", response={201: ReferralOut}, summary="Prepare a referral")
def propose(request: ApiRequest, case_id: int, payload: ReferralIn, response: HttpResponse) -> Status:
    scope = access.referrals_scope(request.auth, case_id, write=True)
    service = directory_access.get_service_for_user(request.auth, payload.service_id)
    referral = actions.propose_referral(
        actor=request.auth,
        case=scope.case,
        service=service,
        area=payload.area,
        reason=payload.reason,
        reason_kind=payload.reason_kind,
        sections=payload.sections,
        action=scope.action(payload.action_id) if payload.action_id else None,
        family_member=scope.family_member(payload.family_member_id) if payload.family_member_id else None,
    )
    return created(response, _out(referral, actions.SENDER), "referral", referral_id=referral.pk)


@router.post(
    "/referrals/{id:referral_id}/consent",
    response={201: ReferralOut},
    summary="Record the person's decision on the referral's sharing",
)
def consent(request: ApiRequest, referral_id: int, payload: SharingConsentIn, response: HttpResponse) -> Status:
    referral, side = access.get_referral_for_user(request.auth, referral_id, write=True)
    if side != actions.SENDER:
        raise Http404
    if payload.language not in LANGUAGE_CODES:
        raise ValidationError({"language": _("Not a language code we know.")})
    actions.record_sharing_consent(actor=request.auth, referral=referral, **payload.model_dump())
    return _answer(response, referral, side)


@router.post(
    "/referrals/{id:referral_id}/send",
    response={201: ReferralOut},
    summary="Send a referral: refused without the person's consent to its sharing",
)
def send(request: ApiRequest, referral_id: int, payload: SendIn, response: HttpResponse) -> Status:
    referral, side = access.get_referral_for_user(request.auth, referral_id, write=True)
    actions.send_referral(actor=request.auth, side=side, referral=referral, **payload.model_dump())
    return _answer(response, referral, side)


@router.post(
    "/referrals/{id:referral_id}/moves",
    response={201: ReferralOut},
    summary="Answer, start, end or withdraw a referral",
)
def move(request: ApiRequest, referral_id: int, payload: MoveIn, response: HttpResponse) -> Status:
    referral, side = access.get_referral_for_user(request.auth, referral_id, write=True)
    actions.move_referral(actor=request.auth, side=side, referral=referral, **payload.model_dump())
    return _answer(response, referral, side)
