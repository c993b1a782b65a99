"""When to be in touch: the follow-up schedule as plain functions of dates.

Contact is frequent at first and tapers off: by default six monthly contacts, then three every
two months, then eight quarterly ones, about three years in all when every contact happens on
time. The rules, as decided with supervisors:

- Tapering advances only after contacts that happened. Each contact that satisfies a due date
  earns the months of its interval ("credit"); the phase, and so the interval, follows the credit
  earned, not the time passed. A person nobody reached stays on monthly contact.
- A reached contact in the last third of an interval, or any time after the due date, satisfies
  that due date, and the next interval counts from the contact. An earlier contact is welcome but
  moves nothing.
- A setback brings monthly contact for three months. Setbacks whose periods overlap extend one
  intensified period instead of adding a second series of dates. Contacts in that period earn one
  month each, so a setback does not lengthen the follow-up as a whole.
- The person's preferred frequency is honoured where it asks for more contact than the phase.
- The schedule is over once all the credit is earned and no intensified period is running or
  still to come.

Dates are counted in whole months, so the 31st gives the last day of shorter months without
drifting (31 Jan, 28 or 29 Feb, 31 Mar...).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Phase:
    until_month: int  # the phase runs up to and including this month of earned credit
    every_months: int


DEFAULT_PHASES: tuple[Phase, ...] = (Phase(6, 1), Phase(12, 2), Phase(36, 3))
SETBACK_MONTHS = 3  # monthly contact for this many months after a setback
OVERDUE_GRACE_DAYS = 7  # a contact is overdue a week after its due date; lists and pages share this


def add_months(day: date, months: int, *, day_of_month: int | None = None) -> date:
    """`day_of_month` keeps a series on the 31st after it passed through shorter months."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day_of_month or day.day, calendar.monthrange(year, month)[1]))


# Bounds on the work a schedule can ask for: follow-up is planned for about three years, so ten
# years in at most a dozen phases leaves room for any real plan, and [[10**7, 1]] is refused
# before it could hold a worker process for seconds and hundreds of megabytes.
MAX_SCHEDULE_MONTHS = 120
MAX_PHASES = 12


def validate_phases(phases: Sequence[Phase]) -> None:
    if not phases:
        raise ValueError("a schedule needs at least one phase")
    if len(phases) > MAX_PHASES or phases[-1].until_month > MAX_SCHEDULE_MONTHS:
        raise ValueError(f"at most {MAX_PHASES} phases, ending by month {MAX_SCHEDULE_MONTHS}")
    previous = 0
    for phase in phases:
        if phase.every_months < 1 or phase.until_month <= previous:
            raise ValueError("phases must end in increasing months and have intervals of at least one month")
        if phase.every_months > phase.until_month - previous:
            # Such a phase would hold no contact at all: almost certainly a typing mistake.
            raise ValueError("each phase must be at least as long as its interval")
        previous = phase.until_month


def base_offsets(phases: Sequence[Phase]) -> list[int]:
    """Months after the start at which a contact is due when every contact happens on time."""
    validate_phases(phases)
    offsets, month = [], 0
    for phase in phases:
        while month + phase.every_months <= phase.until_month:
            month += phase.every_months
            offsets.append(month)
    return offsets


def intensified_periods(setbacks: Iterable[date]) -> list[tuple[date, date]]:
    """Monthly-contact periods after setbacks, [first day, end): overlapping ones merged."""
    periods: list[tuple[date, date]] = []
    for setback in sorted(set(setbacks)):
        end = add_months(setback, SETBACK_MONTHS)
        if periods and setback < periods[-1][1]:
            periods[-1] = (periods[-1][0], max(periods[-1][1], end))
        else:
            periods.append((setback, end))
    return periods


def _phase_interval(phases: Sequence[Phase], credit: int) -> int | None:
    return next((phase.every_months for phase in phases if credit < phase.until_month), None)


@dataclass(frozen=True)
class Position:
    """Where a schedule stands: counted from `anchor` (the start or the last contact that
    satisfied a due date), with `credit` months earned; `due` is None once it is over."""

    anchor: date
    credit: int
    due: date | None
    interval_months: int  # what satisfying `due` earns
    interval_start: date  # the "last third" is a third of due - interval_start
    day_of_month: int  # the series' day, kept while contacts fall on their due dates


