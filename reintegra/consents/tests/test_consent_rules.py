"""Consent rules decided with supervisors: lapsed consents, finished actions, a child's view."""

import importlib
from datetime import date

import pytest
import time_machine
from django.apps import apps as django_apps
from django.urls import reverse

from conftest import person_details, signed_in
from reintegra.cases import actions as case_actions
from reintegra.cases.models import Case
from reintegra.consents.models import Consent
from reintegra.plans.models import Action, SupportItem

pytestmark = pytest.mark.django_db


def _agreed_action(client, case, worker, review_on="2026-06-01") -> Action:
    client.post(reverse("plans:plan", args=[case.pk]), {"review_on": review_on})
    client.post(
        reverse("plans:add_action", args=[case.pk]),
        {"area": "EDU", "description": "Sewing course", "delivery": "our_team", "responsible": worker.pk},
    )
    action = Action.objects.get(plan__case=case)
    client.post(
        reverse("plans:decide", args=[case.pk, action.pk]),
        {"agreement": "agreed", "decided_on": "2026-01-11", "information_given": "Six months", "language": "vi"},
    )
    return action


def _support(client, case, action):
    return client.post(
        reverse("plans:add_support", args=[case.pk, action.pk]),
        {"kinds": "fee_paid", "amount": "1200000", "currency": "VND", "given_on": "2026-06-10"},
        follow=True,
    )


@time_machine.travel("2026-06-10 03:00Z", tick=False)
def test_a_lapsed_consent_flags_its_action_and_nothing_new_rests_on_it(worker, case):
    with time_machine.travel("2026-01-11 03:00Z", tick=False):
        action = _agreed_action(signed_in(worker), case, worker)  # consent re-confirmed with the review, 1 June
    client = signed_in(worker)
    plan_page = client.get(reverse("plans:plan", args=[case.pk])).content.decode()
    assert "consent lapsed: ask again" in plan_page
    consents_page = client.get(reverse("consents:list", args=[case.pk])).content.decode()
    assert "lapsed: ask again" in consents_page
    refused = _support(client, case, action)
    assert "has lapsed or was withdrawn" in refused.content.decode() and not SupportItem.objects.exists()
    client.post(reverse("plans:action_status", args=[case.pk, action.pk]), {"status": "in_progress"})
    action.refresh_from_db()
    assert action.status == "planned"
    # Asked again: the action can go on.
    consent = Consent.objects.get()
    client.post(
        reverse("consents:reconfirm", args=[case.pk, consent.pk]),
        {"reconfirmed_on": "2026-06-10", "review_on": "2026-12-10"},
    )
    assert _support(client, case, action).status_code == 200 and SupportItem.objects.count() == 1
    assert "consent lapsed" not in client.get(reverse("plans:plan", args=[case.pk])).content.decode()


@time_machine.travel("2026-06-10 03:00Z", tick=False)
def test_the_consent_of_a_finished_action_stops_asking(worker, case):
    with time_machine.travel("2026-01-11 03:00Z", tick=False):
        client = signed_in(worker)
        action = _agreed_action(client, case, worker)
        client.post(reverse("plans:action_status", args=[case.pk, action.pk]), {"status": "done"})
    assert Consent.objects.review_due(date(2026, 6, 10)).count() == 0
    page = signed_in(worker).get(reverse("consents:list", args=[case.pk])).content.decode()
    assert "Sewing course" in page  # still in the history
    assert "ask again" not in page and ">due<" not in page


@time_machine.travel("2026-03-01 03:00Z", tick=False)
def test_a_childs_own_view_is_kept_beside_the_guardians_decision(worker, supervisor):
    child = case_actions.register_person_with_case(
        actor=worker, person=person_details(birth_date=date(2012, 5, 1)), case=case_actions.CaseDetails()
    )
    client = signed_in(worker)
    client.post(reverse("plans:plan", args=[child.pk]), {"review_on": "2026-09-01"})
    client.post(
        reverse("plans:add_action", args=[child.pk]),
        {"area": "EDU", "description": "Back to school", "delivery": "our_team", "responsible": worker.pk},
    )
    action = Action.objects.get(plan__case=child)
    page = client.get(reverse("plans:plan", args=[child.pk])).content.decode()
    assert 'name="child_view"' in page
    decision = {
        "agreement": "agreed",
        "decided_on": "2026-03-01",
        "information_given": "Which school, and when",
        "language": "vi",
        "given_by": "guardian",
        "giver_name": "Ms Hoa, appointed guardian",
    }
    refused = client.post(reverse("plans:decide", args=[child.pk, action.pk]), decision, follow=True)
    assert "own view beside the decision" in refused.content.decode() and not Consent.objects.exists()
    client.post(
        reverse("plans:decide", args=[child.pk, action.pk]),
        {**decision, "child_view": "mixed", "child_view_note": "Wants to go, afraid of the other pupils"},
    )
    consent = Consent.objects.get()
    assert (consent.given_by, consent.child_view) == ("guardian", "mixed")
    history = client.get(reverse("consents:list", args=[child.pk])).content.decode()
    assert "The child has doubts or mixed feelings" in history and "afraid of the other pupils" in history


