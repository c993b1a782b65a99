"""Documents through the same access layer as the page (the identity section; 404 without it)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.http import HttpResponse
from ninja import Field, Router, Schema, Status

from reintegra.access.scope import CaseScope
from reintegra.core.http import ApiRequest, created
from reintegra.core.schemas import InputSchema
from reintegra.documents import access, actions
from reintegra.documents.models import AttachmentType, Document, DocumentKind, DocumentStatus, Obstacle
from reintegra.documents.views import attachment_response, fee_totals

router = Router()


class DocumentStepOut(Schema):
    id: int
    on: date
    what: str
    status: DocumentStatus | None = Field(..., description="The status the document moved to; null if unchanged")
    fee_amount: Decimal | None
    fee_currency: str | None
    obstacle: Obstacle | None
    obstacle_note: str
    support_item_id: int | None = Field(..., description="The plan's support item the fee is counted as, if any")


class AttachmentOut(Schema):
    id: int
    content_type: AttachmentType
    size: int
    filename: str
    added_on: date


class DocumentOut(Schema):
    id: int
    family_member_id: int | None = Field(..., description="Null: the person's own document")
    kind: DocumentKind
    description: str
    status: DocumentStatus
    obtained_on: date | None
    valid_until: date | None
    number: str
    issued_by: str
    steps: list[DocumentStepOut]
    attachments: list[AttachmentOut] = Field(..., description="Scans: what they are, never their bytes")


class FeeTotalOut(Schema):
    currency: str
    total: Decimal


class DocumentsOut(Schema):
    documents: list[DocumentOut]
    fees_paid: list[FeeTotalOut] = Field(..., description="One total per currency")


class DocumentIn(InputSchema):
    family_member_id: int | None = Field(None, ge=1, le=2**31 - 1, description="Null: the person's own document")
    kind: DocumentKind
    description: str = Field("", max_length=200)
    status: DocumentStatus
    obtained_on: date | None = None
    valid_until: date | None = None
    number: str = Field("", max_length=100)
    issued_by: str = Field("", max_length=200)


class DocumentStepIn(InputSchema):
    on: date
    what: str = Field(..., min_length=1, max_length=2000)
    status: DocumentStatus | None = None
    valid_until: date | None = None
    fee_amount: Decimal | None = Field(None, ge=0, max_digits=18, decimal_places=2)
    fee_currency: str | None = Field(None, pattern=r"^[A-Za-z]{3}$", description="Defaults to the organisation's")
    obstacle: Obstacle | None = None
    obstacle_note: str = Field("", max_length=2000)
    plan_action_id: int | None = Field(
        None, ge=1, le=2**31 - 1, description="An action of the plan in administrative support to count the fee under"
    )


def _document_out(document: Document) -> DocumentOut:
    return DocumentOut(
        id=document.pk,
        family_member_id=document.family_member_id,
        kind=DocumentKind(document.kind),
        description=document.description,
        status=DocumentStatus(document.status),
        obtained_on=document.obtained_on,
        valid_until=document.valid_until,
        number=document.number,
        issued_by=document.issued_by,
        steps=[
            DocumentStepOut(
                id=step.pk,
                on=step.on,
                what=step.what,
                status=DocumentStatus(step.status) if step.status else None,
                fee_amount=step.fee_amount,
                fee_currency=step.fee_currency or None,
                obstacle=Obstacle(step.obstacle) if step.obstacle else None,
                obstacle_note=step.obstacle_note,
                support_item_id=step.support_item_id,
            )
            for step in document.steps.all()
        ],
        attachments=[
            AttachmentOut(
                id=attachment.pk,
                content_type=AttachmentType(attachment.content_type),
                size=attachment.size,
                filename=attachment.filename,
                added_on=attachment.added_at.date(),
            )
            for attachment in document.attachments.all()
        ],
    )


def _documents_out(scope: CaseScope) -> DocumentsOut:
    documents = list(scope.documents())
    return DocumentsOut(
        documents=[_document_out(document) for document in documents],
        fees_paid=[FeeTotalOut(currency=currency, total=total) for currency, total in fee_totals(documents)],
    )


@router.get(
    "/cases/{id:case_id}/documents",
    url_name="documents",
    response=DocumentsOut,
    summary="The papers of the person and their family members, with their steps and scans (without bytes)",
)
def list_documents(request: ApiRequest, case_id: int) -> DocumentsOut:
    return _documents_out(access.documents_scope(request.auth, case_id))


@router.post(
    "/cases/{id:case_id}/documents",
    response={201: DocumentsOut},
    summary="Record a document the person or a family member needs or holds",
)
def record_document(request: ApiRequest, case_id: int, payload: DocumentIn, response: HttpResponse) -> Status:
    scope = access.documents_scope(request.auth, case_id, write=True)
    data = payload.model_dump()
    member_id = data.pop("family_member_id")
    actions.record_document(
        actor=request.auth,
        case=scope.case,
        holder=scope.family_member(member_id) if member_id is not None else None,
        **data,
    )
    return created(response, _documents_out(scope), "documents", case_id=case_id)


@router.post(
    "/cases/{id:case_id}/documents/{id:document_id}/steps",
    response={201: DocumentsOut},
    summary="Add a step towards a document: what was done, a fee paid, an obstacle met, its new status",
)
def record_step(
    request: ApiRequest, case_id: int, document_id: int, payload: DocumentStepIn, response: HttpResponse
) -> Status:
    scope = access.documents_scope(request.auth, case_id, write=True)
    document = scope.document(document_id)
    actions.record_document_step(
        actor=request.auth,
        document=document,
        on=payload.on,
        what=payload.what,
        status=payload.status or "",
        valid_until=payload.valid_until,
        fee_amount=payload.fee_amount,
        fee_currency=(payload.fee_currency or scope.case.organisation.currency)
        if payload.fee_amount is not None
        else "",
        obstacle=payload.obstacle or "",
        obstacle_note=payload.obstacle_note,
        plan_action=scope.action(payload.plan_action_id) if payload.plan_action_id is not None else None,
    )
    return created(response, _documents_out(scope), "documents", case_id=case_id)


@router.get(
    "/cases/{id:case_id}/documents/{id:document_id}/attachments/{id:attachment_id}",
    summary="A scan's bytes, as a download (PDF, JPEG or PNG, as read from its content when it was attached)",
    openapi_extra={
        "responses": {
            200: {
                "description": "The scan. Its opening is written to the case's access log.",
                "content": {mime: {"schema": {"type": "string", "format": "binary"}} for mime in AttachmentType.values},
            }
        }
    },
)
def download_attachment(request: ApiRequest, case_id: int, document_id: int, attachment_id: int) -> HttpResponse:
    scope = access.documents_scope(request.auth, case_id)
    attachment = scope.attachment(document_id, attachment_id)
    return attachment_response(attachment, actions.open_attachment(actor=request.auth, attachment=attachment))
