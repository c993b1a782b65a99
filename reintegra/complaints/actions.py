"""Complaint workflows: filing (on the public page or taken down by staff), and the officer's
acknowledgement, answer, closing and notes. Each runs in one transaction with its history entry
and its audit record."""

from __future__ import annotations

from datetime import date, datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.complaints.models import (
    Channel,
    Complaint,
    ComplaintEvent,
    ComplaintKind,
    ComplaintStatus,
    EventKind,
    new_reference,
)
from reintegra.legal.calendar import WorkingDays
from reintegra.orgs.models import Organisation

MAX_TEXT = 5000


def _text(value: str, field: str, *, required: bool) -> str:
    value = value.strip()
    if required and not value:
        raise ValidationError({field: [_("This field is required.")]})
    if len(value) > MAX_TEXT:
        raise ValidationError({field: [_("Keep it under %(count)d characters.") % {"count": MAX_TEXT}]})
    return value


def file_complaint(
    *,
    organisation: Organisation,
    kind: str,
    about: str,
    filer_name: str = "",
    contact: str = "",
    language: str,
    channel: str = Channel.WEB,
    recorded_by: User | None = None,
    received_on: date | None = None,
) -> Complaint:
    """A new complaint, with its reference code and the dates it must be acknowledged and
    answered by. On the public page nobody is signed in; staff taking one down are named, with the
    day it came to them (today by default), in the organisation's calendar."""
    if kind not in ComplaintKind.values:
        raise ValidationError({"kind": [_("Choose a complaint or feedback.")]})
    if channel not in Channel.values or (channel == Channel.WEB) != (recorded_by is None):
        raise ValidationError({"channel": [_("Say how the complaint came in.")]})
    if recorded_by is not None and recorded_by.organisation_id != organisation.pk:
        raise ValidationError(_("Staff take down complaints made to their own organisation only."))
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": [_("Choose one of the languages offered.")]})
    now = timezone.now()
    zone = organisation.tzinfo
    office_today = timezone.localdate(now, zone)
    received_on = received_on or office_today
    if received_on > office_today or (office_today - received_on).days > 366:
        raise ValidationError({"received_on": [_("Give the day it was received, within the last year.")]})
    # Today's complaint is stamped now; an earlier day's, at noon of that day in the office.
    received_at = now if received_on == office_today else datetime.combine(received_on, time(12), tzinfo=zone)
    calendar = WorkingDays(str(organisation.country))
    values = {
        "about": _text(about, "about", required=True),
        "filer_name": _text(filer_name, "filer_name", required=False),
        "contact": _text(contact, "contact", required=False),
    }
    # A code drawn twice is about one in 10^17 per pair: drawn again rather than trusted.
    reference = new_reference()
    while Complaint.objects.filter(reference=reference).exists():
        reference = new_reference()
    with transaction.atomic():
        complaint = Complaint.objects.create(
            organisation=organisation,
            reference=reference,
            kind=kind,
            channel=channel,
            language=language,
            received_at=received_at,
            acknowledge_by=calendar.add(received_on, settings.REINTEGRA_COMPLAINT_ACKNOWLEDGE_DAYS),
            answer_by=calendar.add(received_on, settings.REINTEGRA_COMPLAINT_ANSWER_DAYS),
            recorded_by=recorded_by,
            **values,
        )
        ComplaintEvent.objects.create(complaint=complaint, kind=EventKind.RECEIVED, at=now, by=recorded_by)
        log.log_change(
            actor=recorded_by,
            case=None,
            action=AuditAction.FILE_COMPLAINT,
            changes={"complaint": (None, complaint.pk), "channel": (None, channel)},
        )
    return complaint


def _record(actor: User, complaint: Complaint, kind: str, note: str, changes: dict) -> None:
    ComplaintEvent.objects.create(complaint=complaint, kind=kind, by=actor, note=note)
    log.log_change(
        actor=actor,
        case=None,
        action=AuditAction.HANDLE_COMPLAINT,
        changes={"complaint": (None, complaint.pk), **changes},
    )


def _locked(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


def acknowledge(*, actor: User, complaint: Complaint, note: str = "") -> None:
    with transaction.atomic():
        current = _locked(complaint)
        if current.status != ComplaintStatus.RECEIVED:
            raise ValidationError(_("This complaint was already acknowledged."))
        current.status, current.acknowledged_at = ComplaintStatus.ACKNOWLEDGED, timezone.now()
        current.save(update_fields=["status", "acknowledged_at"])
        _record(
            actor,
            current,
            EventKind.ACKNOWLEDGED,
            _text(note, "note", required=False),
            {"status": ("received", "acknowledged")},
        )


def answer(*, actor: User, complaint: Complaint, answer: str) -> None:
    """The answer the filer reads with their reference code. It may be given again (a corrected
    or fuller answer); each is kept in the history."""
    text = _text(answer, "answer", required=True)
    with transaction.atomic():
        current = _locked(complaint)
        if current.status == ComplaintStatus.CLOSED:
            raise ValidationError(_("This complaint is closed."))
        now = timezone.now()
        before = current.status
        current.acknowledged_at = current.acknowledged_at or now
        current.answered_at = current.answered_at or now
        current.status, current.answer = ComplaintStatus.ANSWERED, text
        current.save(update_fields=["status", "answer", "acknowledged_at", "answered_at"])
        _record(actor, current, EventKind.ANSWERED, text, {"status": (before, "answered")})


def close(*, actor: User, complaint: Complaint, note: str) -> None:
    text = _text(note, "note", required=True)
    with transaction.atomic():
        current = _locked(complaint)
        if current.status != ComplaintStatus.ANSWERED:
            raise ValidationError(_("Answer the complaint before closing it."))
        current.status, current.closed_at = ComplaintStatus.CLOSED, timezone.now()
        current.save(update_fields=["status", "closed_at"])
        _record(actor, current, EventKind.CLOSED, text, {"status": ("answered", "closed")})


def add_note(*, actor: User, complaint: Complaint, note: str) -> None:
    text = _text(note, "note", required=True)
    with transaction.atomic():
        _record(actor, complaint, EventKind.NOTE, text, {"note": (None, "added")})


def log_read(*, actor: User, complaint: Complaint) -> None:
    with transaction.atomic():
        log.log_search(
            actor=actor, action=AuditAction.VIEW_COMPLAINT, terms={"complaint": str(complaint.pk)}, result_count=1
        )
