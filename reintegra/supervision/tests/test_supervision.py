"""The supervision view shows a supervisor which of their cases are slipping, and why."""

import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import person_details, signed_in
from reintegra.assessments.models import Assessment
from reintegra.audit.models import AuditAction, AuditRecord
from reintegra.cases import actions as case_actions
from reintegra.cases.models import Case, CaseStatusChange, CaseTeamMember, keep_reopening_dates
from reintegra.consents.actions import ConsentDecision, record_consent
from reintegra.followups.actions import start_followup
from reintegra.followups.models import Contact
from reintegra.outcomes.actions import record_review, record_setback
from reintegra.plans.actions import create_plan
from reintegra.supervision.models import SupervisionNote
from reintegra.supervision.views import TOP

pytestmark = pytest.mark.django_db
OUTCOMES = ("O1", "O2", "O3", "O4", "O5", "O6", "O7", "O8", "O9", "O10")


def new_case(worker, supervisor, name):
    return case_actions.register_person_with_case(
        actor=worker,
        person=person_details(given_name=name, phones=[], identity_documents=[]),
        case=case_actions.CaseDetails(),
        supervisor=supervisor,
    )


def reasons_in(page, case):
    """The reason labels of a case's row, or None when the case is not listed."""
    if f'id="case-{case.pk}"' not in page:
        return None
    row = page.split(f'id="case-{case.pk}"')[1].split("</tr>")[0]
    return set(re.findall(r'<li class="flag[^"]*">([^<]+)</li>', row))


def listed_ids(page):
    return [int(pk) for pk in re.findall(r'<tr id="case-(\d+)"', page)]


def answer(client, case, area, **values):
    """Record assessment answers through the pages, as a worker does."""
    if not Assessment.objects.filter(case=case).exists():
        client.post(reverse("assessments:list", args=[case.pk]), {"assessed_on": "2026-05-01", "reason": "first"})
    client.post(
        reverse("assessments:edit_area", args=[case.pk, 1, area]),
        {"observed_on": "2026-05-01", "source": "self_report", **values},
    )


def contact(case, by, at, conflicts=()):
    # Hand-built: what matters here is the record, not how the follow-up workflow made it.
    return Contact.objects.create(
        case=case, at=at, channel="phone", outcome="reached", by=by, conflicts_acknowledged=list(conflicts)
    )


def _reopened(case, by, at):
    """A reopening recorded directly at a given moment (the workflow would date it now), its
    copy on the case kept as every writer of history in bulk keeps it."""
    CaseStatusChange.objects.create(
        case=case,
        from_status="closed",
        to_status="active",
        reopening_reason="safety",
        requested_by="person",
        changed_by=by,
        changed_at=at,
    )
    keep_reopening_dates([case.pk])


@time_machine.travel("2026-06-01 09:00Z")
def test_each_sign_raises_exactly_its_case(worker, supervisor, manager_elsewhere):
    as_worker = signed_in(worker)
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
    unmanaged = new_case(worker, None, "Nomanager")
    setback = new_case(worker, supervisor, "Setback")
    record_setback(actor=worker, case=setback, occurred_on=date(2026, 4, 20), kind="threats")
    old_setback = new_case(worker, supervisor, "Oldsetback")
    record_setback(actor=worker, case=old_setback, occurred_on=date(2026, 2, 1), kind="threats")
    leaving = new_case(worker, supervisor, "Leaving")
    answer(as_worker, leaving, "ECO", remigration_plans="arranged")
    thinking = new_case(worker, supervisor, "Thinking")
    answer(as_worker, thinking, "ECO", remigration_plans="considering")
    against = new_case(worker, supervisor, "Against")
    contact(against, worker, datetime(2026, 5, 20, 3, 0, tzinfo=UTC), conflicts=[{"rule": "channel", "why": "urgent"}])
    respected = new_case(worker, supervisor, "Respected")
    contact(respected, worker, datetime(2026, 5, 20, 3, 0, tzinfo=UTC))
    contact(respected, worker, datetime(2026, 1, 5, 3, 0, tzinfo=UTC), conflicts=[{"rule": "hours", "why": "court"}])
    reopened = new_case(worker, supervisor, "Reopened")
    _reopened(reopened, worker, datetime(2026, 5, 2, tzinfo=UTC))
    long_ago = new_case(worker, supervisor, "Longago")
    _reopened(long_ago, worker, datetime(2025, 5, 2, tzinfo=UTC))
    risky = new_case(worker, supervisor, "Highrisk")
    answer(as_worker, risky, "SAF", risk_level="high")
    review_due = new_case(worker, supervisor, "Planreview")
    create_plan(actor=worker, case=review_due, review_on=date(2026, 5, 15))
    fine = new_case(worker, supervisor, "Allfine")
    start_followup(actor=worker, case=fine, starts_on=date(2026, 5, 20))

    page = signed_in(supervisor).get(reverse("supervision:supervision") + "?show=action").content.decode()
    assert "8 cases need action" in page
    expected = {
        overdue: {"contact overdue"},
        low: {"outcome at 1\u20132"},
        consent: {"consent to re-confirm"},
        unmanaged: {"no supervisor"},
        setback: {"setback in the last 90 days"},
        leaving: {"plans to migrate again"},
        against: {"contacted against their wishes"},
        reopened: {"reopened in the last 90 days"},
    }
    for case, reasons in expected.items():
        assert reasons_in(page, case) == reasons, case.person.given_name
    # Too old, only thinking, respected wishes, information only, or nothing at all: not listed.
    for case in (old_setback, thinking, respected, long_ago, risky, review_due, fine):
        assert reasons_in(page, case) is None, case.person.given_name
    everything = signed_in(supervisor).get(reverse("supervision:supervision") + "?show=all").content.decode()
    assert reasons_in(everything, risky) == {"assessed as high risk"}
    assert reasons_in(everything, review_due) == {"plan review due"}
    assert reasons_in(everything, fine) == set()
    # The case nobody manages is on every manager's list; its sensitive signs only for its team.
    other = signed_in(manager_elsewhere).get(reverse("supervision:supervision") + "?show=all").content.decode()
    assert listed_ids(other) == [unmanaged.pk]


