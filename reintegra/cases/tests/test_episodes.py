"""Reopening a case starts a new episode, and a case from paper keeps its real opening date."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from conftest import record_final_review, signed_in
from reintegra.cases import actions
from reintegra.cases.models import Case, CaseStatusChange
from reintegra.cases.tests.test_views import registration
from reintegra.plans.models import Action, Plan

pytestmark = pytest.mark.django_db


def _plan_with_action(client, case, worker) -> Action:
    client.post(reverse("plans:plan", args=[case.pk]), {"review_on": "2026-06-01", "in_own_words": "Sewing"})
    client.post(
        reverse("plans:add_action", args=[case.pk]),
        {
            "area": "EDU",
            "description": "Tailoring course at the centre",
            "delivery": "our_team",
            "responsible": worker.pk,
        },
    )
    return Action.objects.get(plan__case=case)


@time_machine.travel("2026-03-02 03:00Z", tick=False)
def test_reopening_keeps_the_old_plan_read_only_and_asks_for_a_new_one(as_worker, worker, case):
    old_action = _plan_with_action(as_worker, case, worker)
    record_final_review(worker, case)
    actions.change_status(actor=worker, case=case, to_status="closed", closure_reason="reintegrated")
    status_url = reverse("cases:change_status", args=[case.pk])
    with time_machine.travel("2027-09-01 03:00Z", tick=False):
        as_worker = signed_in(worker)  # the earlier session has long expired
        as_worker.post(status_url, {"to_status": "active", "reopening_reason": "safety", "requested_by": "person"})
        case.refresh_from_db()
        assert case.episode == 2
        # The copy the supervision list's "reopened in the last 90 days" reads.
        assert case.reopened_at == datetime(2027, 9, 1, 3, 0, tzinfo=UTC)
        page = as_worker.get(reverse("plans:plan", args=[case.pk])).content.decode()
        assert 'id="new-plan-due"' in page and "2027-10-01" in page  # thirty days on
        assert "Plan of episode 1" in page and "Tailoring course at the centre" in page
        # The old plan's review from last year is history, not a due review.
        assert "review due" not in page
        # Nothing on the old plan can change any more: its action is not reachable to write.
        decided = as_worker.post(
            reverse("plans:action_status", args=[case.pk, old_action.pk]), {"status": "done"}, follow=True
        )
        assert decided.status_code == 404
        old_action.refresh_from_db()
        assert old_action.status == "planned"
        as_worker.post(
            reverse("plans:plan", args=[case.pk]), {"review_on": "2027-12-01", "in_own_words": "Safe housing"}
        )
        assert list(Plan.objects.filter(case=case).order_by("episode").values_list("episode", flat=True)) == [1, 2]
        page = as_worker.get(reverse("plans:plan", args=[case.pk])).content.decode()
        assert 'id="new-plan-due"' not in page
        timeline = as_worker.get(reverse("cases:detail", args=[case.pk])).content.decode()
        assert "episode 2" in timeline and "a safety concern or a threat" in timeline


def test_the_old_plan_refuses_changes_in_the_workflow_too(as_worker, worker, case):
    from django.core.exceptions import ValidationError

    from reintegra.plans import actions as plan_actions

    old_action = _plan_with_action(as_worker, case, worker)
    record_final_review(worker, case)
    actions.change_status(actor=worker, case=case, to_status="closed", closure_reason="reintegrated")
    actions.change_status(
        actor=worker, case=case, to_status="active", reopening_reason="new_need", requested_by="family"
    )
    stale = Action.objects.select_related("plan__case").get(pk=old_action.pk)
    with pytest.raises(ValidationError, match="earlier episode"):
        plan_actions.set_action_status(actor=worker, action=stale, status="done")


@time_machine.travel("2026-03-10 03:00Z", tick=False)
def test_a_case_from_paper_keeps_its_real_opening_date_with_the_reason(as_worker):
    url = reverse("cases:register")
    refused = as_worker.post(url, {**registration(), "opening-opened_on": "2025-11-02"})
    assert refused.status_code == 200 and "Say why the case is opened at an earlier date" in refused.content.decode()
    assert not Case.objects.exists()
    future = as_worker.post(url, {**registration(), "opening-opened_on": "2026-04-01"})
    assert future.status_code == 200 and not Case.objects.exists()
    response = as_worker.post(
        url,
        {
            **registration(),
            "opening-opened_on": "2025-11-02",
            "opening-backdated_because": "Opened on paper at the border office",
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302 and case.opened_on == date(2025, 11, 2)
    assert case.number.startswith("SHELTER-2025-")
    first = CaseStatusChange.objects.get(case=case)
    assert first.note == "Opened on paper at the border office"
    timeline = as_worker.get(response.url).content.decode()
    assert "Case opened on 2025-11-02, entered later (backdated)" in timeline
    assert "Opened on paper at the border office" in timeline


def test_each_case_has_a_responsible_case_worker_and_a_supervisor(as_worker, as_supervisor, worker, teammate, case):
    from reintegra.accounts.models import Role, RoleGrant

    assert case.responsible == worker  # whoever opened it, until someone else is named
    page = as_worker.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Responsible case worker" in page and "Supervisor" in page
    RoleGrant.objects.get_or_create(user=teammate, role=Role.CASE_WORKER)
    url = reverse("cases:edit_team", args=[case.pk])
    refused = as_supervisor.post(url, {"team": [worker.pk], "responsible": teammate.pk})
    assert refused.status_code == 200 and "must be on the team" in refused.content.decode()
    as_supervisor.post(url, {"team": [worker.pk, teammate.pk], "responsible": teammate.pk})
    case.refresh_from_db()
    assert case.responsible == teammate
    as_supervisor.post(url, {"team": [worker.pk]})  # the responsible worker leaves the team
    case.refresh_from_db()
    assert case.responsible == worker
