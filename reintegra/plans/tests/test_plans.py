"""The reintegration plan through HTTP: goals, actions, the person's decisions, support items."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_user, signed_in
from reintegra.accounts.models import ApiToken, Role, TokenScope
from reintegra.consents.models import Consent
from reintegra.plans.models import Action, Goal, Plan, SupportItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(as_worker, case):
    as_worker.post(
        reverse("plans:plan", args=[case.pk]), {"review_on": "2027-12-01", "in_own_words": "A job near my mother"}
    )
    return Plan.objects.get(case=case)


def add_action(client, case, worker, **overrides):
    data = {
        "area": "EDU",
        "description": "Sewing course",
        "delivery": "our_team",
        "responsible": worker.pk,
        "starts_on": "2026-02-01",
        "due_on": "2026-06-01",
    }
    data.update(overrides)
    return client.post(reverse("plans:add_action", args=[case.pk]), data)


def decide(client, case, action, **overrides):
    data = {
        "agreement": "agreed",
        "decided_on": "2026-01-20",
        "information_given": "Course, costs, who is told",
        "language": "vi",
    }
    data.update(overrides)
    return client.post(reverse("plans:decide", args=[case.pk, action.pk]), data)


def test_plan_with_goal_and_action(as_worker, worker, case, plan):
    assert plan.in_own_words == "A job near my mother"
    as_worker.post(reverse("plans:add_goal", args=[case.pk]), {"area": "ECO", "description": "Steady income"})
    add_action(as_worker, case, worker)
    page = as_worker.get(reverse("plans:plan", args=[case.pk])).content.decode()
    assert "Steady income" in page and "Sewing course" in page
    assert Goal.objects.count() == 1 and Action.objects.get().responsible == worker


def test_agreement_is_recorded_as_consent(as_worker, worker, case, plan):
    add_action(as_worker, case, worker)
    action = Action.objects.get()
    decide(as_worker, case, action)
    action.refresh_from_db()
    assert action.agreement == "agreed"
    consent = Consent.objects.get()
    # The consent points at the action instead of copying its words, and shares its section.
    assert (consent.scope, consent.status, consent.subject, consent.language) == ("service", "given", "", "vi")
    assert (consent.plan_action, consent.section, consent.what()) == (action, "summary", "Sewing course")
    assert consent.review_on == date(2027, 12, 1)  # revisited with the plan


def test_declined_action_keeps_reason_and_changes_nothing_else(as_worker, worker, case, plan):
    add_action(as_worker, case, worker)
    add_action(as_worker, case, worker, description="Family mediation", area="FAM")
    mediation = Action.objects.get(area="FAM")
    decide(as_worker, case, mediation, agreement="declined", declined_reason="Not ready to see her father")
    mediation.refresh_from_db()
    assert (mediation.agreement, mediation.status) == ("declined", "cancelled")
    case.refresh_from_db()
    assert case.status == "intake"
    assert Action.objects.get(area="EDU").status == "planned"
    page = as_worker.get(reverse("plans:plan", args=[case.pk])).content.decode()
    assert "Not ready to see her father" in page
    # Going ahead with a declined action is refused.
    as_worker.post(reverse("plans:action_status", args=[case.pk, mediation.pk]), {"status": "in_progress"})
    mediation.refresh_from_db()
    assert mediation.status == "cancelled"


def test_withdrawn_consent_shows_on_the_action(as_worker, worker, case, plan):
    add_action(as_worker, case, worker)
    action = Action.objects.get()
    decide(as_worker, case, action)
    as_worker.post(
        reverse("consents:withdraw", args=[case.pk, Consent.objects.get().pk]), {"withdrawn_on": "2026-03-01"}
    )
    assert "consent withdrawn" in as_worker.get(reverse("plans:plan", args=[case.pk])).content.decode()


def test_referral_action_needs_a_provider(as_worker, worker, case, plan, partner):
    add_action(as_worker, case, worker, delivery="referral")
    assert not Action.objects.exists()
    add_action(as_worker, case, worker, delivery="referral", provider=partner.pk)
    assert Action.objects.get().provider == partner


@pytest.mark.parametrize(
    "bad", [{"due_on": "2026-01-01"}, {"area": "XYZ"}, {"description": ""}, {"responsible": 999999}]
)
def test_bad_actions_are_refused(as_worker, worker, case, plan, bad):
    add_action(as_worker, case, worker, **bad)
    assert not Action.objects.exists()


def test_outsider_cannot_be_responsible(as_worker, worker, outsider, case, plan):
    add_action(as_worker, case, worker, responsible=outsider.pk)
    assert not Action.objects.exists()


def test_support_items_with_costs(as_worker, worker, case, plan):
    add_action(as_worker, case, worker)
    action = Action.objects.get()
    decide(as_worker, case, action)
    as_worker.post(
        reverse("plans:add_support", args=[case.pk, action.pk]),
        {
            "kinds": ["grant", "in_kind"],
            "quantity": "3",
            "amount": "250000000000",
            "currency": "vnd",
            "given_on": "2026-02-01",
            "purpose": "Piglets and feed for the farm",
            "family_assistance": "on",
        },
    )
    item = SupportItem.objects.get()
    assert (item.amount, item.currency, item.family_assistance) == (250000000000, "VND", True)
    assert (item.kinds, item.quantity) == ("in_kind,grant", 3)
    page = as_worker.get(reverse("plans:plan", args=[case.pk])).content.decode()
    assert "In kind, Grant \u00d7 3" in page and "Piglets and feed for the farm" in page
    for bad in (
        {"kinds": "cash", "amount": "-5", "currency": "VND", "given_on": "2026-02-01"},
        {"kinds": "cash", "quantity": "0", "amount": "5", "currency": "VND", "given_on": "2026-02-01"},
        {"amount": "5", "currency": "VND", "given_on": "2026-02-01"},  # no kind ticked
        {"kinds": "gift", "amount": "5", "currency": "VND", "given_on": "2026-02-01"},
    ):
        as_worker.post(reverse("plans:add_support", args=[case.pk, action.pk]), bad)
    assert SupportItem.objects.count() == 1


def test_support_is_offered_in_the_organisations_currency(as_worker, worker, case, plan):
    add_action(as_worker, case, worker)
    decide(as_worker, case, Action.objects.get())
    page = as_worker.get(reverse("plans:plan", args=[case.pk])).content.decode()
    assert case.organisation.currency == "VND" and 'name="currency" value="VND"' in page


def test_health_actions_stay_with_the_team(as_worker, worker, case, plan, shelter):
    add_action(as_worker, case, worker, area="MED", description="Dental treatment")
    manager = signed_in(make_user("manager2", shelter, Role.SUPERVISOR))
    page = manager.get(reverse("plans:plan", args=[case.pk])).content.decode()
    assert "Dental treatment" not in page
    action = Action.objects.get()
    assert (
        manager.post(reverse("plans:action_status", args=[case.pk, action.pk]), {"status": "done"}).status_code == 404
    )


def test_strangers_get_404(as_teammate, as_outsider, as_worker, worker, case, plan):
    add_action(as_worker, case, worker)
    for client in (as_teammate, as_outsider):
        assert client.get(reverse("plans:plan", args=[case.pk])).status_code == 404
        assert add_action(client, case, worker).status_code == 404
    assert Action.objects.count() == 1


def test_plan_page_queries_do_not_grow(as_worker, worker, case, plan):
    def count():
        with CaptureQueriesContext(connection) as captured:
            assert as_worker.get(reverse("plans:plan", args=[case.pk])).status_code == 200
        return len(captured)

    add_action(as_worker, case, worker)
    decide(as_worker, case, Action.objects.get())
    small = count()
    for i in range(8):
        add_action(as_worker, case, worker, description=f"Action {i}")
        decide(as_worker, case, Action.objects.latest("pk"))
    assert count() == small


def test_a_plan_holds_a_bounded_number_of_goals_and_actions(monkeypatch, as_worker, worker, case, plan):
    """Forms and API refuse alike (the bound is in the workflow), with a message, storing nothing."""
    monkeypatch.setattr(Plan, "MAX_GOALS", 1)
    monkeypatch.setattr(Plan, "MAX_ACTIONS", 1)
    goal_url = reverse("plans:add_goal", args=[case.pk])
    as_worker.post(goal_url, {"area": "ECO", "description": "Steady income"})
    refused = as_worker.post(goal_url, {"area": "EDU", "description": "Finish school"}, follow=True)
    assert "the most one plan holds" in refused.content.decode() and Goal.objects.count() == 1
    add_action(as_worker, case, worker)
    refused = add_action(as_worker, case, worker, description="Second step")
    assert "the most one plan holds" in refused.content.decode() and Action.objects.count() == 1
    api = Client(headers={"Authorization": f"Bearer {ApiToken.issue(worker, scope=TokenScope.READ_WRITE)[1]}"})
    answer = api.post(
        f"/api/v1/cases/{case.pk}/plan/goals",
        {"area": "HOU", "description": "A room of her own"},
        content_type="application/json",
    )
    assert answer.status_code == 422 and "the most one plan holds" in answer.content.decode()
    assert Goal.objects.count() == 1


def test_an_action_holds_a_bounded_number_of_support_items(monkeypatch, as_worker, worker, case, plan):
    monkeypatch.setattr(Action, "MAX_SUPPORT_ITEMS", 1)
    add_action(as_worker, case, worker)
    action = Action.objects.get()
    decide(as_worker, case, action)
    item = {"kinds": ["grant"], "amount": "100", "currency": "vnd", "given_on": "2026-02-01", "purpose": "Fees"}
    url = reverse("plans:add_support", args=[case.pk, action.pk])
    as_worker.post(url, item)
    refused = as_worker.post(url, item, follow=True)
    assert "the most one action holds" in refused.content.decode()
    assert SupportItem.objects.count() == 1
