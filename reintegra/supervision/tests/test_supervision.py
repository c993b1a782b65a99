"""The supervision view shows a case manager which of their cases are slipping, and why."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import person_details, signed_in
from reintegra.cases import actions as case_actions
from reintegra.consents.actions import ConsentDecision, record_consent
from reintegra.followups.actions import start_followup
from reintegra.outcomes.actions import record_review
from reintegra.plans.actions import create_plan
from reintegra.supervision.models import SupervisionNote

pytestmark = pytest.mark.django_db
OUTCOMES = ("O1", "O2", "O3", "O4", "O5", "O6", "O7", "O8", "O9", "O10")


def new_case(worker, supervisor, name):
    return case_actions.register_person_with_case(
        actor=worker,
        person=person_details(given_name=name, phones=[], identity_documents=[]),
        case=case_actions.CaseDetails(),
        case_manager=supervisor,
    )


@time_machine.travel("2026-06-01 09:00Z")
def test_slipping_cases_and_their_reasons(worker, supervisor):
    overdue = new_case(worker, supervisor, "Overdue")
    start_followup(actor=worker, case=overdue, starts_on=date(2026, 1, 10))  # due 2026-02-10, never reached
    low = new_case(worker, supervisor, "Lowscore")
    record_review(
        actor=worker,
        case=low,
        reviewed_on=date(2026, 5, 1),
        kind="periodic",
        ratings={code: ("2" if code == "O5" else "4", "3", "Threats again") for code in OUTCOMES},
    )
    consent = new_case(worker, supervisor, "Consentdue")
    record_consent(
        actor=worker,
        case=consent,
        decision=ConsentDecision(
            scope="service",
            subject="Course",
            status="given",
            decided_on=date(2025, 6, 1),
            information_given="Explained",
            language="vi",
            review_on=date(2026, 5, 1),
        ),
    )
    review_due = new_case(worker, supervisor, "Planreview")
    create_plan(actor=worker, case=review_due, review_on=date(2026, 5, 15))
    fine = new_case(worker, supervisor, "Allfine")
    start_followup(actor=worker, case=fine, starts_on=date(2026, 5, 20))

    page = signed_in(supervisor).get(reverse("supervision:supervision")).content.decode()
    assert "4 cases need attention" in page
    for case, sign in (
        (overdue, "contact overdue"),
        (low, "outcome at 1\u20132"),
        (consent, "consent to re-confirm"),
        (review_due, "plan review due"),
    ):
        row = page.split(f'id="case-{case.pk}"')[1].split("</tr>")[0]
        assert sign in row
    assert f'id="case-{fine.pk}"' not in page
    assert (
        f'id="case-{fine.pk}"'
        in signed_in(supervisor).get(reverse("supervision:supervision") + "?show=all").content.decode()
    )


def test_only_case_managers_have_the_view(as_worker, as_outsider, case):
    assert as_worker.get(reverse("supervision:supervision")).status_code == 404
    page = as_outsider.get(reverse("supervision:supervision")).content.decode()
    assert case.number not in page  # another organisation's manager sees only their own cases


def test_supervision_notes(as_supervisor, as_worker, case):
    url = reverse("supervision:notes", args=[case.pk])
    as_supervisor.post(url, {"written_on": "2026-03-01", "text": "Agreed to call weekly until the hearing"})
    note = SupervisionNote.objects.get()
    assert note.text == "Agreed to call weekly until the hearing"
    assert "call weekly" in as_worker.get(url).content.decode()  # the team reads them
    assert as_worker.post(url, {"written_on": "2026-03-02", "text": "x"}).status_code == 404  # only managers write
    assert SupervisionNote.objects.count() == 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM supervision_supervisionnote")
        assert cursor.fetchone()[0].startswith("v1.")


def test_supervision_view_queries_do_not_grow(worker, supervisor, settings):
    settings.SESSION_TOUCH_SECONDS = 24 * 3600  # saved on the first request only, however slow the test
    client = signed_in(supervisor)
    client.get(reverse("supervision:supervision"))

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("supervision:supervision") + "?show=all").status_code == 200
        return len(captured)

    for i in range(3):
        start_followup(actor=worker, case=new_case(worker, supervisor, f"A{i}"), starts_on=date(2026, 1, 1))
    small = count()
    for i in range(30):
        start_followup(actor=worker, case=new_case(worker, supervisor, f"B{i}"), starts_on=date(2026, 1, 1))
    assert count() == small


@time_machine.travel("2026-06-01 09:00Z")
def test_the_workers_caseload_reminds_of_consents_and_plan_reviews(worker, supervisor):
    case = new_case(worker, supervisor, "Reminders")
    record_consent(
        actor=worker,
        case=case,
        decision=ConsentDecision(
            scope="family_contact",
            subject="Calls to her aunt",
            status="given",
            decided_on=date(2025, 6, 1),
            information_given="Explained",
            language="vi",
            review_on=date(2026, 5, 1),
        ),
    )
    create_plan(actor=worker, case=case, review_on=date(2026, 5, 15))
    page = signed_in(worker).get(reverse("cases:caseload")).content.decode()
    assert "1 case with consent to re-confirm" in page and "1 plan review due" in page