@time_machine.travel("2026-06-01 09:00Z")
def test_recent_means_the_organisations_local_days(worker, supervisor):
    """Ho Chi Minh City is seven hours ahead of UTC: 90 days back from 1 June starts at midnight
    on 3 March there, which is still 2 March in UTC."""
    inside = new_case(worker, supervisor, "Inside")
    contact(inside, worker, datetime(2026, 3, 2, 17, 30, tzinfo=UTC), conflicts=[{"rule": "hours", "why": "x"}])
    outside = new_case(worker, supervisor, "Outside")
    contact(outside, worker, datetime(2026, 3, 2, 16, 30, tzinfo=UTC), conflicts=[{"rule": "hours", "why": "x"}])
    page = signed_in(supervisor).get(reverse("supervision:supervision")).content.decode()
    assert listed_ids(page) == [inside.pk]


@time_machine.travel("2026-06-01 09:00Z")
def test_unmanaged_cases_reach_every_manager_of_the_organisation_only(worker, supervisor, manager_elsewhere, outsider):
    unmanaged = new_case(worker, None, "Nomanager")
    record_setback(actor=worker, case=unmanaged, occurred_on=date(2026, 5, 1), kind="debt")
    for manager in (supervisor, manager_elsewhere):
        page = signed_in(manager).get(reverse("supervision:supervision")).content.decode()
        # Neither is on its team: the setback (a sensitive record) is neither shown nor counted.
        assert reasons_in(page, unmanaged) == {"no supervisor"}
    assert reasons_in(signed_in(outsider).get(reverse("supervision:supervision")).content.decode(), unmanaged) is None
    CaseTeamMember.objects.create(case=unmanaged, user=manager_elsewhere)  # now on the team
    page = signed_in(manager_elsewhere).get(reverse("supervision:supervision")).content.decode()
    assert reasons_in(page, unmanaged) == {"no supervisor", "setback in the last 90 days"}


@time_machine.travel("2026-06-01 09:00Z")
def test_most_urgent_first_then_the_oldest_due(worker, supervisor):
    overdue_late = new_case(worker, supervisor, "Overduelate")
    start_followup(actor=worker, case=overdue_late, starts_on=date(2026, 3, 1))
    overdue_early = new_case(worker, supervisor, "Overdueearly")
    start_followup(actor=worker, case=overdue_early, starts_on=date(2026, 1, 1))
    against = new_case(worker, supervisor, "Against")
    contact(against, worker, datetime(2026, 5, 20, 3, 0, tzinfo=UTC), conflicts=[{"rule": "channel", "why": "x"}])
    heaviest = new_case(worker, supervisor, "Heaviest")
    record_setback(actor=worker, case=heaviest, occurred_on=date(2026, 5, 1), kind="debt")
    Case.objects.filter(pk=heaviest.pk).update(at_risk=True)  # information: adds weight, not a reason to list
    page = signed_in(supervisor).get(reverse("supervision:supervision")).content.decode()
    assert listed_ids(page) == [heaviest.pk, against.pk, overdue_early.pk, overdue_late.pk]
    assert reasons_in(page, heaviest) == {"setback in the last 90 days", "at risk"}


