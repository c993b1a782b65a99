from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.utils import timezone
from ninja import Router, Schema

from reintegra.core.http import ApiRequest
from reintegra.followups import access

router = Router()
CONTACTS_RETURNED = 100


class ContactOut(Schema):
    at: datetime
    channel: str
    outcome: str
    by_id: int
    issues_raised: str
    conflicts_acknowledged: list[str]


class FollowUpOut(Schema):
    started: bool
    starts_on: date | None
    next_due_on: date | None
    overdue: bool
    missed_in_a_row: int
    upcoming: list[date]
    contacts: list[ContactOut]


@router.get("/{int:case_id}/followup", response=FollowUpOut, summary="Schedule, next due contact and recent contacts")
def get_followup(request: ApiRequest, case_id: int) -> dict[str, Any]:
    case = access.get_case_for_followup(request.auth, case_id)
    followup = access.followup_of(case)
    today = timezone.localdate()
    return {
        "started": followup is not None,
        "starts_on": followup.starts_on if followup else None,
        "next_due_on": followup.next_due_on if followup else None,
        "overdue": followup.is_overdue(today) if followup else False,
        "missed_in_a_row": followup.missed_in_a_row if followup else 0,
        "upcoming": followup.upcoming(after=today) if followup else [],
        "contacts": list(case.contacts.all()[:CONTACTS_RETURNED]),
    }
