"""Follow-up through HTTP, with a controlled clock: schedule, contacts, preferences, caseload."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import signed_in
from reintegra.followups.models import Contact, ContactPreference, FollowUp

pytestmark = pytest.mark.django_db


def start(client, case, on="2026-01-15"):
    return client.post(reverse("followups:start", args=[case.pk]), {"starts_on": on})


def contact(client, case, on, outcome="reached", channel="phone", when="10:00", **extra):
    data = {"on": on, "time": when, "channel": channel, "outcome": outcome, "issues_raised": "", "note": ""}
    data.update(extra)
    return client.post(reverse("followups:followup", args=[case.pk]), data)


def prefer(client, case, **overrides):
    data = {
        "channels": ["phone", "message"],
        "avoid_days": ["0", "1", "2", "3", "4"],
        "avoid_from": "08:00",
        "avoid_to": "17:00",
        "timezone": "Asia/Bangkok",
        "who_may_answer": "Only her",
        "what_may_be_said": "Say you are from the sewing school",
    }
    data.update(overrides)
    return client.post(reverse("followups:preferences", args=[case.pk]), data)


@time_machine.travel("2026-03-20 09:00Z")
def test_schedule_moves_with_contacts(worker, case):
    client = signed_in(worker)
    start(client, case)
    followup = FollowUp.objects.get(case=case)
    assert followup.next_due_on == date(2026, 2, 15)
    contact(client, case, "2026-02-16")
    followup.refresh_from_db()
    # A day late still satisfies the due date, and the next month counts from the contact.
    assert (followup.last_contact_on, followup.next_due_on) == (date(2026, 2, 16), date(2026, 3, 16))
    page = client.get(reverse("followups:followup", args=[case.pk])).content.decode()
    assert 'id="next-due">2026-03-16' in page


def test_contact_against_preferences_is_warned_and_needs_acknowledgement(as_worker, case):
    start(as_worker, case)
    prefer(as_worker, case)
    # Times are typed in the shelter's zone (Ho Chi Minh City, UTC+7, as Bangkok). 17:00 on a
    # Monday is after her working hours.
    assert contact(as_worker, case, "2026-02-16", when="17:00").status_code == 302
    # 10:00 is during work: warned, not recorded.
    response = contact(as_worker, case, "2026-02-17", when="10:00")
    assert response.status_code == 200 and "preference-conflict" in response.content.decode()
    home = contact(as_worker, case, "2026-02-18", channel="home_visit", when="12:00")
    assert "does not want home visits" in home.content.decode()
    assert Contact.objects.count() == 1
    # She called from a friend's phone at a time she chose: recorded with the acknowledgement.
    acknowledged = contact(as_worker, case, "2026-02-17", when="10:00", acknowledge="on")
    assert acknowledged.status_code == 302
    assert Contact.objects.latest("pk").conflicts_acknowledged == ["time"]


def test_preferences_are_encrypted(as_worker, case):
    prefer(as_worker, case)
    with connection.cursor() as cursor:
        cursor.execute("SELECT who_may_answer, what_may_be_said FROM followups_contactpreference")
        who, what = cursor.fetchone()
    assert who.startswith("v2.") and "sewing" not in what


def test_missed_contacts_flag_lost_contact_on_the_caseload(as_worker, case):
    start(as_worker, case)
    for day in ("2026-02-15", "2026-02-22", "2026-03-01"):
        contact(as_worker, case, day, outcome="no_answer")
    assert FollowUp.objects.get(case=case).contact_may_be_lost
    page = as_worker.get(reverse("cases:caseload")).content.decode()
    assert "out of reach?" in page
    contact(as_worker, case, "2026-03-02")
    assert not FollowUp.objects.get(case=case).contact_may_be_lost


def test_caseload_counts_overdue_and_due(worker, case):
    with time_machine.travel("2026-01-20 09:00Z"):
        start(signed_in(worker), case)
    with time_machine.travel("2026-02-10 09:00Z"):
        page = signed_in(worker).get(reverse("cases:caseload")).content.decode()
        assert "1 due within a week" in page and "0 contacts overdue" in page
    with time_machine.travel("2026-02-25 09:00Z"):
        client = signed_in(worker)
        page = client.get(reverse("cases:caseload")).content.decode()
        assert "1 contact overdue" in page and "overdue</span>" in page
        assert case.number in client.get(reverse("cases:caseload") + "?due=overdue").content.decode()


def test_future_contacts_and_bad_input_are_refused(as_worker, case):
    start(as_worker, case)
    assert contact(as_worker, case, "2999-01-01").status_code == 200
    assert contact(as_worker, case, "2026-02-01", channel="pigeon").status_code == 200
    assert not Contact.objects.exists()
    prefer(as_worker, case, avoid_to="")
    assert not ContactPreference.objects.exists()


def test_strangers_get_404(as_teammate, as_outsider, as_worker, case):
    start(as_worker, case)
    for client in (as_teammate, as_outsider):
        assert client.get(reverse("followups:followup", args=[case.pk])).status_code == 404
        assert contact(client, case, "2026-02-01").status_code == 404
        assert prefer(client, case).status_code == 404
    assert not Contact.objects.exists()


def test_followup_page_queries_do_not_grow(as_worker, case):
    start(as_worker, case)
    prefer(as_worker, case)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert as_worker.get(reverse("followups:followup", args=[case.pk])).status_code == 200
        return len(captured)

    contact(as_worker, case, "2026-02-16")
    small = count()
    for day in range(17, 28):
        contact(as_worker, case, f"2026-02-{day}", when="20:00")
    assert count() == small


def test_a_manager_outside_the_team_gets_no_safety_details(worker, case, manager_elsewhere):
    client = signed_in(worker)
    start(client, case)
    prefer(client, case)
    contact(client, case, "2026-02-16", when="18:00", issues_raised="Distinctive worry about the landlord")
    outsider = signed_in(manager_elsewhere)
    page = outsider.get(reverse("followups:followup", args=[case.pk]))
    assert page.status_code == 404
    assert "Only her" not in page.content.decode()
    assert outsider.post(reverse("followups:followup", args=[case.pk]), {}).status_code == 404
    assert contact(outsider, case, "2026-02-17").status_code == 404
    assert prefer(outsider, case, who_may_answer="Anyone").status_code == 404
    assert Contact.objects.filter(case=case).count() == 1
    assert ContactPreference.objects.get(case=case).who_may_answer == "Only her"
    from reintegra.accounts.models import ApiToken

    _token, secret = ApiToken.issue(manager_elsewhere)
    api = outsider.get(f"/api/v1/cases/{case.pk}/followup", headers={"Authorization": f"Bearer {secret}"})
    assert api.status_code == 404 and "landlord" not in api.content.decode()