@dataclass(frozen=True)
class Rules:
    phases: tuple[Phase, ...] = DEFAULT_PHASES
    periods: tuple[tuple[date, date], ...] = ()
    preferred_every_months: int | None = None

    @classmethod
    def of(
        cls,
        phases: Sequence[Phase] = DEFAULT_PHASES,
        setbacks: Iterable[date] = (),
        preferred_every_months: int | None = None,
    ) -> Rules:
        validate_phases(phases)
        return cls(tuple(phases), tuple(intensified_periods(setbacks)), preferred_every_months)

    def position(self, anchor: date, credit: int, day_of_month: int | None = None) -> Position:
        day_of_month = day_of_month or anchor.day
        intensified = any(first <= anchor < end for first, end in self.periods)
        interval = 1 if intensified else _phase_interval(self.phases, credit)
        if interval is not None and self.preferred_every_months:
            interval = min(interval, self.preferred_every_months)
        due = add_months(anchor, interval, day_of_month=day_of_month) if interval is not None else None
        # A setback after the anchor pulls the next contact in to a month after it.
        coming = next((first for first, _end in self.periods if first > anchor), None)
        if coming is not None and (due is None or add_months(coming, 1) < due):
            return Position(anchor, credit, add_months(coming, 1), 1, coming, coming.day)
        return Position(anchor, credit, due, interval or 0, anchor, day_of_month)

    def after_contact(self, position: Position, day: date) -> Position:
        """The position once a reached contact on `day` is counted."""
        if position.due is None or day <= position.anchor:
            return position
        third = (position.due - position.interval_start).days // 3
        if day < position.due - timedelta(days=third):
            return position  # an early contact: welcome, but the due date stands
        on_time = day == position.due
        return self.position(
            day, position.credit + position.interval_months, position.day_of_month if on_time else None
        )


def walk(
    start: date,
    *,
    contacts: Iterable[date] = (),
    phases: Sequence[Phase] = DEFAULT_PHASES,
    setbacks: Iterable[date] = (),
    preferred_every_months: int | None = None,
) -> Position:
    """The schedule's position after the reached contacts (dates), counted from `start`."""
    rules = Rules.of(phases, [s for s in setbacks if s >= start], preferred_every_months)
    position = rules.position(start, 0)
    for day in sorted(contacts):
        position = rules.after_contact(position, day)
    return position


def next_due(
    start: date,
    *,
    contacts: Iterable[date] = (),
    phases: Sequence[Phase] = DEFAULT_PHASES,
    setbacks: Iterable[date] = (),
    preferred_every_months: int | None = None,
) -> date | None:
    return walk(
        start, contacts=contacts, phases=phases, setbacks=setbacks, preferred_every_months=preferred_every_months
    ).due


def projected(
    start: date,
    *,
    contacts: Iterable[date] = (),
    phases: Sequence[Phase] = DEFAULT_PHASES,
    setbacks: Iterable[date] = (),
    preferred_every_months: int | None = None,
    count: int = 6,
) -> list[date]:
    """The next due dates, assuming each contact from now on happens on its due date."""
    rules = Rules.of(phases, [s for s in setbacks if s >= start], preferred_every_months)
    position = walk(
        start, contacts=contacts, phases=phases, setbacks=setbacks, preferred_every_months=preferred_every_months
    )
    dates: list[date] = []
    while position.due is not None and len(dates) < count:
        dates.append(position.due)
        position = rules.after_contact(position, position.due)
    return dates


def scheduled_dates(start: date, phases: Sequence[Phase] = DEFAULT_PHASES, setbacks: Iterable[date] = ()) -> list[date]:
    """Every due date of a schedule whose contacts all happen on time."""
    return projected(start, phases=phases, setbacks=setbacks, count=10_000)


def is_overdue(due: date | None, today: date) -> bool:
    return due is not None and (today - due).days > OVERDUE_GRACE_DAYS


@dataclass(frozen=True)
class AvoidWindow:
    """A weekly window of time in the person's own time zone (weekdays: 0 = Monday): either when
    they asked not to be contacted, or, as an allowed window, when they may be ("evenings only")."""

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
    allow: tuple[AvoidWindow, ...] = ()  # if any, every time outside them is to be avoided

    def day_is_closed(self, day: date) -> bool:
        """No time on this day is open for contact: there are allowed windows and none falls on
        its weekday, or a window to avoid covers the whole day. A contact planned for it would
        go against the person's wishes, whatever the hour."""
        weekday = day.weekday()
        if self.allow and not any(weekday in window.weekdays for window in self.allow):
            return True
        return any(
            weekday in window.weekdays and window.start == time(0, 0) and window.end >= time(23, 59)
            for window in self.avoid
        )


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
        outside_allowed = bool(preferences.allow) and not any(window.covers(local) for window in preferences.allow)
        if outside_allowed or any(window.covers(local) for window in preferences.avoid):
            found.append(Conflict.TIME)
    return found
