"""When to be in touch: the follow-up schedule as plain functions of dates.

Contact is frequent at first and tapers off: by default monthly for six months, every two months
until month twelve, then quarterly until month thirty-six. A setback raises the intensity again:
monthly contacts for the following three months, whatever the phase, even after the schedule
has run out. Dates are counted in whole months from the start, so the 31st gives the last day
of shorter months without drifting (31 Jan, 28 or 29 Feb, 31 Mar...).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Phase:
    until_month: int  # the phase runs up to and including this month after the start
    every_months: int


DEFAULT_PHASES: tuple[Phase, ...] = (Phase(6, 1), Phase(12, 2), Phase(36, 3))
SETBACK_MONTHS = 3  # monthly contact for this many months after a setback
OVERDUE_GRACE_DAYS = 7  # a contact is overdue a week after its due date; lists and pages share this


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def validate_phases(phases: Sequence[Phase]) -> None:
    if not phases:
        raise ValueError("a schedule needs at least one phase")
    previous = 0
    for phase in phases:
        if phase.every_months < 1 or phase.until_month <= previous:
            raise ValueError("phases must end in increasing months and have intervals of at least one month")
        if phase.every_months > phase.until_month - previous:
            # Such a phase would hold no contact at all: almost certainly a typing mistake.
            raise ValueError("each phase must be at least as long as its interval")
        previous = phase.until_month


def base_offsets(phases: Sequence[Phase]) -> list[int]:
    """Months after the start at which a contact is due."""
    validate_phases(phases)
    offsets, month = [], 0
    for phase in phases:
        while month + phase.every_months <= phase.until_month:
            month += phase.every_months
            offsets.append(month)
    return offsets


def scheduled_dates(start: date, phases: Sequence[Phase] = DEFAULT_PHASES, setbacks: Iterable[date] = ()) -> list[date]:
    dates = {add_months(start, offset) for offset in base_offsets(phases)}
    for setback in setbacks:
        dates.update(add_months(setback, offset) for offset in range(1, SETBACK_MONTHS + 1))
    return sorted(dates)


def next_due(
    start: date,
    *,
    last_contact: date | None,
    phases: Sequence[Phase] = DEFAULT_PHASES,
    setbacks: Iterable[date] = (),
) -> date | None:
    """The first scheduled date after the last contact (or after the start). None once the
    schedule is over and no setback has added dates."""
    after = max(d for d in (start, last_contact) if d is not None)
    return next((d for d in scheduled_dates(start, phases, setbacks) if d > after), None)


def is_overdue(due: date | None, today: date) -> bool:
    return due is not None and (today - due).days > OVERDUE_GRACE_DAYS


@dataclass(frozen=True)
class AvoidWindow:
    """Times the person asked not to be contacted, in their own time zone. Weekdays: 0 = Monday."""

    weekdays: frozenset[int]
    start: time
    end: time

    def covers(self, moment: datetime) -> bool:
        if moment.weekday() not in self.weekdays:
            return False
        clock = moment.time().replace(tzinfo=None)
        if self.start <= self.end:
            return self.start <= clock < self.end
        return clock >= self.start or clock < self.end  # a window across midnight


@dataclass(frozen=True)
class Preferences:
    channels: frozenset[str]
    home_visits: bool
    avoid: tuple[AvoidWindow, ...]
    timezone: str


class Conflict:
    CHANNEL = "channel"
    HOME_VISIT = "home_visit"
    TIME = "time"


def conflicts(preferences: Preferences, *, channel: str, at: datetime | None) -> list[str]:
    """What in a planned contact goes against the person's stated preferences."""
    found = []
    if channel == "home_visit" and not preferences.home_visits:
        found.append(Conflict.HOME_VISIT)
    elif preferences.channels and channel not in preferences.channels:
        found.append(Conflict.CHANNEL)
    if at is not None:
        if at.tzinfo is None:
            raise ValueError("planned times must be timezone-aware")
        local = at.astimezone(ZoneInfo(preferences.timezone))
        if any(window.covers(local) for window in preferences.avoid):
            found.append(Conflict.TIME)
    return found
