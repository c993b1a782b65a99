"""Referrals between installations in the JSON API (tag `referrals`): the sender fetches a sent
referral's package, either side imports a package, and the receiver answers an incoming referral
and fetches its answer package. Same access rules and workflows as the pages."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.http import Http404, HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from reintegra.access.scope import case_scope
from reintegra.audit.models import AuditAction
from reintegra.core.http import ApiRequest, created
from reintegra.core.paging import PageOut, PageQuery, page_of
from reintegra.core.schemas import InputSchema
from reintegra.exchange import access, actions
from reintegra.exchange.models import IncomingReferral, IncomingStatus
from reintegra.referrals import access as referral_access
from reintegra.referrals.actions import SENDER

router = Router()


class PackageBody(Schema):
    format: str = Field(..., max_length=40)
    version: int
    to: str = Field(..., max_length=80)
    sealed: str = Field(..., max_length=700_000)


class ImportedOut(Schema):
    kind: str
    incoming_id: int | None = None
    referral_id: int | None = None


class IncomingOut(Schema):
    id: int
    partner: str
    partner_country: str
    their_referral_id: int
    area: str
    service: str
    reason: str
    shared: dict[str, Any]
    sent_at: datetime
    status: IncomingStatus
    refusal_reason: str
    outcome: str
    feedback: str
    answered_at: datetime | None


class AnswerIn(InputSchema):
    accept: bool
    reason: str = Field("", max_length=2000)


class IncomingMoveIn(InputSchema):
    to_status: IncomingStatus
    note: str = Field("", max_length=2000)
    outcome: str = Field("", max_length=2000)
    feedback: str = Field("", max_length=2000)


def _incoming_out(incoming: IncomingReferral) -> IncomingOut:
    return IncomingOut(
        id=incoming.pk,
        partner=incoming.partner.name,
        partner_country=str(incoming.partner.country),
        their_referral_id=incoming.remote_referral_id,
        area=incoming.area,
        service=incoming.service_name,
        reason=incoming.reason,
        shared=incoming.content,
        sent_at=incoming.sent_at,
        status=IncomingStatus(incoming.status),
        refusal_reason=incoming.refusal_reason,
        outcome=incoming.outcome,
        feedback=incoming.feedback,
        answered_at=incoming.answered_at,
    )


def _package(data: bytes) -> PackageBody:
    return PackageBody(**json.loads(data))


@router.get(
    "/referrals/{id:referral_id}/package",
    response=PackageBody,
    summary="A sent referral to a partner installation, sealed for it and signed by your organisation",
)
def referral_package(request: ApiRequest, referral_id: int) -> PackageBody:
    found, side = referral_access.get_referral_for_user(request.auth, referral_id, write=True)
    if side != SENDER or not found.is_transnational:
        raise Http404
    scope = case_scope(request.auth, found.case_id, sections=found.shared_sections, action=AuditAction.EXPORT_PACKAGE)
    return _package(
        actions.export_referral_package(actor=request.auth, referral=found, scope=scope, now=timezone.now())
    )


@router.post(
    "/referrals/packages",
    response={201: ImportedOut},
    summary="Import a package from a partner installation: a referral for your organisation, or an answer",
)
def import_package(request: ApiRequest, payload: PackageBody, response: HttpResponse) -> Status:
    access.require_import(request.auth)
    data = json.dumps(payload.model_dump()).encode()
    result = actions.import_package(actor=request.auth, data=data, now=timezone.now())
    if isinstance(result, IncomingReferral):
        return created(response, ImportedOut(kind="referral", incoming_id=result.pk), "incoming", incoming_id=result.pk)
    return created(response, ImportedOut(kind="answer", referral_id=result.pk), "referral", referral_id=result.pk)


@router.get("/referrals/incoming", response=PageOut[IncomingOut], summary="Referrals from partner installations")
def incoming_list(request: ApiRequest, paging: Query[PageQuery]) -> dict:
    rows, page = page_of(access.incoming_for(request.auth).select_related("partner"), paging)
    return {**page, "items": [_incoming_out(incoming) for incoming in rows]}


@router.get(
    "/referrals/incoming/{id:incoming_id}",
    url_name="incoming",
    response=IncomingOut,
    summary="One referral from a partner installation",
)
def incoming(request: ApiRequest, incoming_id: int) -> IncomingOut:
    return _incoming_out(access.get_incoming_for_user(request.auth, incoming_id))


@router.post(
    "/referrals/incoming/{id:incoming_id}/answer",
    response={201: IncomingOut},
    summary="Accept or refuse a referral from a partner installation",
)
def answer(request: ApiRequest, incoming_id: int, payload: AnswerIn, response: HttpResponse) -> Status:
    found = access.get_incoming_for_user(request.auth, incoming_id)
    actions.answer_incoming(
        actor=request.auth, incoming=found, accept=payload.accept, reason=payload.reason, now=timezone.now()
    )
    return created(response, _incoming_out(found), "incoming", incoming_id=found.pk)


@router.post(
    "/referrals/incoming/{id:incoming_id}/moves",
    response={201: IncomingOut},
    summary="Follow a referral from a partner installation to its end: in service, completed, dropped, declined",
)
def move(request: ApiRequest, incoming_id: int, payload: IncomingMoveIn, response: HttpResponse) -> Status:
    found = access.get_incoming_for_user(request.auth, incoming_id)
    actions.move_incoming(actor=request.auth, incoming=found, now=timezone.now(), **payload.model_dump())
    return created(response, _incoming_out(found), "incoming", incoming_id=found.pk)


@router.get(
    "/referrals/incoming/{id:incoming_id}/answer-package",
    response=PackageBody,
    summary="The answer, sealed for the partner and signed by your organisation",
)
def answer_package(request: ApiRequest, incoming_id: int) -> PackageBody:
    found = access.get_incoming_for_user(request.auth, incoming_id)
    if found.status == IncomingStatus.PENDING:
        raise Http404
    return _package(actions.answer_package(actor=request.auth, incoming=found, now=timezone.now()))
