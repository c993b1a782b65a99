"""Deadlines against dates worked out by hand, for each seeded country, with a calendar open beside
them: which weekday each date is, and which public holidays fall inside the window."""

from __future__ import annotations

from datetime import date
from itertools import count

import pytest

from reintegra.legal.calendar import WorkingDays
from reintegra.legal.deadlines import open_deadlines
from reintegra.legal.models import Closure, CountryRules, DeadlineKind, Decision, StatusStep, StayKind, StepKind

pytestmark = pytest.mark.django_db

_ids = count(1)


def rules(code: str) -> CountryRules:
    return CountryRules.objects.prefetch_related("stay_rules").get(country=code)


def step(country: CountryRules, kind: str, on: str, *, decision: str = "", stay: str = "", valid_until: str = ""):
    # Unsaved steps with ids of their own: the computation reads values only.
    return StatusStep(
        pk=next(_ids),
        country=country,
        kind=kind,
        on=date.fromisoformat(on),
        decision=decision,
        stay=country.stay_rules.get(kind=stay) if stay else None,
        valid_until=date.fromisoformat(valid_until) if valid_until else None,
    )


def due(deadlines, kind: DeadlineKind) -> str:
    return next(item.due_on.isoformat() for item in deadlines if item.kind == kind)


# Five working days in each country, across one of its public holidays. Worked by hand:
# GB (England): Wed 23 Dec 2026; Thu 24 is 1; Fri 25 Christmas, the weekend, Mon 28 Boxing Day
# (observed, the 26th being a Saturday); Tue 29 to Thu 31 are 2 to 4; Fri 1 Jan is New Year; Mon 4 Jan is 5.
# GB (England) at Easter: Thu 25 Mar 2027; Good Friday 26, Easter Monday 29; Tue 30 to Fri 2 Apr are 1 to 4; Mon 5 is 5.
# GB (Scotland) the same week: Easter Monday is no holiday there, so Mon 29 is 1 and Fri 2 Apr is 5.
# BE: Mon 9 Nov 2026; Wed 11 is Armistice Day; Tue 10, Thu 12, Fri 13, Mon 16, Tue 17.
# FR: Mon 12 Jul 2027; Wed 14 is the national day; Tue 13, Thu 15, Fri 16, Mon 19, Tue 20.
# IT: Mon 31 May 2027; Wed 2 Jun is Republic Day; Tue 1, Thu 3, Fri 4, Mon 7, Tue 8.
# HU: Thu 22 Oct 2026; Fri 23 is the national day; Mon 26 to Fri 30 are 1 to 5.
@pytest.mark.parametrize(
    ("country", "subdivision", "start", "expected"),
    [
        ("GB", "ENG", "2026-12-23", "2027-01-04"),
        ("GB", "ENG", "2027-03-25", "2027-04-05"),
        ("GB", "SCT", "2027-03-25", "2027-04-02"),
        ("BE", "", "2026-11-09", "2026-11-17"),
        ("FR", "", "2027-07-12", "2027-07-20"),
        ("IT", "", "2027-05-31", "2027-06-08"),
        ("HU", "", "2026-10-22", "2026-10-30"),
    ],
)
def test_five_working_days_skip_weekends_and_public_holidays(country, subdivision, start, expected):
    calendar = WorkingDays(country, subdivision=subdivision)
    assert calendar.add(date.fromisoformat(start), 5).isoformat() == expected


def test_the_day_of_receipt_is_not_counted_and_a_sunday_start_counts_from_monday():
    calendar = WorkingDays("BE")
    assert calendar.add(date(2026, 12, 6), 1) == date(2026, 12, 7)  # Sun -> Mon
    assert calendar.add(date(2026, 12, 7), 0) == date(2026, 12, 7)


def test_a_local_closure_is_skipped_like_a_holiday():
    be = rules("BE")
    Closure.objects.create(country=be, day=date(2026, 11, 10), reason="Strike of the offices")
    # As above, without Tue 10: Thu 12, Fri 13, Mon 16, Tue 17, Wed 18.
    assert WorkingDays.for_rules(be).add(date(2026, 11, 9), 5) == date(2026, 11, 18)


def test_uk_referral_first_decision_reflection_and_extension():
    gb = rules("GB")
    referred = step(gb, StepKind.REFERRED, "2026-12-23")
    deadlines = open_deadlines([referred])
    assert due(deadlines, DeadlineKind.FIRST_DECISION) == "2027-01-04"
    assert "5 working days" in deadlines[0].basis

    # A positive first decision on the due day starts 45 days of reflection: 4 Jan + 45 = 18 Feb.
    decided = step(gb, StepKind.FIRST_DECISION, "2027-01-04", decision=Decision.POSITIVE)
    deadlines = open_deadlines([referred, decided])
    assert [item.kind for item in deadlines] == [DeadlineKind.REFLECTION_ENDS]
    assert due(deadlines, DeadlineKind.REFLECTION_ENDS) == "2027-02-18"
    assert "final decision is pending" in deadlines[0].caution

    final = step(gb, StepKind.FINAL_DECISION, "2027-02-10", decision=Decision.POSITIVE)
    deadlines = open_deadlines([referred, decided, final])
    assert deadlines[0].caution == ""

    # The one-year permit granted on 1 Mar 2027 expires on 1 Mar 2028; renewal 60 days before,
    # 1 Jan 2028 (2028 is a leap year: 29 days of February, 31 of January).
    granted = step(gb, StepKind.PERMIT_GRANTED, "2027-03-01", stay=StayKind.TEMPORARY_PERMIT)
    deadlines = open_deadlines([referred, decided, final, granted])
    assert [(item.kind, item.due_on.isoformat()) for item in deadlines] == [
        (DeadlineKind.RENEWAL_DUE, "2028-01-01"),
        (DeadlineKind.PERMIT_EXPIRES, "2028-03-01"),
    ]


