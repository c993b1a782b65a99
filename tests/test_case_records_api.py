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
    plan = create_plan(actor=worker, case=case, review_on=date(2027, 12, 1))
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
    reviews = client.get(f"/api/v1/cases/{busy_case.pk}/outcomes/reviews", headers=headers).json()
    assert reviews["count"] == 1
    assert reviews["items"][0]["ratings"][0] == {
        "outcome": "O1",
        "worker_score": "3",
        "person_score": "4",
        # No guardian: no third voice.
        "guardian_score": "",
    }
    setbacks = client.get(f"/api/v1/cases/{busy_case.pk}/outcomes/setbacks", headers=headers).json()
    assert setbacks["items"] == [{"occurred_on": "2026-03-01", "kind": "illness"}]


def test_a_manager_outside_the_team_gets_less(client, shelter, busy_case):
    headers = bearer(make_user("manager2", shelter, Role.SUPERVISOR))
    plan = client.get(f"/api/v1/cases/{busy_case.pk}/plan", headers=headers).json()
    assert [a["description"] for a in plan["actions"]] == ["Tailoring course"]  # health stays with the team
    for listed in ("reviews", "setbacks"):
        assert client.get(f"/api/v1/cases/{busy_case.pk}/outcomes/{listed}", headers=headers).status_code == 404


def test_openapi_lists_every_tag(client):
    schema = client.get("/api/v1/openapi.json").json()
    tags = {tag for operation in schema["paths"].values() for details in operation.values() for tag in details["tags"]}
    assert {"cases", "assessments", "plans", "followups", "outcomes", "consents"} <= tags


def post(client, path, headers, data):
    return client.post(path, data, content_type="application/json", headers=headers)


def test_a_plan_is_made_and_delivered_through_the_api(client, worker, case):
    headers, base = bearer(worker), f"/api/v1/cases/{case.pk}/plan"
    assert post(client, base, headers, {"review_on": "2027-12-01", "in_own_words": "Work near home"}).status_code == 201
    goal = post(client, f"{base}/goals", headers, {"area": "ECO", "description": "A small shop"}).json()
    action = post(
        client,
        f"{base}/actions",
        headers,
        {"area": "ECO", "description": "Business training", "responsible_id": worker.pk, "goal_id": goal["id"]},
    ).json()
    assert action["agreement"] == "not_asked" and action["family_member_id"] is None
    decision = {"agreement": "agreed", "decided_on": "2026-01-10", "information_given": "Explained", "language": "vi"}
    assert post(client, f"{base}/actions/{action['id']}/decision", headers, decision).json()["agreement"] == "agreed"
    status = post(client, f"{base}/actions/{action['id']}/status", headers, {"status": "done"})
    assert status.json()["status"] == "done"
    item = {
        "kinds": ["in_kind", "grant"],
        "quantity": 2,
        "amount": "250.00",
        "currency": "usd",
        "given_on": "2026-01-20",
    }
    given = post(client, f"{base}/actions/{action['id']}/support", headers, item).json()
    assert (given["currency"], given["kinds"], given["quantity"]) == ("USD", ["in_kind", "grant"], 2)
    plan = client.get(base, headers=headers).json()
    assert plan["actions"][0]["support_items"][0]["amount"] == "250.00"
    for bad in ({**item, "kinds": []}, {**item, "kinds": ["gift"]}, {**item, "quantity": 0}):
        assert post(client, f"{base}/actions/{action['id']}/support", headers, bad).status_code == 422
    assert len(client.get(base, headers=headers).json()["actions"][0]["support_items"]) == 1


def test_bad_plan_input_is_refused_and_changes_nothing(client, worker, outsider, case):
    from reintegra.plans.models import Action

    headers, base = bearer(worker), f"/api/v1/cases/{case.pk}/plan"
    post(client, base, headers, {"review_on": "2027-12-01"})
    for bad in (
        {"area": "XXX", "description": "x", "responsible_id": worker.pk},
        {"area": "EDU", "description": "x", "responsible_id": outsider.pk},  # another organisation
        {"area": "EDU", "description": "x", "responsible_id": worker.pk, "delivery": "referral"},  # no provider
        {"area": "EDU", "description": "", "responsible_id": worker.pk},
        {"area": "EDU", "description": "x", "responsible_id": worker.pk, "family_member_id": 999},
    ):
        response = post(client, f"{base}/actions", headers, bad)
        assert response.status_code == 422, bad
    assert not Action.objects.exists()
    assert post(client, base, headers, {"review_on": "2027-12-01"}).status_code == 409  # one plan per case: a conflict


