"""Working days of one country: not a Saturday or Sunday, not a public holiday (from the
`holidays` package, for the country or the region its rules name), not a local closure an
administrator recorded."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import holidays

# A deadline of a few dozen working days spans a year end at most; this bounds the walk should a
# calendar ever mark every day closed (a misconfigured closure list must not hang a page).
LONGEST_WALK_DAYS = 3 * 366


class WorkingDays:
    def __init__(self, country: str, *, subdivision: str = "", closures: Iterable[date] = ()) -> None:
        self.country = country
        # holidays extends itself to any year asked (expand=True is its default).
        self.public_holidays = holidays.country_holidays(country, subdiv=subdivision or None)
        self.closures = frozenset(closures)

    @classmethod
    def for_rules(cls, rules: object) -> WorkingDays:
        """The calendar of a CountryRules, with its closures (one query)."""
        return cls(
            str(rules.country),  # type: ignore[attr-defined]
            subdivision=rules.holiday_subdivision,  # type: ignore[attr-defined]
            closures=rules.closures.values_list("day", flat=True),  # type: ignore[attr-defined]
        )

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.public_holidays and day not in self.closures

    def add(self, start: date, working_days: int) -> date:
        """The day `working_days` working days after `start`; the day of `start` itself is not
        counted, whatever it is (a referral received on a Sunday has its first day on Monday)."""
        if working_days < 0:
            raise ValueError("a number of working days is not negative")
        day, counted = start, 0
        limit = start + timedelta(days=LONGEST_WALK_DAYS)
        while counted < working_days:
            day += timedelta(days=1)
            if day > limit:
                raise ValueError("no working day within three years: check the closures")
            if self.is_working_day(day):
                counted += 1
        return day
