from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import field_validator

from reintegra.access.scope import CaseScope
from reintegra.core.http import ApiRequest, created
from reintegra.core.schemas import InputSchema
from reintegra.followups import access, actions
from reintegra.followups.models import Channel, ContactOutcome

router = Router()
CONTACTS_RETURNED = 100


class ContactOut(Schema):
    at: datetime
    channel: str
    outcome: str
    by_id: int
    issues_raised: str
    note: str
    conflicts_acknowledged: list[str]


class FollowUpOut(Schema):
    started: bool
    starts_on: date | None
    next_due_on: date | None
    overdue: bool
    missed_in_a_row: int
    upcoming: list[date]
    contacts: list[ContactOut]


@router.get(
    "/{id:case_id}/followup",
    url_name="followup",
    response=FollowUpOut,
    summary="Schedule, next due contact and recent contacts",
)
def get_followup(request: ApiRequest, case_id: int) -> dict[str, Any]:
    return _followup_out(access.followup_scope(request.auth, case_id))


def _followup_out(scope: CaseScope) -> dict[str, Any]:
    followup = scope.followup()
    today = timezone.localdate()
    return {
        "started": followup is not None,
        "starts_on": followup.starts_on if followup else None,
        "next_due_on": followup.next_due_on if followup else None,
        "overdue": followup.is_overdue(today) if followup else False,
        "missed_in_a_row": followup.missed_in_a_row if followup else 0,
        "upcoming": followup.upcoming(after=today) if followup else [],
        "contacts": list(scope.contacts()[:CONTACTS_RETURNED]),
    }


class StartIn(InputSchema):
    starts_on: date
    phases: list[tuple[int, int]] | None = Field(
        None, description="[until month, every n months] pairs; the default schedule when left out"
    )


class ContactIn(InputSchema):
    at: datetime
    channel: Channel
    outcome: ContactOutcome
    issues_raised: str = Field("", max_length=5000)
    note: str = Field("", max_length=5000)
    acknowledged: list[str] = Field(
        default_factory=list,
        description="Conflicts with the person's preferences that the worker has seen and accepts",
    )

    @field_validator("at")
    @classmethod
    def aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("give a time zone, e.g. 2026-03-01T10:00:00+07:00")
        return value


class ConflictOut(Schema):
    detail: list[str]
    conflicts: list[str]


@router.post("/{id:case_id}/followup", response={201: FollowUpOut}, summary="Start follow-up on a schedule")
def start_followup(request: ApiRequest, case_id: int, payload: StartIn, response: HttpResponse) -> Status:
    scope = access.followup_scope(request.auth, case_id, write=True)
    phases = [list(phase) for phase in payload.phases] if payload.phases is not None else None
    actions.start_followup(actor=request.auth, case=scope.case, starts_on=payload.starts_on, phases=phases)
    return created(response, _followup_out(scope), "followup", case_id=case_id)


@router.post(
    "/{id:case_id}/followup/contacts",
    response={201: ContactOut, 409: ConflictOut},
    summary="Record a contact or an attempt",
    description=(
        "A contact that goes against the person's stated preferences is refused with 409 and the list "
        "of conflicts, unless each of them is repeated in `acknowledged`."
    ),
)
def log_contact(request: ApiRequest, case_id: int, payload: ContactIn, response: HttpResponse) -> Status:
    scope = access.followup_scope(request.auth, case_id, write=True)
    case = scope.case
    found = actions.preference_conflicts(case, channel=payload.channel, at=payload.at)
    unacknowledged = sorted(set(found) - set(payload.acknowledged))
    if unacknowledged:
        return Status(
            409,
            {"detail": [_("This contact goes against the person's stated preferences.")], "conflicts": unacknowledged},
        )
    contact = actions.log_contact(actor=request.auth, case=case, **payload.model_dump())
    # A contact is read in the follow-up's recent contacts.
    return created(response, contact, "followup", case_id=case_id)