def test_strangers_cannot_write_through_the_api(client, teammate, outsider, worker, busy_case):
    for stranger in (teammate, outsider):
        headers = bearer(stranger)
        base = f"/api/v1/cases/{busy_case.pk}"
        action_id = busy_case.plans.get().actions.first().pk
        assert post(client, f"{base}/plan/goals", headers, {"area": "EDU", "description": "x"}).status_code == 404
        decision = {"agreement": "declined", "decided_on": "2026-01-10", "information_given": "x", "language": "vi"}
        assert post(client, f"{base}/plan/actions/{action_id}/decision", headers, decision).status_code == 404
        contact = {"at": "2026-02-01T10:00:00+07:00", "channel": "phone", "outcome": "reached"}
        assert post(client, f"{base}/followup/contacts", headers, contact).status_code == 404
        setback = {"occurred_on": "2026-02-01", "kind": "debt"}
        assert post(client, f"{base}/outcomes/setbacks", headers, setback).status_code == 404
    assert busy_case.setbacks.count() == 1 and not busy_case.contacts.exists()


def test_contacts_through_the_api_honour_the_persons_preferences(client, worker, busy_case):
    from reintegra.followups.actions import PreferenceDetails, set_preferences

    set_preferences(actor=worker, case=busy_case, details=PreferenceDetails(channels=["message"]))
    headers, url = bearer(worker), f"/api/v1/cases/{busy_case.pk}/followup/contacts"
    call = {"at": "2026-02-14T10:00:00+07:00", "channel": "phone", "outcome": "reached"}
    refused = post(client, url, headers, call)
    assert refused.status_code == 409 and refused.json()["conflicts"] == ["channel"]
    assert not busy_case.contacts.exists()
    assert post(client, url, headers, {**call, "acknowledged": ["channel"]}).status_code == 201
    assert post(client, url, headers, {**call, "at": "2026-02-14T10:00:00"}).status_code == 422  # no time zone
    followup = client.get(f"/api/v1/cases/{busy_case.pk}/followup", headers=headers).json()
    assert followup["contacts"][0]["conflicts_acknowledged"] == ["channel"]


def test_followup_starts_through_the_api(client, worker, case):
    headers, url = bearer(worker), f"/api/v1/cases/{case.pk}/followup"
    assert post(client, url, headers, {"starts_on": "2026-01-31", "phases": [[1, 2]]}).status_code == 422  # bad phases
    started = post(client, url, headers, {"starts_on": "2026-01-31"})
    assert started.status_code == 201 and started.json()["next_due_on"] == "2026-02-28"
    assert post(client, url, headers, {"starts_on": "2026-01-31"}).status_code == 409


def test_reviews_and_setbacks_through_the_api(client, worker, busy_case):
    headers, base = bearer(worker), f"/api/v1/cases/{busy_case.pk}/outcomes"
    low = {"outcome": "O6", "worker_score": "1", "person_score": "2"}
    review = {"reviewed_on": "2026-04-01", "kind": "periodic", "ratings": [low]}
    refused = post(client, f"{base}/reviews", headers, review)
    assert refused.status_code == 422 and "Explain the score" in refused.json()["detail"]
    doubled = {**review, "ratings": [{**low, "justification": "Lost work"}, {**low, "justification": "again"}]}
    assert post(client, f"{base}/reviews", headers, doubled).status_code == 422
    review["ratings"] = [{**low, "justification": "Lost work in March"}]
    assert post(client, f"{base}/reviews", headers, review).status_code == 201
    setback = post(client, f"{base}/setbacks", headers, {"occurred_on": "2026-04-02", "kind": "job_loss"})
    assert setback.status_code == 201
    assert busy_case.setbacks.count() == 2 and busy_case.outcome_reviews.count() == 2
    # The latest first, a page at a time, and nothing past the last page.
    first = client.get(f"{base}/reviews?page_size=1", headers=headers).json()
    assert (first["count"], first["pages"], first["items"][0]["reviewed_on"]) == (2, 2, "2026-04-01")
    assert client.get(f"{base}/setbacks?page=3&page_size=1", headers=headers).status_code == 404
