"""Outcome alerts act: a score of 1 or a drop of two makes a task for the worker, a sign for the
supervisor, and brings monthly contact back. Through HTTP, at a controlled clock."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reintegra.audit.models import AuditRecord
from reintegra.followups.models import FollowUp
from reintegra.followups.tests.test_followups import contact, start
from reintegra.outcomes.tests.test_outcomes import review
from reintegra.tasks.models import Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def followed(as_worker, case):
    """Follow-up from 15 January 2026, every contact made: by August it is every two months."""
    with time_machine.travel("2026-08-20 03:00Z", tick=False):
        start(as_worker, case)
        for on in ("2026-02-15", "2026-03-15", "2026-04-15", "2026-05-15", "2026-06-15", "2026-07-15"):
            contact(as_worker, case, on)
    return case


@time_machine.travel("2026-08-20 03:00Z", tick=False)
def test_a_crisis_score_makes_a_task_a_sign_and_monthly_contact(as_worker, as_supervisor, worker, followed):
    case = followed
    today = date(2026, 8, 20)
    # Every two months after the sixth monthly contact, then every three.
    assert FollowUp.objects.get(case=case).upcoming(after=today, count=3) == [
        date(2026, 9, 15),
        date(2026, 11, 15),
        date(2027, 1, 15),
    ]
    review(as_worker, case, "2026-06-01", worker="3")
    assert not Task.objects.exists()
    response = review(as_worker, case, "2026-08-19", worker="3", O4_worker="1", O4_why="Evicted last week")
    assert response.status_code == 302
    task = Task.objects.get()
    assert (task.assigned_to, task.kind, task.due_on, task.status) == (
        worker,
        "outcome_alert",
        date(2026, 8, 27),
        "open",
    )
    # Monthly again, as after a setback: the contact already due stays, the ones after come monthly.
    followup = FollowUp.objects.get(case=case)
    assert followup.next_due_on == date(2026, 9, 15)
    assert followup.upcoming(after=today, count=3) == [date(2026, 9, 15), date(2026, 10, 15), date(2026, 11, 15)]
    tasks_page = as_worker.get(reverse("tasks:tasks")).content.decode()
    assert case.number in tasks_page and "at 1" in tasks_page
    caseload = as_worker.get(reverse("cases:caseload")).content.decode()
    assert "1 task to do" in caseload
    supervision = as_supervisor.get(reverse("supervision:supervision")).content.decode()
    assert "outcome alert not acted on" in supervision
    assert AuditRecord.objects.filter(action="create_task").count() == 1


@time_machine.travel("2026-08-20 03:00Z", tick=False)
def test_a_drop_of_two_points_makes_a_task_and_a_steady_review_does_not(as_worker, followed):
    case = followed
    review(as_worker, case, "2026-06-01", worker="4")
    review(as_worker, case, "2026-07-01", worker="4", O2_worker="3", O2_why="Lost a client")  # one point: no task
    assert not Task.objects.exists()
    review(as_worker, case, "2026-08-19", worker="4", O2_worker="2", O2_why="Lost the job", O3_worker="2", O3_why="x")
    task = Task.objects.get()
    assert task.outcomes == [["O3", "drop"]]  # O2 fell one point since July, O3 two


@time_machine.travel("2026-08-20 03:00Z", tick=False)
def test_closing_a_task_takes_it_off_the_list_and_the_sign_off_the_supervision_page(as_worker, as_supervisor, followed):
    case = followed
    review(as_worker, case, "2026-08-19", worker="3", O1_worker="1", O1_why="Threats again")
    task = Task.objects.get()
    response = as_worker.post(reverse("tasks:close", args=[task.pk]), {"status": "done"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == "done" and task.closed_at is not None
    assert case.number not in as_worker.get(reverse("tasks:tasks")).content.decode()
    assert (
        "outcome alert not acted on"
        not in as_supervisor.get(reverse("supervision:supervision") + "?show=all").content.decode()
    )
    again = as_worker.post(reverse("tasks:close", args=[task.pk]), {"status": "dismissed"}, follow=True)
    assert "already closed" in again.content.decode()
    assert Task.objects.get().status == "done"


@time_machine.travel("2026-08-20 03:00Z", tick=False)
def test_nobody_else_sees_or_closes_the_task(as_worker, as_teammate, as_manager_elsewhere, as_outsider, followed):
    review(as_worker, followed, "2026-08-19", worker="3", O1_worker="1", O1_why="Threats again")
    task = Task.objects.get()
    for stranger in (as_teammate, as_manager_elsewhere, as_outsider):
        assert stranger.post(reverse("tasks:close", args=[task.pk]), {"status": "done"}).status_code == 404
        assert followed.number not in stranger.get(reverse("tasks:tasks")).content.decode()
    assert Task.objects.get().status == "open"
    bad = as_worker.post(reverse("tasks:close", args=[task.pk]), {"status": "open"})
    assert bad.status_code == 302 and Task.objects.get().status == "open"


@time_machine.travel("2026-08-20 03:00Z", tick=False)
def test_the_tasks_page_costs_the_same_for_one_task_or_many(as_worker, worker, followed, shelter):
    from conftest import person_details
    from reintegra.cases import actions as case_actions

    review(as_worker, followed, "2026-08-19", worker="3", O1_worker="1", O1_why="x")
    with CaptureQueriesContext(connection) as one:
        as_worker.get(reverse("tasks:tasks"))
    for n in range(4):
        other = case_actions.register_person_with_case(
            actor=worker, person=person_details(given_name=f"Other{n}"), case=case_actions.CaseDetails()
        )
        review(as_worker, other, "2026-08-19", worker="3", O1_worker="1", O1_why="x")
    assert Task.objects.count() == 5
    with CaptureQueriesContext(connection) as five:
        page = as_worker.get(reverse("tasks:tasks")).content.decode()
    assert len(five) == len(one) and page.count('id="task-') == 5
    with CaptureQueriesContext(connection) as caseload:
        as_worker.get(reverse("cases:caseload"))
    assert "5 tasks to do" in as_worker.get(reverse("cases:caseload")).content.decode()
    assert len(caseload) < 20
