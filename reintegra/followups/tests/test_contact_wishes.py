"""Contact wishes have one home: the follow-up's preferences, which the schedule and every
contact are checked against, and which the assessment's case-management area points to."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from reintegra.followups.models import Contact, FollowUp
from reintegra.followups.tests.test_followups import contact, prefer, start

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-03-20 09:00Z")
def test_the_persons_wish_for_monthly_contact_shortens_the_schedule(as_worker, case):
    start(as_worker, case, on="2025-06-15")
    followup = FollowUp.objects.get(case=case)
    for day in ("2025-07-15", "2025-08-15", "2025-09-15", "2025-10-15", "2025-11-15", "2025-12-15"):
        contact(as_worker, case, day, when="19:00")
    followup.refresh_from_db()
    assert followup.next_due_on == date(2026, 2, 15)  # six monthly contacts made: every two months now
    prefer(as_worker, case, preferred_every_months="1")
    followup.refresh_from_db()
    assert followup.next_due_on == date(2026, 1, 15)  # what she asked for: monthly


def test_evenings_only_makes_a_morning_call_go_against_her_wishes(as_worker, case):
    start(as_worker, case)
    weekdays = ["0", "1", "2", "3", "4", "5", "6"]
    prefer(
        as_worker,
        case,
        avoid_days=[],
        avoid_from="",
        avoid_to="",
        allow_days=weekdays,
        allow_from="18:00",
        allow_to="21:00",
    )
    # 10:00 on a Monday in the office's zone (UTC+7, as the person's): outside her evening window.
    warned = contact(as_worker, case, "2026-02-16", when="10:00")
    assert warned.status_code == 200 and "against the person" in warned.content.decode()
    assert not Contact.objects.exists()
    assert contact(as_worker, case, "2026-02-16", when="19:30").status_code == 302


def test_half_an_allowed_window_is_refused_with_a_message(as_worker, case):
    start(as_worker, case)
    response = prefer(as_worker, case, allow_days=["0"], allow_from="18:00", allow_to="")
    page = as_worker.get(reverse("followups:followup", args=[case.pk]), follow=True).content.decode()
    assert response.status_code == 302 and "the only times to get in touch" in page


def test_the_assessment_area_points_to_the_one_record_of_contact_wishes(as_worker, as_manager_elsewhere, case):
    start(as_worker, case)
    prefer(as_worker, case, channels=["phone"], preferred_every_months="1")
    as_worker.post(reverse("assessments:list", args=[case.pk]), {"assessed_on": "2026-01-20", "reason": "first"})
    page = as_worker.get(reverse("assessments:edit_area", args=[case.pk, 1, "CAS"])).content.decode()
    assert 'id="contact-wishes"' in page and "Phone call" in page and "Every month" in page
    assert 'name="followup_channels"' not in page and 'name="followup_frequency"' not in page
    outside = as_manager_elsewhere.get(reverse("assessments:edit_area", args=[case.pk, 1, "CAS"]))
    # A manager off the team may edit the area but does not open the safety section.
    assert outside.status_code == 200
    assert (
        "Phone call" not in outside.content.decode()
        and "records these on the follow-up page" in outside.content.decode()
    )


@time_machine.travel("2026-03-20 09:00Z")
def test_an_intensive_follow_up_assessed_keeps_contact_monthly(as_worker, case):
    start(as_worker, case, on="2025-06-15")
    for day in ("2025-07-15", "2025-08-15", "2025-09-15", "2025-10-15", "2025-11-15", "2025-12-15"):
        contact(as_worker, case, day, when="19:00")
    as_worker.post(reverse("assessments:list", args=[case.pk]), {"assessed_on": "2026-01-20", "reason": "first"})
    as_worker.post(
        reverse("assessments:edit_area", args=[case.pk, 1, "CAS"]),
        {"observed_on": "2026-01-20", "source": "self_report", "intensity": "intensive"},
    )
    assert FollowUp.objects.get(case=case).next_due_on == date(2026, 1, 15)


def weekend_evenings_only(client, case):
    prefer(
        client,
        case,
        avoid_days=[],
        avoid_from="",
        avoid_to="",
        allow_days=["5", "6"],
        allow_from="18:00",
        allow_to="21:00",
    )


@time_machine.travel("2026-01-16 03:00Z", tick=False)
def test_a_due_date_on_a_day_closed_to_contact_is_flagged_when_it_is_planned(as_worker, case):
    start(as_worker, case)  # 15 Jan 2026: due 15 Feb (a Sunday), 15 Mar (a Sunday), 15 Apr (a Wednesday)...
    weekend_evenings_only(as_worker, case)
    page = as_worker.get(reverse("followups:followup", args=[case.pk])).content.decode()
    upcoming = page.split('id="upcoming"')[1].split("</p>")[0]
    assert "2026-04-15 <span" in upcoming and "2026-02-15 <span" not in upcoming


@time_machine.travel("2026-01-20 09:00Z")
def test_a_plan_action_on_a_day_closed_to_contact_warns_when_it_is_planned(as_worker, worker, case):
    from reintegra.plans.tests.test_plans import add_action

    start(as_worker, case)
    weekend_evenings_only(as_worker, case)
    as_worker.post(reverse("plans:plan", args=[case.pk]), {"review_on": "2026-12-01", "in_own_words": "Work"})
    # Weekends only: Wednesday 4 February is closed, Saturday 7 February is open.
    warned = add_action(as_worker, case, worker, starts_on="2026-02-04", due_on="2026-02-07")
    assert warned.status_code == 302
    page = as_worker.get(reverse("plans:plan", args=[case.pk])).content.decode()
    assert "2026-02-04 is a day the person asked not to be contacted on" in page
    assert page.count("On a day the person asked not to be contacted") == 1
    add_action(as_worker, case, worker, description="Market visit", starts_on="2026-02-07", due_on="2026-02-08")
    page = as_worker.get(reverse("plans:plan", args=[case.pk])).content.decode()
    assert "asked not to be contacted on" not in page  # the earlier message was shown once
    assert page.count("On a day the person asked not to be contacted") == 1
