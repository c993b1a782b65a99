"""Referrals between installations in the JSON API (tag `referrals`): the sender fetches a sent
referral's package, either side imports a package, and the receiver answers an incoming referral
and fetches its answer package. Case records in HTCDS columns (tag `exchange`): the export, and
files brought in, checked and imported. Same access rules and workflows as the pages."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from reintegra.access.scope import case_scope
from reintegra.audit.models import AuditAction
from reintegra.core.http import ApiRequest, created
from reintegra.core.paging import PageOut, PageQuery, page_of
from reintegra.core.schemas import InputSchema
from reintegra.exchange import access, actions, export
from reintegra.exchange.models import ImportBatch, ImportStatus, IncomingReferral, IncomingStatus
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


# Case records in HTCDS columns (tag `exchange`): the export, and files brought in -------------

records_router = Router()
# A file's bytes travel base64-encoded in JSON, a third longer than the file.
MAX_BASE64_CHARS = (settings.REINTEGRA_IMPORT_MAX_BYTES + 2) // 3 * 4


class ImportProblemOut(Schema):
    row: int = Field(..., description="The row as a spreadsheet numbers it (the header is 1); 0 for the file.")
    column: str
    message: str


class PossibleDuplicateOut(Schema):
    row: int
    may_be: str


class ImportOut(Schema):
    id: int
    filename: str
    status: ImportStatus
    rows_read: int
    encoding: str = Field(..., description="How the file was read: UTF-8, UTF-16, Windows-1252 or XLSX.")
    problems: list[ImportProblemOut]
    more_problems: int
    duplicates: list[PossibleDuplicateOut]
    ignored_columns: list[str]
    imported_before: str = Field("", description="The date the very same file was imported before, if it was.")
    imported_count: int
    failure: str
    created_at: datetime


class ImportIn(InputSchema):
    filename: str = Field(..., min_length=1, max_length=255)
    content_base64: str = Field(..., min_length=4, max_length=MAX_BASE64_CHARS)
    month_first: bool = Field(False, description="Dates such as 03/05/2024 are month first (5 March).")


class ImportConfirmationIn(InputSchema):
    duplicates_seen: bool = Field(False, description="Required when the check found possible duplicates.")


def _import_out(batch: ImportBatch) -> ImportOut:
    report = batch.report or {}
    return ImportOut(
        id=batch.pk,
        filename=batch.filename,
        status=ImportStatus(batch.status),
        rows_read=batch.rows_read,
        encoding=report.get("encoding", ""),
        problems=[ImportProblemOut(**problem) for problem in report.get("problems", [])],
        more_problems=report.get("more_problems", 0),
        duplicates=[PossibleDuplicateOut(row=row, may_be=what) for row, what in report.get("duplicates", [])],
        ignored_columns=report.get("ignored_columns", []),
        imported_before=report.get("imported_before", ""),
        imported_count=batch.imported_count,
        failure=report.get("failure", ""),
        created_at=batch.created_at,
    )


@records_router.get(
    "/exchange/htcds-export",
    summary="Case records in HTCDS 2.0 columns, as CSV (supervisors)",
    description=(
        "The cases you may see whose person agreed to their record being passed on, one row each, in the "
        "standard's columns and then `reintegra_` columns. Streamed; logged case by case."
    ),
    openapi_extra={"responses": {200: {"description": "CSV", "content": {"text/csv": {"schema": {"type": "string"}}}}}},
)
def htcds_export(request: ApiRequest) -> StreamingHttpResponse:
    access.require_moves_records(request.auth)
    rows = export.htcds_rows(request.auth, on=timezone.localdate())
    return StreamingHttpResponse(export.csv_lines(rows), content_type="text/csv; charset=utf-8")


@records_router.post(
    "/exchange/imports",
    response={201: ImportOut},
    summary="Bring in a file of case records (CSV or XLSX in HTCDS columns) to be checked",
    description="The check runs in the background: read the import until its status is no longer `checking`.",
)
def start_import(request: ApiRequest, payload: ImportIn, response: HttpResponse) -> Status:
    access.require_moves_records(request.auth)
    try:
        data = base64.b64decode(payload.content_base64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValidationError({"content_base64": _("This is not base64.")}) from exc
    batch = actions.start_import(
        actor=request.auth, data=data, filename=payload.filename, month_first=payload.month_first
    )
    return created(response, _import_out(batch), "import_batch", batch_id=batch.pk)


@records_router.get(
    "/exchange/imports/{id:batch_id}", url_name="import_batch", response=ImportOut, summary="A file's check and import"
)
def import_batch(request: ApiRequest, batch_id: int) -> ImportOut:
    return _import_out(access.get_import_for_user(request.auth, batch_id))


@records_router.post(
    "/exchange/imports/{id:batch_id}/confirmation",
    response={201: ImportOut},
    summary="Register everyone in a checked file, in one transaction (in the background)",
)
def confirm_import(request: ApiRequest, batch_id: int, payload: ImportConfirmationIn, response: HttpResponse) -> Status:
    batch = access.get_import_for_user(request.auth, batch_id)
    actions.confirm_import(actor=request.auth, batch=batch, duplicates_seen=payload.duplicates_seen)
    return created(response, _import_out(batch), "import_batch", batch_id=batch.pk)
