from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from reintegra.followups.schedule import (
    DEFAULT_PHASES,
    AvoidWindow,
    Conflict,
    Phase,
    Preferences,
    add_months,
    base_offsets,
    conflicts,
    is_overdue,
    next_due,
    scheduled_dates,
)


def test_default_phases_taper_off():
    assert base_offsets(DEFAULT_PHASES) == [1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 18, 21, 24, 27, 30, 33, 36]


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 1, 31), 2, date(2026, 3, 31)),  # no drift from February
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
    ],
)
def test_month_arithmetic_at_month_ends(start, months, expected):
    assert add_months(start, months) == expected


def test_schedule_from_the_31st_never_drifts():
    dates = scheduled_dates(date(2026, 1, 31))
    assert dates[:4] == [date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30), date(2026, 5, 31)]
    assert dates[-1] == date(2029, 1, 31)


def test_next_due_follows_the_last_contact():
    start = date(2026, 1, 15)
    assert next_due(start, last_contact=None) == date(2026, 2, 15)
    assert next_due(start, last_contact=date(2026, 2, 20)) == date(2026, 3, 15)
    assert next_due(start, last_contact=date(2026, 7, 1)) == date(2026, 7, 15)  # slots are fixed from the start
    assert next_due(start, last_contact=date(2026, 7, 20)) == date(2026, 9, 15)  # two-monthly phase
    assert next_due(start, last_contact=date(2027, 2, 1)) == date(2027, 4, 15)  # quarterly
    assert next_due(start, last_contact=date(2029, 1, 15)) is None  # schedule complete


def test_a_setback_brings_back_monthly_contact():
    start = date(2026, 1, 15)
    setback = date(2027, 5, 10)  # in the quarterly phase
    assert next_due(start, last_contact=setback) == date(2027, 7, 15)
    assert next_due(start, last_contact=setback, setbacks=[setback]) == date(2027, 6, 10)
    assert next_due(start, last_contact=date(2027, 6, 10), setbacks=[setback]) == date(2027, 7, 10)


def test_a_setback_after_the_schedule_ended_reopens_it():
    start = date(2023, 1, 15)
    assert next_due(start, last_contact=date(2026, 2, 1)) is None
    assert next_due(start, last_contact=date(2026, 2, 1), setbacks=[date(2026, 3, 31)]) == date(2026, 4, 30)


def test_custom_phases_and_bad_ones():
    assert base_offsets([Phase(3, 1), Phase(12, 3)]) == [1, 2, 3, 6, 9, 12]
    for bad in ([], [Phase(6, 0)], [Phase(6, 1), Phase(6, 2)], [Phase(1, 2)], [Phase(6, 1), Phase(8, 3)]):
        with pytest.raises(ValueError):
            base_offsets(bad)


def test_overdue_after_a_week_of_grace():
    assert not is_overdue(date(2026, 3, 1), date(2026, 3, 8))
    assert is_overdue(date(2026, 3, 1), date(2026, 3, 9))
    assert not is_overdue(None, date(2026, 3, 9))


PREFS = Preferences(
    channels=frozenset({"phone", "message"}),
    home_visits=False,
    avoid=(AvoidWindow(frozenset({0, 1, 2, 3, 4}), time(8, 0), time(17, 0)),),  # working hours
    timezone="Asia/Bangkok",
)


def test_channel_and_home_visit_conflicts():
    assert conflicts(PREFS, channel="phone", at=None) == []
    assert conflicts(PREFS, channel="meeting", at=None) == [Conflict.CHANNEL]
    assert conflicts(PREFS, channel="home_visit", at=None) == [Conflict.HOME_VISIT]


def test_times_are_checked_in_the_persons_time_zone():
    # 02:00 UTC on a Monday is 09:00 in Bangkok: inside her working hours.
    assert conflicts(PREFS, channel="phone", at=datetime(2026, 3, 2, 2, 0, tzinfo=UTC)) == [Conflict.TIME]
    # 11:00 UTC is 18:00 in Bangkok: fine.
    assert conflicts(PREFS, channel="phone", at=datetime(2026, 3, 2, 11, 0, tzinfo=UTC)) == []
    # Saturday morning in Bangkok is fine, though it is still Friday night in UTC.
    assert conflicts(PREFS, channel="phone", at=datetime(2026, 3, 6, 20, 0, tzinfo=UTC)) == []


def test_windows_across_midnight_and_daylight_saving():
    night = Preferences(
        frozenset(), True, (AvoidWindow(frozenset(range(7)), time(21, 0), time(7, 0)),), "Europe/London"
    )
    # 06:30 local on the first day of British summer time (UTC+1) is 05:30 UTC.
    assert conflicts(night, channel="phone", at=datetime(2026, 3, 29, 5, 30, tzinfo=UTC)) == [Conflict.TIME]
    # 07:30 local the same day is 06:30 UTC: outside the window.
    assert conflicts(night, channel="phone", at=datetime(2026, 3, 29, 6, 30, tzinfo=UTC)) == []
    london = ZoneInfo("Europe/London")
    assert conflicts(night, channel="phone", at=datetime(2026, 12, 31, 23, 59, tzinfo=london)) == [Conflict.TIME]


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        conflicts(PREFS, channel="phone", at=datetime(2026, 3, 2, 9, 0))
