"""Which dates are plausible: nothing in this work happened before 1900, and nothing is planned
decades ahead. A date outside the range is a typo far more often than a fact."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

EARLIEST = date(1900, 1, 1)
YEARS_AHEAD = 10


def plausibility_error(value: date, *, past_only: bool = False, years_ahead: int = YEARS_AHEAD) -> str | None:
    """Why `value` cannot be right, or None. "Today" is the organisation's (see accounts.middleware)."""
    today = timezone.localdate()
    if value < EARLIEST:
        return _("This date is before 1900. Check the year.")
    if past_only and value > today:
        return _("This date cannot be in the future.")
    try:
        latest = today.replace(year=today.year + years_ahead)
    except ValueError:  # 29 February
        latest = today.replace(year=today.year + years_ahead, day=28)
    if value > latest:
        return _("This date is more than %(years)d years ahead. Check the year.") % {"years": years_ahead}
    return None


def require_plausible(
    *, past: dict[str, date | None] | None = None, ahead: dict[str, date | None] | None = None
) -> None:
    """For workflows: refuse implausible dates with the forms' messages, keyed by field, so that
    the API refuses what the screens refuse. `past` are things that have happened."""
    errors: dict[str, str] = {}
    for past_only, dates in ((True, past or {}), (False, ahead or {})):
        for name, value in dates.items():
            error = plausibility_error(value, past_only=past_only) if value is not None else None
            if error:
                errors[name] = error
    if errors:
        raise ValidationError(errors)
