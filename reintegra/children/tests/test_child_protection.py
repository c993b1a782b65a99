"""The child-protection record through HTTP, as the personas see it."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import person_details, record_final_review, signed_in
from reintegra.audit.models import AuditAction, AuditRecord
from reintegra.cases import actions as case_actions
from reintegra.cases.models import Case, CaseStatus, Person
from reintegra.children.models import (
    AgeAssessment,
    BestInterestsDetermination,
    GuardianEntry,
    Placement,
    TracingStep,
    YouthTransition,
)

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    from reintegra.accounts.models import ApiToken, TokenScope

    return {"Authorization": f"Bearer {ApiToken.issue(user, scope=TokenScope.READ_WRITE)[1]}"}


# 09:00 in a UTC+7 office.
TODAY = "2026-12-03 02:00Z"


@pytest.fixture
def child_case(worker, supervisor) -> Case:
    """A girl of 15, identified abroad, exploited from 14."""
    with time_machine.travel(TODAY, tick=False):
        return case_actions.register_person_with_case(
            actor=worker,
            person=person_details(given_name="Ngọc Lan", birth_date=date(2011, 5, 20)),
            case=case_actions.CaseDetails(
                exploitation_types=["ForcedLabour"],
                origin_countries=["VN"],
                exploitation_began=date(2025, 9, 1),
                identification_status="formal",
                identified_on=date(2026, 11, 2),
                identifying_authority="Anti-trafficking police, Bangkok",
                identifying_authority_type="police",
            ),
            supervisor=supervisor,
        )


def url(case: Case, tail: str = "") -> str:
    return f"/cases/{case.pk}/children/{tail}"


def post(client, case, slot, **values):
    return client.post(url(case, f"{slot}/"), {f"{slot}-{name}": value for name, value in values.items()})


def bia(client, case, on="2026-11-10"):
    return post(
        client,
        case,
        "bia",
        on=on,
        action_considered="Whether to trace her family",
        findings="Settled in the shelter; school place found",
        child_views="She wants to live with her aunt, not her uncle",
    )


def bid(client, case, solution="kinship", **overrides):
    values = {
        "decided_on": "2026-11-20",
        "panel": "Mai, child-protection officer\nDr Somchai, psychologist",
        "family_safety": "unsafe",
        "carers_complicit": "yes",
        "family_assessment": "Her uncle sold her to the recruiter; her aunt knew nothing and is safe",
        "child_views": "She does not want to see her uncle again",
        "parents_views": "Her mother wants her home",
        "decision": "Kinship care with her aunt in Hà Nội",
        "durable_solution": solution,
        "review_on": "2027-05-20",
    }
    values.update(overrides)
    return post(client, case, "bid", **values)


def test_the_team_sees_the_record_with_the_childs_ages_and_others_get_404(
    child_case, worker, as_manager_elsewhere, as_outsider
):
    with time_machine.travel(TODAY, tick=False):
        as_worker = signed_in(worker)
        page = as_worker.get(url(child_case)).content.decode()
        case_page = as_worker.get(f"/cases/{child_case.pk}/").content.decode()
    assert "15 today" in page and "15 when identified" in page and "14 when the exploitation began" in page
    assert "Turns 18 on 2029-05-20" in page
    assert url(child_case) in case_page
    assert AuditRecord.objects.filter(case=child_case, action=AuditAction.VIEW_CHILD_PROTECTION).exists()
    assert as_manager_elsewhere.get(url(child_case)).status_code == 404
    assert as_outsider.get(url(child_case)).status_code == 404
    assert bia(as_outsider, child_case).status_code == 404


def test_an_adults_case_page_does_not_offer_the_record(as_worker, case):
    assert url(case) not in as_worker.get(f"/cases/{case.pk}/").content.decode()


def test_a_disputed_age_keeps_protections_until_an_assessment_settles_it(child_case, worker):
    with time_machine.travel(TODAY, tick=False):
        client = signed_in(worker)
        assert post(client, child_case, "age", outcome="disputed", on="2026-11-03").status_code == 302
        person = Person.objects.get(pk=child_case.person_id)
        assert person.age_disputed and person.is_child_on(date(2040, 1, 1))
        # An adult's outcome with a date that makes her 15 is refused, and nothing changes.
        response = post(client, child_case, "age", outcome="adult", on="2026-11-15", birth_date="2011-05-20")
        assert response.status_code == 200
        assert "under 18 on the day of the assessment" in response.content.decode()
        assert AgeAssessment.objects.filter(case=child_case).count() == 1
        assert Person.objects.get(pk=child_case.person_id).age_disputed
        response = post(
            client,
            child_case,
            "age",
            outcome="child",
            on="2026-11-15",
            birth_date="2011-06-01",
            assessed_by="Birth certificate from the commune",
        )
        assert response.status_code == 302
        page = client.get(url(child_case)).content.decode()
    person = Person.objects.get(pk=child_case.person_id)
    assert not person.age_disputed and person.birth_date == date(2011, 6, 1)
    assert "Birth certificate from the commune" in page and "Turns 18 on 2029-06-01" in page


def test_a_case_cannot_close_while_a_guardian_is_awaited(child_case, worker):
    with time_machine.travel(TODAY, tick=False):
        client = signed_in(worker)
        assert post(client, child_case, "guardian", status="requested", on="2026-11-03").status_code == 302
        record_final_review(worker, child_case)
        client.post(f"/cases/{child_case.pk}/status/", {"to_status": "closed", "closure_reason": "reintegrated"})
        assert Case.objects.get(pk=child_case.pk).status != CaseStatus.CLOSED
        # The refusal does not depend on the page: the workflow itself refuses.
        with pytest.raises(Exception, match="guardian has been asked for"):
            case_actions.change_status(actor=worker, case=child_case, to_status="closed", closure_reason="reintegrated")
        assert "The case cannot close while" in client.get(url(child_case)).content.decode()
        # A consultation needs an appointed guardian.
        response = post(client, child_case, "consultation", on="2026-11-04", about="School enrolment")
        assert "no guardian to consult yet" in response.content.decode()
        response = post(
            client,
            child_case,
            "guardian",
            status="appointed",
            on="2026-11-05",
            guardian="Phạm Thị Hoa",
            authority="District People's Court",
            contact="+84 24 3825 1234",
        )
        assert response.status_code == 302
        response = post(
            client,
            child_case,
            "consultation",
            on="2026-11-06",
            about="School enrolment",
            guardian_view="Agrees; asks for a school near the shelter",
        )
        assert response.status_code == 302
        page = client.get(url(child_case)).content.decode()
    assert "Phạm Thị Hoa" in page and "asks for a school near the shelter" in page
    assert "The case cannot close while" not in page
    assert GuardianEntry.objects.filter(case=child_case).count() == 2


def test_a_durable_solution_needs_an_approved_determination_that_heard_the_child(
    child_case, worker, supervisor, teammate
):
    with time_machine.travel(TODAY, tick=False):
        as_worker, as_supervisor = signed_in(worker), signed_in(supervisor)
        # No assessment yet: the determination is refused, nothing written.
        response = bid(as_worker, child_case)
        assert "Record a best-interests assessment first" in response.content.decode()
        assert bia(as_worker, child_case).status_code == 302
        # Without the child's views it is refused too, and what was typed comes back.
        response = bid(as_worker, child_case, child_views="")
        assert response.status_code == 200 and "Kinship care with her aunt in Hà Nội" in response.content.decode()
        assert not BestInterestsDetermination.objects.exists()
        assert bid(as_worker, child_case).status_code == 302
        determination = BestInterestsDetermination.objects.get()
        assert determination.carers_complicit == "yes"

        kinship = {
            "kind": "kinship",
            "started_on": "2026-11-25",
            "carer": "Her aunt, Nguyễn Thị Thu",
            "child_views": "Happy to go",
            "determination": determination.pk,
        }
        # Awaiting approval: no placement with relatives yet.
        response = post(as_worker, child_case, "placement", **kinship)
        assert "still awaiting approval" in response.content.decode()
        # Its author cannot approve it, nor can a worker who is not a supervisor.
        as_worker.post(url(child_case, f"determinations/{determination.pk}/approve/"))
        signed_in(teammate).post(url(child_case, f"determinations/{determination.pk}/approve/"))
        determination.refresh_from_db()
        assert not determination.is_approved
        as_supervisor.post(url(child_case, f"determinations/{determination.pk}/approve/"))
        determination.refresh_from_db()
        assert determination.approved_by == supervisor
        # Family reunification is not what the determination chose.
        response = post(as_worker, child_case, "placement", **{**kinship, "kind": "family"})
        assert "chose another durable solution" in response.content.decode()
        # Without any determination a placement with relatives is refused.
        response = post(as_worker, child_case, "placement", **{**kinship, "determination": ""})
        assert "needs an approved best-interests determination" in response.content.decode()
        assert not Placement.objects.exists()
        assert post(as_worker, child_case, "placement", **kinship).status_code == 302
        page = as_worker.get(url(child_case)).content.decode()
    assert "She does not want to see her uncle again" in page and "Her mother wants her home" in page
    assert "Next review due by 2027-02-25" in page
    assert AuditRecord.objects.filter(case=child_case, action=AuditAction.APPROVE_BID).count() == 1


def test_no_relative_is_contacted_before_a_safety_check_clears_it(child_case, worker):
    from reintegra.children.models import TracingRequest

    with time_machine.travel(TODAY, tick=False):
        client = signed_in(worker)
        bia(client, child_case)
        response = post(client, child_case, "tracing", relative="Her aunt", requested_on="2026-11-12")
        assert "once the child has agreed" in response.content.decode()
        post(client, child_case, "tracing", relative="Her aunt", requested_on="2026-11-12", child_agreed="on")
        tracing = TracingRequest.objects.get()
        step_url = url(child_case, f"tracing/{tracing.pk}/steps/")
        client.post(step_url, {"step-kind": "contact_made", "step-on": "2026-11-13"})
        client.post(step_url, {"step-kind": "safety_checked", "step-on": "2026-11-14", "step-safe_to_contact": "no"})
        client.post(step_url, {"step-kind": "contact_made", "step-on": "2026-11-15"})
        assert list(TracingStep.objects.values_list("kind", flat=True)) == ["safety_checked"]
        client.post(step_url, {"step-kind": "safety_checked", "step-on": "2026-11-16", "step-safe_to_contact": "yes"})
        response = client.post(
            step_url, {"step-kind": "contact_made", "step-on": "2026-11-17", "step-note": "By phone"}
        )
        assert response.status_code == 302
    assert TracingStep.objects.filter(kind="contact_made").count() == 1


def test_placement_reviews_fall_due_and_she_moves_to_youth_support_at_18(child_case, worker, supervisor):
    with time_machine.travel(TODAY, tick=False):
        client = signed_in(worker)
        post(
            client, child_case, "placement", kind="shelter", started_on="2026-11-03", carer="Shelter", child_views="OK"
        )
        placement = Placement.objects.get()
        response = post(client, child_case, "youth", on="2026-12-03")
        assert "under 18" in response.content.decode()
    with time_machine.travel("2027-02-10 02:00Z", tick=False):
        assert "Review was due on 2027-02-03" in signed_in(worker).get(url(child_case)).content.decode()
        signed_in(worker).post(
            url(child_case, f"placements/{placement.pk}/reviews/"),
            {"review-on": "2027-02-10", "review-outcome": "continue", "review-child_views": "Likes her school"},
        )
        assert "Next review due by 2027-05-10" in signed_in(worker).get(url(child_case)).content.decode()
    with time_machine.travel("2029-05-21 02:00Z", tick=False):
        client = signed_in(worker)
        assert post(client, child_case, "youth", on="2029-05-21", note="Vocational course").status_code == 302
        page = client.get(url(child_case)).content.decode()
    assert "Moved to youth support on 2029-05-21" in page and "Likes her school" in page
    assert YouthTransition.objects.get().case == child_case


def test_the_page_reads_a_fixed_number_of_queries(child_case, worker):
    def count() -> int:
        with time_machine.travel(TODAY, tick=False):
            client = signed_in(worker)
            client.get(url(child_case))
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url(child_case)).status_code == 200
        return len(queries)

    def add(*names: str) -> None:
        with time_machine.travel(TODAY, tick=False):
            client = signed_in(worker)
            for name in names:
                bia(client, child_case)
                post(client, child_case, "tracing", relative=name, requested_on="2026-11-12", child_agreed="on")
                post(
                    client,
                    child_case,
                    "placement",
                    kind="shelter",
                    started_on="2026-11-03",
                    carer=name,
                    child_views="OK",
                )
                post(client, child_case, "guardian", status="requested", on="2026-11-03")

    add("Her aunt")
    before = count()
    add("Her grandmother", "Her cousin", "Her brother")
    assert count() == before


def run_reminders() -> None:
    import io

    from django.core.management import call_command

    call_command("send_reminders", stdout=io.StringIO())


def test_the_responsible_worker_is_reminded_of_a_placement_review_and_of_18(child_case, worker):
    from reintegra.notifications.models import Notification, NotificationKind

    child_case.responsible = worker
    child_case.save(update_fields=["responsible"])
    with time_machine.travel(TODAY, tick=False):
        client = signed_in(worker)
        post(
            client, child_case, "placement", kind="shelter", started_on="2026-11-03", carer="Shelter", child_views="OK"
        )
        run_reminders()
        assert not Notification.objects.exists()  # the review is due on 2027-02-03: not yet near
    with time_machine.travel("2027-01-25 02:00Z", tick=False):
        run_reminders()
        run_reminders()  # twice: nobody is reminded twice
        reminder = Notification.objects.get()
        assert reminder.kind == NotificationKind.CHILD_DATE_NEAR and reminder.user == worker
        assert reminder.message() == f"Case {child_case.number}: review of a care placement on 2027-02-03."
        page = signed_in(worker).get("/notifications/").content.decode()
        assert f"Open the child-protection record of case {child_case.number}" in page
        assert reminder.link() == url(child_case)
    with time_machine.travel("2027-02-05 02:00Z", tick=False):
        run_reminders()
        assert Notification.objects.filter(kind=NotificationKind.CHILD_DATE_PASSED).count() == 1
        placement = Placement.objects.get()
        signed_in(worker).post(
            url(child_case, f"placements/{placement.pk}/reviews/"),
            {"review-on": "2027-02-05", "review-outcome": "continue", "review-child_views": "Fine"},
        )
        run_reminders()
    # The review settled both reminders; the next one is three months on.
    assert not Notification.objects.filter(settled_at__isnull=True).exists()
    with time_machine.travel("2029-05-10 02:00Z", tick=False):
        run_reminders()
    turns_18 = Notification.objects.get(deadline="turns_18")
    assert turns_18.due_on == date(2029, 5, 20) and turns_18.kind == NotificationKind.CHILD_DATE_NEAR


def test_an_outcome_review_carries_the_guardians_view_as_a_third_voice(child_case, worker):
    from reintegra.outcomes.models import Outcome, Rating, Review

    def review(client, **extra):
        data = {"reviewed_on": "2026-12-01", "kind": "periodic", "note": "", **extra}
        for code in Outcome.values:
            data.update({f"{code}_worker": "3", f"{code}_person": "3", f"{code}_why": ""})
        return client.post(f"/cases/{child_case.pk}/outcomes/", data)

    with time_machine.travel(TODAY, tick=False):
        client = signed_in(worker)
        # No guardian yet: two voices, as for anyone.
        assert "The guardian" not in client.get(f"/cases/{child_case.pk}/outcomes/?record=1").content.decode()
        post(
            client,
            child_case,
            "guardian",
            status="appointed",
            on="2026-11-05",
            guardian="Phạm Thị Hoa",
            authority="Court",
        )
        form = client.get(f"/cases/{child_case.pk}/outcomes/?record=1").content.decode()
        assert "The guardian" in form and 'name="O1_guardian"' in form
        # Without the guardian's view the review is refused and nothing is written.
        response = review(client)
        assert response.status_code == 200 and "Record the guardian&#x27;s view" in response.content.decode()
        assert not Review.objects.exists()
        response = review(client, O7_guardian="4", guardian_view="She is doing well at school; keep the tutor")
        assert response.status_code == 302
        page = client.get(f"/cases/{child_case.pk}/outcomes/").content.decode()
        api = Client(headers=bearer(worker)).get(f"/api/v1/cases/{child_case.pk}/outcomes/reviews").json()
    assert "keep the tutor" in page
    assert Rating.objects.get(outcome="O7").guardian_score == "4"
    assert Rating.objects.get(outcome="O1").guardian_score == "unknown"
    assert api["items"][0]["guardian_view"] == "She is doing well at school; keep the tutor"


def test_the_api_refuses_a_kinship_placement_without_an_approved_determination(
    child_case, worker, supervisor, outsider
):
    api = f"/api/v1/cases/{child_case.pk}/child-protection"
    with time_machine.travel(TODAY, tick=False):
        as_worker, as_supervisor = Client(headers=bearer(worker)), Client(headers=bearer(supervisor))
        assert Client(headers=bearer(outsider)).get(api).status_code == 404
        body = {"kind": "kinship", "started_on": "2026-11-25", "carer": "Her aunt", "child_views": "Happy to go"}
        refused = as_worker.post(f"{api}/placements", body, content_type="application/json")
        assert refused.status_code == 422 and "determination" in refused.content.decode()
        as_worker.post(
            f"{api}/best-interests-assessments",
            {"on": "2026-11-10", "action_considered": "Move", "findings": "Safe aunt", "child_views": "Wants her aunt"},
            content_type="application/json",
        )
        decided = as_worker.post(
            f"{api}/determinations",
            {
                "decided_on": "2026-11-20",
                "panel": ["Mai, child-protection officer"],
                "family_safety": "unsafe",
                "carers_complicit": "yes",
                "family_assessment": "The uncle sold her",
                "child_views": "Not with her uncle",
                "decision": "Kinship care with her aunt",
                "durable_solution": "kinship",
                "review_on": "2027-05-20",
            },
            content_type="application/json",
        )
        assert decided.status_code == 201
        determination_id = decided.json()["determinations"][0]["id"]
        assert as_worker.post(f"{api}/determinations/{determination_id}/approval").status_code == 422
        assert as_supervisor.post(f"{api}/determinations/{determination_id}/approval").status_code == 201
        placed = as_worker.post(
            f"{api}/placements", {**body, "determination_id": determination_id}, content_type="application/json"
        )
    assert placed.status_code == 201
    record = placed.json()
    assert record["placements"][0]["next_review_due"] == "2027-02-25"
    assert record["ages"] == {
        "at_trafficking": 14,
        "at_identification": 15,
        "today": 15,
        "disputed": False,
        "child_today": True,
    }