def test_a_negative_first_decision_opens_no_reflection():
    gb = rules("GB")
    deadlines = open_deadlines(
        [
            step(gb, StepKind.REFERRED, "2026-12-23"),
            step(gb, StepKind.FIRST_DECISION, "2026-12-30", decision=Decision.NEGATIVE),
        ]
    )
    assert deadlines == []


@pytest.mark.parametrize(
    ("country", "start", "reflection_ends"),
    [
        ("BE", "2026-12-04", "2027-01-18"),  # 45 days: 27 left in December, 18 in January
        ("FR", "2026-12-04", "2027-01-03"),  # 30 days
        ("HU", "2026-12-04", "2027-01-03"),  # 30 days
        ("IT", "2026-11-30", "2027-02-28"),  # 3 months; February has no 30th
    ],
)
def test_reflection_period_per_country(country, start, reflection_ends):
    deadlines = open_deadlines([step(rules(country), StepKind.REFLECTION_STARTED, start)])
    assert due(deadlines, DeadlineKind.REFLECTION_ENDS) == reflection_ends


def test_belgian_permits_take_over_from_reflection_and_renewals_from_each_other():
    be = rules("BE")
    reflection = step(be, StepKind.REFLECTION_STARTED, "2026-12-04")
    # Three months from 18 Jan 2027 is 18 Apr; 60 days before: 30 back is 19 Mar, 30 more is 17 Feb.
    temporary = step(be, StepKind.PERMIT_GRANTED, "2027-01-18", stay=StayKind.TEMPORARY_PERMIT)
    deadlines = open_deadlines([reflection, temporary])
    assert [(item.kind, item.due_on.isoformat()) for item in deadlines] == [
        (DeadlineKind.RENEWAL_DUE, "2027-02-17"),
        (DeadlineKind.PERMIT_EXPIRES, "2027-04-18"),
    ]
    # The six-month permit as written on the card (a day short of six months) wins over the rule.
    longer = step(be, StepKind.PERMIT_GRANTED, "2027-04-10", stay=StayKind.LONG_TERM_PERMIT, valid_until="2027-10-09")
    deadlines = open_deadlines([reflection, temporary, longer])
    assert due(deadlines, DeadlineKind.PERMIT_EXPIRES) == "2027-10-09"
    assert due(deadlines, DeadlineKind.RENEWAL_DUE) == "2027-08-10"
    assert deadlines[-1].basis == "As written on the permit"


def test_french_ten_year_permit_and_an_ending_that_clears_everything():
    fr = rules("FR")
    granted = step(fr, StepKind.PERMIT_GRANTED, "2027-02-28", stay=StayKind.LONG_TERM_PERMIT)
    assert due(open_deadlines([granted]), DeadlineKind.PERMIT_EXPIRES) == "2037-02-28"
    ended = step(fr, StepKind.ENDED, "2027-06-01")
    assert open_deadlines([granted, ended]) == []


def test_hungary_has_no_longer_permit_and_a_rule_without_length_gives_no_date():
    hu = rules("HU")
    assert not hu.stay_rules.filter(kind=StayKind.LONG_TERM_PERMIT).exists()
    temporary = hu.stay_rules.get(kind=StayKind.TEMPORARY_PERMIT)
    temporary.duration_months = None
    temporary.save()
    hu = rules("HU")
    assert open_deadlines([step(hu, StepKind.PERMIT_GRANTED, "2027-01-05", stay=StayKind.TEMPORARY_PERMIT)]) == []


def test_a_corrected_rule_moves_the_date():
    # An administrator finds the Belgian reflection period is now 90 days: every date follows.
    be = rules("BE")
    be.stay_rules.filter(kind=StayKind.REFLECTION).update(duration_days=90)
    deadlines = open_deadlines([step(rules("BE"), StepKind.REFLECTION_STARTED, "2026-12-04")])
    assert due(deadlines, DeadlineKind.REFLECTION_ENDS) == "2027-03-04"


def test_a_working_day_deadline_an_administrator_adds_to_a_country_without_one():
    be = rules("BE")
    be.first_decision_working_days = 5
    be.save()
    deadlines = open_deadlines([step(rules("BE"), StepKind.REFERRED, "2026-11-09")])
    assert due(deadlines, DeadlineKind.FIRST_DECISION) == "2026-11-17"


def test_the_configuration_pages_show_a_countrys_rules_and_a_closure_then_counts():
    from conftest import make_user, signed_in

    admin_user = make_user("configurer", None)
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client = signed_in(admin_user)
    be = rules("BE")
    page = client.get(f"/admin/legal/countryrules/{be.pk}/change/")
    assert page.status_code == 200 and "Temporary stay document" in page.content.decode()
    assert client.get("/admin/legal/countryrules/").status_code == 200
    # The seeded figures are marked as historical where the administrator edits them.
    assert "2012-2013" in page.content.decode()
    assert Closure.objects.count() == 0
    be.closures.create(day=date(2026, 11, 10), reason="Offices closed")
    assert WorkingDays.for_rules(rules("BE")).add(date(2026, 11, 9), 1) == date(2026, 11, 12)