@time_machine.travel("2026-06-01 09:00Z")
def test_the_default_shows_the_most_urgent_and_says_when_nothing_needs_action(worker, supervisor):
    url = reverse("supervision:supervision")
    fine = new_case(worker, supervisor, "Fine")
    Case.objects.filter(pk=fine.pk).update(at_risk=True)  # marked, followed, nothing due: no action
    assert "Nothing needs action this week." in signed_in(supervisor).get(url).content.decode()
    for i in range(TOP + 2):
        new_case(worker, None, f"Nomanager{i}")
    page = signed_in(supervisor).get(url).content.decode()
    assert f"{TOP + 2} cases need action" in page and len(listed_ids(page)) == TOP
    assert len(listed_ids(signed_in(supervisor).get(url + "?show=action").content.decode())) == TOP + 2
    assert len(listed_ids(signed_in(supervisor).get(url + "?show=all").content.decode())) == TOP + 3
    assert len(listed_ids(signed_in(supervisor).get(url + "?show=nonsense").content.decode())) == TOP


@time_machine.travel("2026-06-01 09:00Z")
def test_at_risk_is_suggested_and_confirmed_by_a_person(worker, teammate, supervisor, manager_elsewhere, outsider):
    case = new_case(worker, supervisor, "Risky")
    as_worker = signed_in(worker)
    answer(as_worker, case, "SAF", risk_level="critical")
    record_setback(actor=worker, case=case, occurred_on=date(2026, 5, 1), kind="threats")
    detail = reverse("cases:detail", args=[case.pk])
    page = as_worker.get(detail).content.decode()
    assert 'id="at-risk-suggestion"' in page
    assert "assessed as high risk" in page and "setback in the last 90 days" in page
    assert not Case.objects.get(pk=case.pk).at_risk  # suggested, never set by itself
    # A manager outside the team may change the case, but is not shown its safety or sensitive signs.
    assert 'id="at-risk-suggestion"' not in signed_in(manager_elsewhere).get(detail).content.decode()
    supervised = signed_in(supervisor).get(reverse("supervision:supervision")).content.decode()
    assert "May be at risk" in supervised.split(f'id="case-{case.pk}"')[1].split("</tr>")[0]

    url = reverse("cases:confirm_at_risk", args=[case.pk])
    for stranger in (teammate, outsider):
        assert signed_in(stranger).post(url, {"confirm": "yes"}).status_code == 404
    assert as_worker.get(url).status_code == 405
    response = as_worker.post(url, {"confirm": "maybe"}, follow=True)
    assert "Nothing was changed" in response.content.decode()
    assert not Case.objects.get(pk=case.pk).at_risk
    assert not AuditRecord.objects.filter(action=AuditAction.UPDATE_CASE, case=case).exists()

    assert as_worker.post(url, {"confirm": "yes"}).status_code == 302
    assert Case.objects.get(pk=case.pk).at_risk
    record = AuditRecord.objects.get(action=AuditAction.UPDATE_CASE, case=case)
    assert record.actor == worker and record.decrypted_detail()["at_risk"] == {"old": False, "new": True}
    assert 'id="at-risk-suggestion"' not in as_worker.get(detail).content.decode()
    again = as_worker.post(url, {"confirm": "yes"}, follow=True).content.decode()
    assert "already marked as at risk" in again
    assert AuditRecord.objects.filter(action=AuditAction.UPDATE_CASE, case=case).count() == 1


def test_only_supervisors_have_the_view(as_worker, as_outsider, case):
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
        assert cursor.fetchone()[0].startswith("v2.")


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


def test_signs_are_asked_afresh_on_every_visit_the_same_day_and_the_next(worker, supervisor):
    """The built signs query is kept between requests (queries._signs_query); what it finds
    must not be: a setback recorded between two visits shows on the second, and on the next day
    the query is built for that day."""
    from reintegra.supervision import queries

    with time_machine.travel("2026-06-01 09:00Z"):
        case = new_case(worker, supervisor, "Later")
        client = signed_in(supervisor)
        url = reverse("supervision:supervision") + "?show=all"
        assert not reasons_in(client.get(url).content.decode(), case) & {
            "setback in the last 90 days",
            "contacted against their wishes",
        }
        kept = len(queries._BUILT_SIGNS_QUERIES)
        # One sign from the signs query itself, one from a query of its own.
        contact(case, worker, datetime(2026, 5, 31, 3, 0, tzinfo=UTC), conflicts=[{"rule": "hours", "why": "x"}])
        record_setback(actor=worker, case=case, occurred_on=date(2026, 5, 30), kind="illness", description="x")
        reasons = reasons_in(client.get(url).content.decode(), case)
        assert {"setback in the last 90 days", "contacted against their wishes"} <= reasons
        assert len(queries._BUILT_SIGNS_QUERIES) == kept  # the same query, run again
    with time_machine.travel("2026-09-01 09:00Z"):  # more than 90 days after the setback
        page = signed_in(supervisor).get(url).content.decode()
        assert "setback in the last 90 days" not in reasons_in(page, case)


def test_no_cases_at_all_have_no_signs(supervisor):
    """Case.objects.none() compiles to no SQL at all; the kept-queries key must not fail on it."""
    from django.utils import timezone

    from reintegra.supervision.queries import warning_signs_of

    assert warning_signs_of(Case.objects.none(), timezone.localdate(), supervisor) == []