def test_everything_typed_about_a_decision_can_be_read_back(as_worker, case):
    as_worker.post(
        reverse("consents:list", args=[case.pk]),
        {
            "scope": "case_management",
            "subject": "Working on her case together",
            "status": "given",
            "decided_on": "2026-01-10",
            "given_by": "self",
            "information_given": "Who sees her file, and that she may stop at any time",
            "information_format": "pictures",
            "language": "vi",
            "interpreter": "Ms Lan from the women's union",
            "understood": "on",
            "review_on": "2026-07-10",
            "note": "Asked for a copy in writing",
        },
    )
    page = as_worker.get(reverse("consents:list", args=[case.pk])).content.decode()
    for typed in ("Who sees her file", "Ms Lan from the women", "Asked for a copy in writing", "understanding checked"):
        assert typed in page


def _case_review_on(case):
    case.refresh_from_db(fields=["consent_review_on"])
    return case.consent_review_on


def _earliest_awaiting(case):
    dates = Consent.objects.filter(case=case).awaiting_reconfirmation().values_list("review_on", flat=True)
    return min(dates, default=None)


@time_machine.travel("2026-01-11 03:00Z", tick=False)
def test_the_case_keeps_the_earliest_reconfirmation_date_through_every_workflow(worker, case):
    """The lists test Case.consent_review_on instead of reading every consent: each workflow
    that records a decision or finishes an action must keep it equal to what the records say."""
    client = signed_in(worker)
    url = reverse("consents:list", args=[case.pk])
    client.post(url, {**_service_decision(), "review_on": "2026-09-01"})
    assert _case_review_on(case) == date(2026, 9, 1) == _earliest_awaiting(case)
    action = _agreed_action(client, case, worker, review_on="2026-06-01")  # re-confirmed with the plan review
    assert _case_review_on(case) == date(2026, 6, 1) == _earliest_awaiting(case)
    client.post(reverse("plans:action_status", args=[case.pk, action.pk]), {"status": "done"})
    assert _case_review_on(case) == date(2026, 9, 1) == _earliest_awaiting(case)
    training = Consent.objects.get(plan_action=None)
    client.post(
        reverse("consents:reconfirm", args=[case.pk, training.pk]),
        {"reconfirmed_on": "2026-01-11", "review_on": "2027-01-11"},
    )
    assert _case_review_on(case) == date(2027, 1, 11) == _earliest_awaiting(case)
    current = Consent.objects.filter(case=case).current().get(plan_action=None)
    client.post(reverse("consents:withdraw", args=[case.pk, current.pk]), {"withdrawn_on": "2026-01-11"})
    assert _case_review_on(case) is None and _earliest_awaiting(case) is None


@time_machine.travel("2026-01-11 03:00Z", tick=False)
def test_declining_an_action_drops_its_earlier_consent_from_the_case_date(worker, case):
    client = signed_in(worker)
    action = _agreed_action(client, case, worker, review_on="2026-06-01")
    assert _case_review_on(case) == date(2026, 6, 1)
    client.post(
        reverse("plans:decide", args=[case.pk, action.pk]),
        {
            "agreement": "declined",
            "decided_on": "2026-01-11",
            "information_given": "Six months",
            "language": "vi",
            "declined_reason": "Found work instead",
        },
    )
    action.refresh_from_db()
    assert action.status == "cancelled"
    assert _case_review_on(case) is None and _earliest_awaiting(case) is None


def test_the_migration_fills_the_date_by_the_same_rule(worker, case):
    fill = importlib.import_module("reintegra.consents.migrations.0006_fill_case_review_dates").fill_case_review_dates
    with time_machine.travel("2026-01-11 03:00Z", tick=False):
        client = signed_in(worker)
        client.post(reverse("consents:list", args=[case.pk]), {**_service_decision(), "review_on": "2026-09-01"})
        action = _agreed_action(client, case, worker, review_on="2026-06-01")
        client.post(reverse("plans:action_status", args=[case.pk, action.pk]), {"status": "done"})
    Case.objects.update(consent_review_on=None)
    fill(django_apps, None)
    assert _case_review_on(case) == date(2026, 9, 1) == _earliest_awaiting(case)


def _service_decision():
    return {
        "scope": "service",
        "subject": "Vocational training in sewing",
        "status": "given",
        "decided_on": "2026-01-11",
        "given_by": "self",
        "information_given": "What the course involves",
        "information_format": "spoken",
        "language": "vi",
        "understood": "on",
    }
