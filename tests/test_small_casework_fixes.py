"""Small things a new case worker ran into (issue 12): each is read back through HTTP."""

from datetime import date

import pytest
from django.urls import reverse

from reintegra.family.models import Relationship
from reintegra.followups.actions import log_contact, start_followup

pytestmark = pytest.mark.django_db


def test_the_consent_form_starts_in_the_persons_language_not_afrikaans(as_worker, case):
    page = as_worker.get(reverse("consents:list", args=[case.pk])).content.decode()
    language = page.split('name="language"')[1].split("</select>")[0]
    assert '<option value="vi" selected>' in language  # the conftest person speaks Vietnamese first
    assert 'value="af" selected' not in language


def test_a_contacts_note_is_shown_and_returned(as_worker, worker, case, client):
    from datetime import UTC, datetime

    from reintegra.accounts.models import ApiToken

    start_followup(actor=worker, case=case, starts_on=date(2026, 1, 5))
    log_contact(
        actor=worker,
        case=case,
        at=datetime(2026, 2, 5, 10, tzinfo=UTC),
        channel="phone",
        outcome="reached",
        note="Asked to call back after the harvest",
    )
    assert (
        "Asked to call back after the harvest"
        in as_worker.get(reverse("followups:followup", args=[case.pk])).content.decode()
    )
    _token, secret = ApiToken.issue(worker)
    api = client.get(f"/api/v1/cases/{case.pk}/followup", headers={"Authorization": f"Bearer {secret}"}).json()
    assert api["contacts"][0]["note"] == "Asked to call back after the harvest"


def test_the_timeline_says_what_changed_in_words(as_worker, case):
    as_worker.post(reverse("plans:plan", args=[case.pk]), {"review_on": "2027-12-01", "agreed_on": "2026-01-10"})
    as_worker.post(reverse("plans:plan", args=[case.pk]), {"review_on": "2026-11-01", "agreed_on": "2026-01-10"})
    page = as_worker.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "review the plan by" in page
    assert "review_on" not in page and "agreed_on" not in page


def test_relationships_include_a_child_born_during_the_exploitation_a_step_parent_and_an_in_law(as_worker, case):
    assert {"child_born_in_exploitation", "step_parent", "in_law"} <= set(Relationship.values)
    as_worker.post(
        reverse("family:family", args=[case.pk]),
        {"given_name": "Bé Na", "relationship": "child_born_in_exploitation"},
    )
    page = as_worker.get(reverse("family:family", args=[case.pk])).content.decode()
    assert "Child born during the exploitation" in page


def test_a_consent_given_today_is_not_due_at_once_even_when_the_plan_review_has_passed(worker, case):
    import time_machine

    from reintegra.plans.actions import add_action, create_plan, record_decision

    with time_machine.travel("2026-06-01 03:00Z", tick=False):
        plan = create_plan(actor=worker, case=case, review_on=date(2026, 5, 1))  # already past
        action = add_action(actor=worker, plan=plan, area="EDU", description="Sewing course", responsible=worker)
        record_decision(
            actor=worker,
            action=action,
            agreement="agreed",
            decided_on=date(2026, 6, 1),
            information_given="Explained",
            language="vi",
        )
        consent = action.decisions.get()
        assert consent.review_on == date(2026, 11, 30)
        assert not consent.is_review_due(date(2026, 6, 1))


def test_closing_a_case_stops_its_schedule_and_reopening_starts_a_new_cycle(worker, supervisor, case):
    import time_machine

    from conftest import record_final_review
    from reintegra.cases.actions import change_status
    from reintegra.followups.models import FollowUp

    start_followup(actor=worker, case=case, starts_on=date(2025, 1, 5))
    assert FollowUp.objects.get(case=case).next_due_on == date(2025, 2, 5)
    change_status(actor=worker, case=case, to_status="active")
    record_final_review(worker, case)
    change_status(actor=worker, case=case, to_status="closed", closure_reason="other")
    assert FollowUp.objects.get(case=case).next_due_on is None  # nothing overdue on a closed case
    with time_machine.travel("2027-06-10 03:00Z", tick=False):
        change_status(actor=worker, case=case, to_status="active", reopening_reason="safety", requested_by="person")
    followup = FollowUp.objects.get(case=case)
    # Monthly again, counted from the reopening, not from the start two years before.
    assert (followup.starts_on, followup.cycle_started_on) == (date(2025, 1, 5), date(2027, 6, 10))
    assert followup.next_due_on == date(2027, 7, 10)


def test_the_case_page_shows_the_next_contact_and_to_the_team_how_to_reach_the_person(
    as_worker, as_manager_elsewhere, worker, case
):
    from reintegra.followups.actions import PreferenceDetails, set_preferences

    start_followup(actor=worker, case=case, starts_on=date(2026, 1, 5))
    set_preferences(
        actor=worker,
        case=case,
        details=PreferenceDetails(channels=["phone"], who_may_answer="Only her", what_may_be_said="From the school"),
    )
    url = reverse("cases:detail", args=[case.pk])
    page = as_worker.get(url).content.decode()
    assert "Next contact due" in page and "Only her" in page and "From the school" in page
    other = as_manager_elsewhere.get(url).content.decode()
    assert "Next contact due" in other
    assert "Only her" not in other and reverse("followups:followup", args=[case.pk]) not in other


def test_workers_have_a_help_page(as_worker):
    page = as_worker.get(reverse("help")).content.decode()
    assert "Help for case workers" in page and reverse("help") in page  # linked from every page


def test_a_guardians_decision_on_a_plan_action_is_recorded_as_such_with_understanding_asked(
    as_worker, worker, case, client
):
    from reintegra.accounts.models import ApiToken
    from reintegra.plans.actions import add_action, create_plan

    plan = create_plan(actor=worker, case=case, review_on=date(2027, 12, 1))
    first = add_action(actor=worker, plan=plan, area="EDU", description="School place", responsible=worker)
    decide = reverse("plans:decide", args=[case.pk, first.pk])
    decision = {"agreement": "agreed", "decided_on": "2026-01-20", "information_given": "Explained", "language": "vi"}
    as_worker.post(decide, {**decision, "given_by": "guardian"})  # no name: refused
    first.refresh_from_db()
    assert first.agreement == "not_asked"
    as_worker.post(decide, {**decision, "given_by": "guardian", "giver_name": "Trần Văn Bình"})
    consent = first.decisions.get()
    assert (consent.given_by, consent.giver_name, consent.understood) == ("guardian", "Trần Văn Bình", False)
    second = add_action(actor=worker, plan=plan, area="HOU", description="Foster family", responsible=worker)
    _token, secret = ApiToken.issue(worker)
    api = client.post(
        f"/api/v1/cases/{case.pk}/plan/actions/{second.pk}/decision",
        {**decision, "given_by": "court", "giver_name": "Family court of Hải Phòng", "understood": True},
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert api.status_code == 201
    assert second.decisions.get().given_by == "court" and second.decisions.get().understood
