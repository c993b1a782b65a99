"""One person's three years of support, in a real browser, with the server's clock moved from
one visit to the next: intake, assessment and plan; contacts on schedule and one overdue; a
setback that brings back monthly follow-up and a reassessment; outcomes that improve; a final
review and closure; and a reopening a year later. Every visit starts on the caseload and
checks what it says."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
import time_machine
from playwright.sync_api import Browser, Page, expect

from conftest import enrol_totp
from reintegra.cases.models import Case
from tests.browser.test_first_case import register, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OUTCOMES = [f"O{n}" for n in range(1, 11)]


@pytest.fixture
def story_settings(settings):
    # The browser's own clock is not moved, so a dated CSRF cookie set "in 2024" would look
    # expired to it. Keeping the token in the (browser-session) session avoids that.
    settings.CSRF_USE_SESSIONS = True


class Visit:
    """The worker signs in on a given day (a fresh browser session, as on a new working day)."""

    def __init__(self, browser: Browser, base: str, secret: str) -> None:
        self.browser, self.base, self.secret = browser, base, secret
        self.case_id: int | None = None

    @contextmanager
    def on(self, clock: time_machine.Coordinates, day: str) -> Iterator[Page]:
        clock.move_to(datetime.fromisoformat(f"{day}T12:00:00").replace(tzinfo=UTC))
        context = self.browser.new_context(locale="en-GB", timezone_id="UTC")
        page = context.new_page()
        page.set_default_timeout(15_000)
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        sign_in(page, self.base, "worker", self.secret)
        yield page
        context.close()
        assert not [text for text in errors if "Content Security Policy" in text]

    def case_url(self, path: str = "") -> str:
        return f"{self.base}/cases/{self.case_id}/{path}"


def expect_caseload(page: Page, base: str, **expected: str) -> None:
    """Open the caseload and compare what it shows with what we expect on this day."""
    page.goto(base + "/cases/")
    counts = {
        "open": page.locator(".tabs li").first.locator(".count"),
        "overdue": page.locator("#overdue-count"),
        "week": page.locator("#week-count"),
    }
    for status in ("intake", "assessment", "active", "follow_up", "closed"):
        counts[status] = page.locator(f'.count[data-status="{status}"]')
    for name, text in expected.items():
        expect(counts[name]).to_have_text(re.compile(rf"^{re.escape(text)}\b"))


def change_status(page: Page, visit: Visit, to_status: str, reason: str = "", asked_by: str = "") -> None:
    page.goto(visit.case_url())
    page.select_option("#id_to_status", to_status)
    if reason and asked_by:  # a reopening
        page.select_option("#id_reopening_reason", reason)
        page.select_option("#id_requested_by", asked_by)
    elif reason:
        page.select_option("#id_closure_reason", reason)
    page.locator("form.status-form button").click()


def log_contact(page: Page, visit: Visit, day: str) -> None:
    page.goto(visit.case_url("followup/"))
    form = page.locator("form:has(#id_outcome)")
    form.locator("#id_on").fill(day)
    form.locator("#id_channel").select_option("phone")
    form.locator("#id_outcome").select_option("reached")
    form.get_by_role("button", name="Record").click()
    expect(page.locator("ul.messages")).to_contain_text("Contact recorded")


def add_agreed_action(page: Page, *, due_on: str = "") -> None:
    """On the plan page: a tailoring course, agreed by the person after it was explained."""
    page.get_by_text("Add an action").click()
    add = page.locator('form[action$="/plan/actions/"]')
    add.locator("[name=area]").select_option("EDU")
    add.locator("[name=description]").fill("Tailoring course")
    if due_on:
        add.locator("[name=due_on]").fill(due_on)
    add.get_by_role("button", name="Add action").click()
    decide = page.locator('form[action*="/decision/"]').first
    decide.locator("[name=agreement]").select_option("agreed")
    decide.locator("[name=language]").select_option("vi")
    decide.locator("[name=information_given]").fill("Course times, costs and the right to stop")
    decide.get_by_role("button", name="Record").click()
    expect(page.locator("table.actions")).to_contain_text("Agreed")


def record_review(page: Page, visit: Visit, day: str, kind: str, score: str) -> None:
    page.goto(visit.case_url("outcomes/"))
    page.get_by_role("link", name="Record a review").click()
    form = page.locator("form:has(#id_O1_worker)")
    form.locator("#id_reviewed_on").fill(day)
    form.locator("#id_kind").select_option(kind)
    for code in OUTCOMES:
        form.locator(f"#id_{code}_worker").select_option(score)
        form.locator(f"#id_{code}_person").select_option(score)
    form.get_by_role("button", name="Record review").click()
    expect(page.locator("ul.messages")).to_contain_text("Review recorded")


def test_three_years_of_support(live_server, browser: Browser, story_settings, worker, supervisor):
    secret = enrol_totp(worker)
    visit = Visit(browser, live_server.url, secret)
    with time_machine.travel(datetime(2024, 1, 8, 9, tzinfo=UTC), tick=True) as clock:
        # Day one: intake, first assessment, a plan made with the person, a baseline review,
        # and follow-up starting on the default schedule.
        with visit.on(clock, "2024-01-08") as page:
            expect_caseload(page, visit.base, open="0", overdue="0")
            register(page, visit.base, "Lan", "Đỗ", "+84 907 111 222")
            visit.case_id = Case.objects.get().pk
            expect_caseload(page, visit.base, open="1", intake="1")

            change_status(page, visit, "assessment")
            page.goto(visit.case_url("assessments/"))
            page.fill("#id_assessed_on", "2024-01-08")
            page.select_option("#id_reason", "first")
            page.get_by_role("button", name="Start").click()
            expect(page.locator("h1")).to_have_text("Needs assessment, version 1")
            page.goto(visit.case_url("assessments/1/area/HOU/"))
            page.select_option("#id_housing_situation", "general_shelter")
            page.get_by_role("button", name="Save").click()

            page.goto(visit.case_url("plan/"))
            page.fill("#id_in_own_words", "A sewing job near my mother")
            page.fill("#id_review_on", "2024-07-08")
            page.get_by_role("button", name="Save").click()
            add_agreed_action(page, due_on="2024-06-28")

            record_review(page, visit, "2024-01-08", "baseline", "3")
            page.goto(visit.case_url("followup/"))
            page.get_by_label("Follow-up starts").fill("2024-01-08")
            page.get_by_role("button", name="Start follow-up").click()
            expect(page.locator("#next-due")).to_have_text("2024-02-08")
            change_status(page, visit, "active")
            expect_caseload(page, visit.base, open="1", active="1", intake="0", overdue="0", week="0")

        # A month on: the first contact is due today, and done.
        with visit.on(clock, "2024-02-08") as page:
            expect_caseload(page, visit.base, week="1", overdue="0")
            log_contact(page, visit, "2024-02-08")
            expect(page.locator("#next-due")).to_have_text("2024-03-08")
            expect_caseload(page, visit.base, week="0", overdue="0")

        # The March contact slipped by more than a week: the caseload says so until it is done.
        with visit.on(clock, "2024-03-20") as page:
            expect_caseload(page, visit.base, overdue="1")
            expect(page.locator("table.cases td.next-due")).to_contain_text("overdue")
            log_contact(page, visit, "2024-03-20")
            expect_caseload(page, visit.base, overdue="0")

        # July: the worker logs the calls of the last months. Six monthly contacts made: the
        # schedule moves on to every two months, counted from the last call.
        with visit.on(clock, "2024-07-22") as page:
            for day in ("2024-04-19", "2024-05-20", "2024-06-19", "2024-07-19"):
                log_contact(page, visit, day)
            expect(page.locator("#next-due")).to_have_text("2024-09-19")

        # Ten days early still counts for September's contact. Then she loses her job: a
        # setback, which brings back monthly contact and starts a reassessment.
        with visit.on(clock, "2024-09-10") as page:
            change_status(page, visit, "follow_up")
            log_contact(page, visit, "2024-09-09")
            expect(page.locator("#next-due")).to_have_text("2024-11-09")
            expect_caseload(page, visit.base, follow_up="1", active="0", overdue="0", week="0")
            page.goto(visit.case_url("outcomes/"))
            setback = page.locator('form[action$="/setbacks/"]')
            setback.locator("[name=occurred_on]").fill("2024-09-10")
            setback.locator("[name=kind]").select_option("job_loss")
            setback.get_by_role("button", name="Record setback").click()
            expect(page.locator("ul.messages")).to_contain_text("A reassessment has started")
            page.goto(visit.case_url("followup/"))
            expect(page.locator("#next-due")).to_have_text("2024-10-10")
            page.goto(visit.case_url("assessments/"))
            expect(page.locator("main")).to_contain_text("After a setback or crisis")

        # The monthly contact after the setback is due within the week.
        with visit.on(clock, "2024-10-07") as page:
            expect_caseload(page, visit.base, week="1", overdue="0")
            log_contact(page, visit, "2024-10-07")

        # Month 18 and month 21: contacts on schedule, outcomes stable at two reviews three
        # months apart. The system suggests talking about closure, and does nothing itself.
        with visit.on(clock, "2025-07-08") as page:
            log_contact(page, visit, "2025-07-08")
            record_review(page, visit, "2025-07-08", "periodic", "4")
            expect(page.locator("#closure-suggestion")).to_have_count(0)
        with visit.on(clock, "2025-10-08") as page:
            log_contact(page, visit, "2025-10-08")
            record_review(page, visit, "2025-10-08", "periodic", "4")
            expect(page.locator("#closure-suggestion")).to_be_visible()
            expect_caseload(page, visit.base, follow_up="1", closed="0", overdue="0")

        # Two years in: closing is refused until a final review is recorded, then done.
        with visit.on(clock, "2026-01-08") as page:
            log_contact(page, visit, "2026-01-08")
            change_status(page, visit, "closed", "reintegrated")
            expect(page.locator("ul.messages")).to_contain_text("Record a final outcome review before closing")
            expect_caseload(page, visit.base, follow_up="1", closed="0")
            record_review(page, visit, "2026-01-08", "final", "4")
            change_status(page, visit, "closed", "reintegrated")
            expect(page.locator("ul.messages")).to_contain_text("Status changed")
            expect_caseload(page, visit.base, open="0", follow_up="0", closed="1", overdue="0", week="0")

        # A year later she comes back: the case reopens with its whole history, as a new
        # episode: a new plan is asked for, and follow-up starts again, monthly, from today.
        with visit.on(clock, "2027-01-11") as page:
            expect_caseload(page, visit.base, open="0", closed="1")
            change_status(page, visit, "active", "came_back", "person")
            expect(page.locator(".timeline")).to_contain_text("Reopened")
            expect(page.locator(".timeline")).to_contain_text("episode 2")
            page.goto(visit.case_url("plan/"))
            expect(page.locator("#new-plan-due")).to_contain_text("2027-02-10")
            expect(page.locator(".earlier-plan")).to_contain_text("Tailoring course")
            page.goto(visit.case_url("followup/"))
            expect(page.locator("#next-due")).to_have_text("2027-02-11")
            expect_caseload(page, visit.base, open="1", active="1", closed="0")
            expect(page.locator("table.cases")).to_contain_text("Lan Đỗ")

    case = Case.objects.get()
    assert case.status == "active" and case.assessments.count() == 2
    assert list(case.status_changes.values_list("to_status", flat=True)) == [
        "intake",
        "assessment",
        "active",
        "follow_up",
        "closed",
        "active",
    ]
