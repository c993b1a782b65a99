"""Data protection as JSON (OpenAPI tag "privacy"): the subject access export, legal holds,
erasure and data-sharing agreements. The same access rules and workflows as the screens."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import Http404, HttpResponse
from ninja import Field, Query, Router, Schema, Status

from reintegra.audit.models import AuditAction
from reintegra.core.http import ApiRequest, created
from reintegra.core.paging import PageOut, PageQuery, page_of
from reintegra.orgs.models import Organisation
from reintegra.privacy import access, actions
from reintegra.privacy.models import Anonymisation, DataSharingAgreement, LegalHold

router = Router()


class HeldField(Schema):
    field: str
    label: str
    value: Any


class HeldRecord(Schema):
    id: int
    fields: list[HeldField]


class HeldCase(Schema):
    number: str
    fields: list[HeldField]


class HeldGroup(Schema):
    type: str = Field(..., description="app.model of the records")
    title: str
    records: list[HeldRecord]


class HeldRead(Schema):
    at: str
    what: str
    organisation: str


class SubjectAccessOut(Schema):
    made_at: str
    organisation: str
    person: list[HeldField]
    family_members: list[HeldRecord]
    cases: list[HeldCase]
    records: list[HeldGroup]
    access_log: list[HeldRead]
    left_out: list[str] = Field(..., description="What the export leaves out, and why")


class LegalHoldIn(Schema):
    reason: str


class LiftHoldIn(Schema):
    lift_reason: str


class LegalHoldOut(Schema):
    id: int
    case_id: int
    reason: str
    placed_at: datetime
    lifted_at: datetime | None
    lift_reason: str


class ErasureIn(Schema):
    basis: str = Field(..., description="request, consent_withdrawn, court or unlawful")
    confirm_number: str = Field(..., description="The case number, typed again")


class AnonymisationOut(Schema):
    reason: str
    basis: str
    at: datetime
    values_cleared: int
    records_touched: int
    audit_details_erased: int


class AgreementIn(Schema):
    with_organisation_id: int
    purpose: str = Field(..., description="network_reports")
    reference: str
    signed_on: date
    starts_on: date
    ends_on: date | None = None


class AgreementOut(Schema):
    id: int
    with_organisation_id: int
    purpose: str
    reference: str
    signed_on: date
    starts_on: date
    ends_on: date | None
    ended_on: date | None


@router.get(
    "/cases/{case_id}/subject-access",
    response=SubjectAccessOut,
    summary="Everything held about the case's person, for them (logged)",
)
def subject_access(request: ApiRequest, case_id: int) -> dict[str, Any]:
    case = access.get_case_for_privacy(request.auth, case_id)
    return actions.export_subject_access(actor=request.auth, case=case)


@router.get("/cases/{case_id}/legal-holds", response=PageOut[LegalHoldOut], summary="Legal holds on the person's cases")
def list_holds(request: ApiRequest, case_id: int, paging: Query[PageQuery]) -> dict:
    case = access.get_case_for_privacy(request.auth, case_id)
    rows, page = page_of(access.holds_of(case), paging)
    return {**page, "items": [LegalHoldOut.model_validate(row) for row in rows]}


@router.post("/cases/{case_id}/legal-holds", response={201: LegalHoldOut}, summary="Place a legal hold")
def place_hold(request: ApiRequest, case_id: int, data: LegalHoldIn, response: HttpResponse) -> Status:
    case = access.get_case_for_privacy(request.auth, case_id, action=AuditAction.EDIT)
    hold = actions.place_legal_hold(actor=request.auth, case=case, reason=data.reason)
    return created(response, LegalHoldOut.model_validate(hold), "list_holds", case_id=case.pk)


@router.post(
    "/cases/{case_id}/legal-holds/{hold_id}/lift", response=LegalHoldOut, summary="Lift a legal hold, saying why"
)
def lift_hold(request: ApiRequest, case_id: int, hold_id: int, data: LiftHoldIn) -> LegalHold:
    case = access.get_case_for_privacy(request.auth, case_id, action=AuditAction.EDIT)
    hold = access.holds_of(case).filter(pk=hold_id).first()
    if hold is None:
        raise Http404
    actions.lift_legal_hold(actor=request.auth, hold=hold, lift_reason=data.lift_reason)
    return access.holds_of(case).get(pk=hold.pk)


@router.post(
    "/cases/{case_id}/erasure",
    response=AnonymisationOut,
    summary="Erase the person's identifiable data (closed cases, no hold); cannot be undone",
)
def erase(request: ApiRequest, case_id: int, data: ErasureIn) -> Anonymisation:
    case = access.get_case_for_privacy(request.auth, case_id, action=AuditAction.EDIT)
    return actions.erase_person(actor=request.auth, case=case, basis=data.basis, confirm_number=data.confirm_number)


@router.get("/privacy/agreements", response=PageOut[AgreementOut], summary="The organisation's data-sharing agreements")
def list_agreements(request: ApiRequest, paging: Query[PageQuery]) -> dict:
    if not access.may_read_agreements(request.auth):
        raise Http404
    rows, page = page_of(access.agreements_visible_to(request.auth), paging)
    return {**page, "items": [AgreementOut.model_validate(row) for row in rows]}


@router.post("/privacy/agreements", response={201: AgreementOut}, summary="Record a signed data-sharing agreement")
def record_agreement(request: ApiRequest, data: AgreementIn, response: HttpResponse) -> Status:
    if not access.may_record_agreements(request.auth):
        raise Http404
    other = Organisation.objects.filter(pk=data.with_organisation_id).first()
    if other is None:
        raise Http404
    agreement = actions.record_sharing_agreement(
        actor=request.auth,
        with_organisation=other,
        purpose=data.purpose,
        reference=data.reference,
        signed_on=data.signed_on,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
    )
    return created(response, AgreementOut.model_validate(agreement), "list_agreements")


@router.post("/privacy/agreements/{agreement_id}/end", response=AgreementOut, summary="End an agreement from today")
def end_agreement(request: ApiRequest, agreement_id: int) -> DataSharingAgreement:
    agreement = access.get_agreement_for_admin(request.auth, agreement_id)
    actions.end_sharing_agreement(actor=request.auth, agreement=agreement)
    return DataSharingAgreement.objects.get(pk=agreement.pk)
