"""Complaints as JSON (OpenAPI tag "complaints"): staff take one down, the organisation's
complaints officers list and handle them. The same access layer and workflows as the screens;
the public page has no API, since it needs no account."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpResponse
from ninja import Field, Query, Router, Schema, Status

from reintegra.complaints import access, actions
from reintegra.complaints.models import Complaint
from reintegra.core.http import ApiRequest, created
from reintegra.core.paging import PageOut, PageQuery, page_of

router = Router()


class RecordedComplaintIn(Schema):
    channel: str = Field(..., description="phone, paper or in_person")
    received_on: date
    kind: str = Field(..., description="complaint or feedback")
    about: str
    filer_name: str = ""
    contact: str = ""
    language: str


class RecordedOut(Schema):
    id: int
    # Give it to the person: with it they follow the complaint up on the public page.
    reference: str
    answer_by: date


class ComplaintOut(Schema):
    id: int
    reference: str
    kind: str
    channel: str
    language: str
    status: str
    about: str
    filer_name: str
    contact: str
    received_at: datetime
    acknowledge_by: date
    answer_by: date
    acknowledged_at: datetime | None
    answered_at: datetime | None
    closed_at: datetime | None
    answer: str


class ComplaintListItem(Schema):
    id: int
    reference: str
    kind: str
    channel: str
    status: str
    received_at: datetime
    acknowledge_by: date
    answer_by: date


class ComplaintNoteIn(Schema):
    note: str = ""


class ComplaintAnswerIn(Schema):
    answer: str


# 200, not 201 with a Location: whoever takes a complaint down may not read it afterwards; the
# code in the answer is all they keep.
@router.post(
    "/complaints/recorded",
    response=RecordedOut,
    summary="Take down a complaint made by phone, on paper or in person; answers its code",
)
def record(request: ApiRequest, data: RecordedComplaintIn) -> RecordedOut:
    access.require_record(request.auth)
    complaint = actions.file_complaint(
        organisation=request.auth.organisation,  # type: ignore[arg-type]
        kind=data.kind,
        about=data.about,
        filer_name=data.filer_name,
        contact=data.contact,
        language=data.language,
        channel=data.channel,
        recorded_by=request.auth,
        received_on=data.received_on,
    )
    return RecordedOut(id=complaint.pk, reference=complaint.reference, answer_by=complaint.answer_by)


@router.get("/complaints", response=PageOut[ComplaintListItem], summary="Complaints made to the officer's organisation")
def list_complaints(request: ApiRequest, paging: Query[PageQuery]) -> dict:
    access.require_handles(request.auth)
    rows, page = page_of(access.complaints_visible_to(request.auth).order_by("-received_at", "-pk"), paging)
    return {**page, "items": [ComplaintListItem.model_validate(row) for row in rows]}


def _one(request: ApiRequest, complaint_id: int) -> Complaint:
    return access.get_complaint_for_user(request.auth, complaint_id)


@router.get("/complaints/{complaint_id}", response=ComplaintOut, summary="One complaint, read and logged")
def complaint_detail(request: ApiRequest, complaint_id: int) -> Complaint:
    complaint = _one(request, complaint_id)
    actions.log_read(actor=request.auth, complaint=complaint)
    return complaint


@router.post("/complaints/{complaint_id}/acknowledge", response=ComplaintOut, summary="Acknowledge a complaint")
def acknowledge(request: ApiRequest, complaint_id: int, data: ComplaintNoteIn) -> Complaint:
    complaint = _one(request, complaint_id)
    actions.acknowledge(actor=request.auth, complaint=complaint, note=data.note)
    return _one(request, complaint_id)


@router.post(
    "/complaints/{complaint_id}/answer",
    response=ComplaintOut,
    summary="Answer a complaint; the filer reads it with the code",
)
def answer(request: ApiRequest, complaint_id: int, data: ComplaintAnswerIn) -> Complaint:
    complaint = _one(request, complaint_id)
    actions.answer(actor=request.auth, complaint=complaint, answer=data.answer)
    return _one(request, complaint_id)


@router.post("/complaints/{complaint_id}/close", response=ComplaintOut, summary="Close an answered complaint")
def close(request: ApiRequest, complaint_id: int, data: ComplaintNoteIn) -> Complaint:
    complaint = _one(request, complaint_id)
    actions.close(actor=request.auth, complaint=complaint, note=data.note)
    return _one(request, complaint_id)


@router.post("/complaints/{complaint_id}/notes", response={201: None}, summary="Add a note to a complaint's history")
def add_note(request: ApiRequest, complaint_id: int, data: ComplaintNoteIn, response: HttpResponse) -> Status:
    complaint = _one(request, complaint_id)
    actions.add_note(actor=request.auth, complaint=complaint, note=data.note)
    # The note is read within its complaint's history.
    return created(response, None, "complaint_detail", complaint_id=complaint.pk)
