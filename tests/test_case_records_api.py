"""The plans, followups and outcomes API operations, through the same access layer as the screens."""

from datetime import date

import pytest

from conftest import make_user
from reintegra.accounts.models import ApiToken, Role
from reintegra.cases.access import get_case_for_user
from reintegra.followups.actions import start_followup
from reintegra.outcomes.actions import record_review, record_setback
from reintegra.plans.actions import add_action, create_plan

pytestmark = pytest.mark.django_db


def bearer(user):
    _token, secret = ApiToken.issue(user)
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def busy_case(worker, case):
    plan = create_plan(actor=worker, case=case, review_on=date(2026, 12, 1))
    add_action(actor=worker, plan=plan, area="EDU", description="Tailoring course", responsible=worker)
    add_action(actor=worker, plan=plan, area="MED", description="Dental care", responsible=worker)
    start_followup(actor=worker, case=case, starts_on=date(2026, 1, 15))
    ratings = dict.fromkeys(("O1", "O2", "O3", "O4", "O5", "O6", "O7", "O8", "O9", "O10"), ("3", "4", ""))
    record_review(actor=worker, case=case, reviewed_on=date(2026, 2, 1), kind="baseline", ratings=ratings)
    record_setback(actor=worker, case=case, occurred_on=date(2026, 3, 1), kind="illness")
    return get_case_for_user(worker, case.pk)


def test_the_team_reads_plan_followup_and_outcomes(client, worker, busy_case):
    headers = bearer(worker)
    plan = client.get(f"/api/v1/cases/{busy_case.pk}/plan", headers=headers).json()
    assert sorted(a["description"] for a in plan["actions"]) == ["Dental care", "Tailoring course"]
    followup = client.get(f"/api/v1/cases/{busy_case.pk}/followup", headers=headers).json()
    assert followup["started"] and followup["next_due_on"] == "2026-02-15"
    outcomes = client.get(f"/api/v1/cases/{busy_case.pk}/outcomes", headers=headers).json()
    assert outcomes["reviews"][0]["ratings"][0] == {"outcome": "O1", "worker_score": "3", "person_score": "4"}
    assert outcomes["setbacks"] == [{"occurred_on": "2026-03-01", "kind": "illness"}]


def test_a_manager_outside_the_team_gets_less(client, shelter, busy_case):
    headers = bearer(make_user("manager2", shelter, Role.CASE_MANAGER))
    plan = client.get(f"/api/v1/cases/{busy_case.pk}/plan", headers=headers).json()
    assert [a["description"] for a in plan["actions"]] == ["Tailoring course"]  # health stays with the team
    assert client.get(f"/api/v1/cases/{busy_case.pk}/outcomes", headers=headers).status_code == 403


def test_openapi_lists_every_tag(client):
    schema = client.get("/api/v1/openapi.json").json()
    tags = {tag for operation in schema["paths"].values() for details in operation.values() for tag in details["tags"]}
    assert {"cases", "assessments", "plans", "followups", "outcomes", "consents"} <= tags
