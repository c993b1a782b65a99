"""Follow-up workflows: one transaction each, audit record inside."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.cases.models import Case
from reintegra.core.dates import plausibility_error
from reintegra.core.errors import Conflict
from reintegra.followups import schedule
from reintegra.followups.models import Contact, ContactOutcome, ContactPreference, FollowUp


def start_followup(*, actor: User, case: Case, starts_on: date, phases: list[list[int]] | None = None) -> FollowUp:
    # The schedule runs years past its start: a start in year 9999 overflowed the calendar.
    error = plausibility_error(starts_on, years_ahead=1)
    if error:
        raise ValidationError({"starts_on": error})
    followup = FollowUp(case=case, starts_on=starts_on)
    if phases is not None:
        try:
            schedule.validate_phases([schedule.Phase(until, every) for until, every in phases])
        except ValueError as exc:
            raise ValidationError(_("The follow-up phases are not valid.")) from exc
        followup.phases = phases
    with transaction.atomic():
        if FollowUp.objects.select_for_update().filter(case=case).exists():
            raise Conflict(_("Follow-up has already started for this case."))
        followup.next_due_on = followup.next_due_for(case_closed=case.is_closed)
        followup.save()
        log.log_change(
            actor=actor, case=case, action=AuditAction.START_FOLLOWUP, changes={"starts_on": (None, starts_on)}
        )
    return followup


def follow_case_status(*, case: Case, reopened_on: date | None = None) -> None:
    """Closing a case stops its schedule. Reopening starts a new cycle from the reopening date,
    with monthly contact first, as at the start: the person comes back because something went
    wrong. Runs inside the status change's transaction (cases.actions.change_status)."""
    followup = FollowUp.objects.select_for_update().filter(case=case).first()
    if followup is None:
        return
    if reopened_on is not None:
        followup.cycle_started_on = reopened_on
        followup.missed_in_a_row = 0
    followup.next_due_on = followup.next_due_for(case_closed=case.is_closed)
    followup.save(update_fields=["cycle_started_on", "missed_in_a_row", "next_due_on"])


def refresh_schedule(*, case: Case) -> None:
    """Recompute the next due date after an input of the schedule changed outside this module
    (the person's preferred frequency, the assessed follow-up intensity)."""
    followup = FollowUp.objects.select_for_update().filter(case=case).first()
    if followup is not None:
        followup.next_due_on = followup.next_due_for(case_closed=case.is_closed)
        followup.save(update_fields=["next_due_on"])


def record_setback_intensity(*, actor: User, followup: FollowUp, on: date, because: str = "setback") -> None:
    """Raise follow-up intensity after a setback or an outcome alert (called by their workflows):
    both bring back monthly contact from `on`, as one intensified period if they overlap."""
    with transaction.atomic():
        followup.setbacks = sorted({*followup.setbacks, on.isoformat()})
        followup.next_due_on = followup.next_due_for(case_closed=followup.case.is_closed)
        followup.save(update_fields=["setbacks", "next_due_on"])
        log.log_change(
            actor=actor, case=followup.case, action=AuditAction.INTENSIFY_FOLLOWUP, changes={because: (None, on)}
        )


@dataclass
class PreferenceDetails:
    channels: list[str] = field(default_factory=list)
    home_visits_allowed: bool = False
    avoid: list[dict[str, Any]] = field(default_factory=list)
    allow: list[dict[str, Any]] = field(default_factory=list)
    timezone: str = "UTC"
    preferred_every_months: int | None = None
    who_may_answer: str = ""
    what_may_be_said: str = ""


def set_preferences(*, actor: User, case: Case, details: PreferenceDetails) -> ContactPreference:
    with transaction.atomic():
        preference, _created = ContactPreference.objects.select_for_update().get_or_create(case=case)
        changes = {}
        for name, value in asdict(details).items():
            if getattr(preference, name) != value:
                changes[name] = (getattr(preference, name), value)
                setattr(preference, name, value)
        if changes:
            preference.save()
            if "preferred_every_months" in changes:
                refresh_schedule(case=case)
            log.log_change(actor=actor, case=case, action=AuditAction.SET_CONTACT_PREFERENCES, changes=changes)
    return preference


def _check_contact_time(at: datetime) -> None:
    # On the date as typed, before any conversion: a time in year 1 overflowed when moved to UTC
    # or to the person's zone.
    error = plausibility_error(at.date())
    if error:
        raise ValidationError({"at": error})


def preference_conflicts(case: Case, *, channel: str, at: datetime | None) -> list[str]:
    if at is not None:
        _check_contact_time(at)
    preference = ContactPreference.objects.filter(case=case).first()
    if preference is None:
        return []
    return schedule.conflicts(preference.as_rules(), channel=channel, at=at)


def log_contact(
    *,
    actor: User,
    case: Case,
    at: datetime,
    channel: str,
    outcome: str,
    issues_raised: str = "",
    note: str = "",
    acknowledged: list[str] | None = None,
) -> Contact:
    """Record a contact or an attempt. Conflicts with the person's preferences must have been
    shown to the worker and acknowledged; missed contacts are counted so a lost contact shows."""
    _check_contact_time(at)
    if at > timezone.now():
        raise ValidationError(_("Record contacts once they have happened."))
    found = preference_conflicts(case, channel=channel, at=at)
    if set(found) - set(acknowledged or []):
        raise ValidationError(_("This contact goes against the person's stated preferences."))
    with transaction.atomic():
        contact = Contact.objects.create(
            case=case,
            at=at,
            channel=channel,
            outcome=outcome,
            by=actor,
            issues_raised=issues_raised,
            note=note,
            conflicts_acknowledged=found,
        )
        followup = FollowUp.objects.select_for_update().filter(case=case).first()
        if followup is not None:
            day = timezone.localdate(at)
            if outcome == ContactOutcome.REACHED:
                followup.missed_in_a_row = 0
                followup.last_contact_on = max(filter(None, (followup.last_contact_on, day)))
            elif outcome in (ContactOutcome.NO_ANSWER, ContactOutcome.MISSED):
                followup.missed_in_a_row += 1
            followup.next_due_on = followup.next_due_for(case_closed=case.is_closed)
            followup.save(update_fields=["missed_in_a_row", "last_contact_on", "next_due_on"])
        log.log_change(
            actor=actor,
            case=case,
            action=AuditAction.LOG_CONTACT,
            changes={"contact": (None, contact.pk), "outcome": (None, outcome), "conflicts": (None, found)},
        )
    return contact
