"""From a person's legal-status steps to the dates still ahead of them (or missed), each with the
rule it comes from in words. Computed every time, never stored: correcting a country's rule or
adding a closure corrects every date at once.

The reminder job (notifications.due.legal_deadlines) and the case's legal page both read
`open_deadlines`, so what the worker is reminded of is what the page shows."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils.translation import gettext as _

from reintegra.legal.calendar import WorkingDays
from reintegra.legal.models import (
    CountryRules,
    DeadlineKind,
    Decision,
    EventKind,
    ProceedingEvent,
    StatusStep,
    StayKind,
    StepKind,
)

# Dates that matter only until they come: a hearing that has happened asks nothing more, so these
# are never reminded of as missed.
UNTIL_THE_DAY = frozenset({DeadlineKind.HEARING, DeadlineKind.SAFETY_BEFORE_HEARING})


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    due_on: date
    step: StatusStep | ProceedingEvent  # the step or event it follows from
    basis: str  # how the date was reached, in words
    caution: str = ""  # what may change it

    @property
    def key(self) -> str:
        """Names this date for the reminder job: a new date (a corrected rule) is a new reminder."""
        return f"legal:{self.step.pk}:{self.kind.value}:{self.due_on.isoformat()}"

    def days_left(self, today: date) -> int:
        return (self.due_on - today).days


def _calendar_cache() -> Callable[[CountryRules], WorkingDays]:
    calendars: dict[int, WorkingDays] = {}

    def calendar_for(rules: CountryRules) -> WorkingDays:
        if rules.pk not in calendars:
            calendars[rules.pk] = WorkingDays.for_rules(rules)
        return calendars[rules.pk]

    return calendar_for


def open_deadlines(
    steps: Iterable[StatusStep], *, calendar_for: Callable[[CountryRules], WorkingDays] | None = None
) -> list[Deadline]:
    """The deadlines the steps leave open, soonest first. Steps are read in date order, and each
    step settles what it answers: a decision the due date for it, a permit the reflection period,
    a renewal the old expiry, "no longer needed" everything. Steps need `country` (with its
    `stay_rules` prefetched) and `stay` loaded."""
    calendar_for = calendar_for or _calendar_cache()
    renewal_lead = timedelta(days=settings.REINTEGRA_PERMIT_RENEWAL_LEAD_DAYS)
    open_by_kind: dict[DeadlineKind, Deadline] = {}
    final_decision_pending = False
    for step in sorted(steps, key=lambda item: (item.on, item.pk)):
        rules = step.country
        if step.kind == StepKind.REFERRED:
            if rules.first_decision_working_days is not None:
                due = calendar_for(rules).add(step.on, rules.first_decision_working_days)
                open_by_kind[DeadlineKind.FIRST_DECISION] = Deadline(
                    DeadlineKind.FIRST_DECISION,
                    due,
                    step,
                    _(
                        "%(country)s: %(n)d working days after the referral of %(day)s, weekends and public holidays not counted"
                    )
                    % {"n": rules.first_decision_working_days, "country": rules, "day": step.on.isoformat()},
                )
            final_decision_pending = True
        elif step.kind == StepKind.FIRST_DECISION:
            open_by_kind.pop(DeadlineKind.FIRST_DECISION, None)
            if step.decision == Decision.NEGATIVE:
                final_decision_pending = False
            elif rules.reflection_starts_with_first_decision:
                _open_reflection(open_by_kind, step, rules)
        elif step.kind == StepKind.FINAL_DECISION:
            open_by_kind.pop(DeadlineKind.FIRST_DECISION, None)
            final_decision_pending = False
        elif step.kind == StepKind.REFLECTION_STARTED:
            _open_reflection(open_by_kind, step, rules)
        elif step.kind == StepKind.PERMIT_GRANTED and step.stay is not None:
            # A permit takes over from the reflection period, and a renewal from the permit before.
            open_by_kind.pop(DeadlineKind.REFLECTION_ENDS, None)
            open_by_kind.pop(DeadlineKind.RENEWAL_DUE, None)
            open_by_kind.pop(DeadlineKind.PERMIT_EXPIRES, None)
            expires, basis = step.valid_until, _("As written on the permit")
            if expires is None:
                expires = step.stay.ends(step.on)
                basis = _("%(country)s: %(permit)s, %(length)s from %(day)s") % {
                    "permit": step.stay.name,
                    "country": rules,
                    "length": step.stay.duration_text(),
                    "day": step.on.isoformat(),
                }
            if expires is not None:
                open_by_kind[DeadlineKind.PERMIT_EXPIRES] = Deadline(DeadlineKind.PERMIT_EXPIRES, expires, step, basis)
                if step.stay.renewable:
                    open_by_kind[DeadlineKind.RENEWAL_DUE] = Deadline(
                        DeadlineKind.RENEWAL_DUE,
                        max(step.on, expires - renewal_lead),
                        step,
                        _("%(days)d days before the permit expires on %(day)s")
                        % {
                            "days": renewal_lead.days,
                            "day": expires.isoformat(),
                        },
                    )
        elif step.kind == StepKind.ENDED:
            open_by_kind.clear()
            final_decision_pending = False
    reflection = open_by_kind.get(DeadlineKind.REFLECTION_ENDS)
    if (
        reflection is not None
        and isinstance(reflection.step, StatusStep)  # always, here: the type checker cannot know
        and final_decision_pending
        and reflection.step.country.reflection_lasts_until_final_decision
    ):
        open_by_kind[DeadlineKind.REFLECTION_ENDS] = Deadline(
            reflection.kind,
            reflection.due_on,
            reflection.step,
            reflection.basis,
            _(
                "It runs on while the final decision is pending (rules for %(country)s): ask for the extension in writing."
            )
            % {"country": reflection.step.country},
        )
    return sorted(open_by_kind.values(), key=lambda deadline: (deadline.due_on, deadline.kind))


def _open_reflection(open_by_kind: dict[DeadlineKind, Deadline], step: StatusStep, rules: CountryRules) -> None:
    rule = next((stay for stay in rules.stay_rules.all() if stay.kind == StayKind.REFLECTION), None)
    if rule is None:
        return
    ends = rule.ends(step.on)
    if ends is None:
        return
    open_by_kind[DeadlineKind.REFLECTION_ENDS] = Deadline(
        DeadlineKind.REFLECTION_ENDS,
        ends,
        step,
        _("%(country)s: reflection period of %(length)s from %(day)s")
        % {"country": rules, "length": rule.duration_text(), "day": step.on.isoformat()},
    )


def hearing_dates(events: Iterable[ProceedingEvent], *, today: date) -> list[Deadline]:
    """For each hearing still to come: the hearing, and a safety reassessment the configured number
    of days before it (a court date brings the person near those they testify against).
    Events need `proceeding` loaded."""
    ahead = timedelta(days=settings.REINTEGRA_SAFETY_BEFORE_HEARING_DAYS)
    dates: list[Deadline] = []
    for event in events:
        if event.kind != EventKind.HEARING or event.on < today:
            continue
        kind = event.proceeding.get_kind_display()
        dates.append(
            Deadline(
                DeadlineKind.HEARING,
                event.on,
                event,
                _("%(kind)s proceeding: hearing set for %(day)s") % {"kind": kind, "day": event.on.isoformat()},
            )
        )
        dates.append(
            Deadline(
                DeadlineKind.SAFETY_BEFORE_HEARING,
                max(today, event.on - ahead),
                event,
                _("%(days)d days before the hearing of %(day)s") % {"days": ahead.days, "day": event.on.isoformat()},
                _("Ask the person how safe they feel going, and who will be there."),
            )
        )
    return sorted(dates, key=lambda deadline: (deadline.due_on, deadline.kind))


def dates_ahead(steps: Iterable[StatusStep], events: Iterable[ProceedingEvent], *, today: date) -> list[Deadline]:
    """Everything the legal page lists, soonest first: the stay's dates and the hearings to come."""
    return sorted(
        [*open_deadlines(steps), *hearing_dates(events, today=today)], key=lambda item: (item.due_on, item.kind)
    )
