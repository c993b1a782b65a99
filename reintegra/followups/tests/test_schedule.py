from datetime import UTC, date, datetime, time, timedelta
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
    projected,
    scheduled_dates,
    validate_phases,
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


START = date(2026, 1, 15)
ON_TIME = scheduled_dates(START)  # 15 Feb 2026 ... 15 Jan 2029, seventeen dates


def test_on_time_contacts_give_the_default_taper():
    assert ON_TIME[:10] == [
        *(date(2026, month, 15) for month in range(2, 8)),  # six monthly
        date(2026, 9, 15),
        date(2026, 11, 15),
        date(2027, 1, 15),  # three every two months
        date(2027, 4, 15),  # then quarterly
    ]
    assert (len(ON_TIME), ON_TIME[-1]) == (17, date(2029, 1, 15))
    assert next_due(START, contacts=ON_TIME) is None  # the schedule is over


def test_tapering_advances_only_after_contacts_that_happened():
    # Nobody was reached: a year on, the person is still due the first monthly contact, instead
    # of the schedule drifting on to two-monthly and quarterly slots by itself.
    assert next_due(START) == date(2026, 2, 15)
    # Three monthly contacts made, then none: still monthly, counted from the third.
    assert next_due(START, contacts=ON_TIME[:3]) == date(2026, 5, 15)
    # Six made: the two-monthly phase begins.
    assert next_due(START, contacts=ON_TIME[:6]) == date(2026, 9, 15)


def test_a_contact_in_the_last_third_of_an_interval_satisfies_the_due_date():
    # 15 Jan to 15 Feb is 31 days; its last third starts ten days before the due date, on 5 Feb.
    assert next_due(START, contacts=[date(2026, 2, 5)]) == date(2026, 3, 5)  # counts from the contact
    assert next_due(START, contacts=[date(2026, 2, 4)]) == date(2026, 2, 15)  # too early: moves nothing
    assert next_due(START, contacts=[date(2026, 2, 4), date(2026, 2, 10)]) == date(2026, 3, 10)
    assert next_due(START, contacts=[date(2026, 2, 25)]) == date(2026, 3, 25)  # late still counts


def test_overlapping_setbacks_extend_one_intensified_period():
    made = ON_TIME[:9]  # up to 15 Jan 2027; next due quarterly, 15 Apr 2027
    assert next_due(START, contacts=made) == date(2027, 4, 15)
    # A setback on 1 Feb pulls the next contact in to 1 Mar; a second one on 6 Feb stretches the
    # monthly period to 6 May instead of adding 6 Mar, 6 Apr, 6 May beside the first series.
    one = projected(START, contacts=made, setbacks=[date(2027, 2, 1)], count=5)
    assert one == [date(2027, 3, 1), date(2027, 4, 1), date(2027, 5, 1), date(2027, 8, 1), date(2027, 11, 1)]
    two = projected(START, contacts=made, setbacks=[date(2027, 2, 1), date(2027, 2, 6)], count=5)
    assert two == [date(2027, 3, 1), date(2027, 4, 1), date(2027, 5, 1), date(2027, 6, 1), date(2027, 9, 1)]


def test_setback_contacts_earn_a_month_each_so_the_follow_up_does_not_grow():
    with_setback = scheduled_dates(START, setbacks=[date(2027, 2, 1)])
    assert with_setback[-1] <= ON_TIME[-1] + timedelta(days=31)


def test_a_setback_after_the_schedule_ended_reopens_it():
    assert next_due(START, contacts=ON_TIME, setbacks=[date(2029, 3, 31)]) == date(2029, 4, 30)


def test_the_persons_preferred_frequency_is_honoured_where_it_asks_for_more():
    assert next_due(START, contacts=ON_TIME[:6], preferred_every_months=1) == date(2026, 8, 15)
    # Asking for less contact than the first phase does not thin out the first months.
    assert next_due(START, preferred_every_months=3) == date(2026, 2, 15)


def test_contacts_before_the_start_do_not_count():
    assert next_due(START, contacts=[date(2026, 1, 10), date(2026, 1, 15)]) == date(2026, 2, 15)


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


def test_an_allowed_window_makes_every_other_time_a_conflict():
    evenings = AvoidWindow(frozenset(range(7)), time(18, 0), time(21, 0))
    wishes = Preferences(channels=frozenset(), home_visits=False, avoid=(), allow=(evenings,), timezone="Asia/Bangkok")
    assert conflicts(wishes, channel="phone", at=datetime(2026, 2, 16, 12, 0, tzinfo=UTC)) == []  # 19:00 there
    assert conflicts(wishes, channel="phone", at=datetime(2026, 2, 16, 3, 0, tzinfo=UTC)) == [Conflict.TIME]


def test_a_day_is_closed_when_no_allowed_window_falls_on_it_or_an_avoided_one_covers_it():
    weekends = AvoidWindow(frozenset({5, 6}), time(18, 0), time(21, 0))
    allow_weekends = Preferences(frozenset(), False, (), "Asia/Bangkok", allow=(weekends,))
    assert allow_weekends.day_is_closed(date(2026, 4, 15))  # a Wednesday
    assert not allow_weekends.day_is_closed(date(2026, 2, 15))  # a Sunday
    all_monday = AvoidWindow(frozenset({0}), time(0, 0), time(23, 59))
    avoid_mondays = Preferences(frozenset(), False, (all_monday,), "Asia/Bangkok")
    assert avoid_mondays.day_is_closed(date(2026, 2, 16))
    assert not avoid_mondays.day_is_closed(date(2026, 2, 17))


@pytest.mark.parametrize(
    "phases",
    [[Phase(10**7, 1)], [Phase(10**9, 1)], [Phase(121, 1)], [Phase(n, 1) for n in range(1, 14)]],
)
def test_a_schedule_that_would_ask_for_unbounded_work_is_refused(phases):
    with pytest.raises(ValueError, match="at most"):
        validate_phases(phases)
