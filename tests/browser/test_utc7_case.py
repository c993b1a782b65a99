"""A whole case in an office seven hours ahead of UTC, at a controlled clock, in a real browser:
a call made this morning is accepted; every input on the case's pages has an accessible name
(as the browser computes it); and the supervision page lists exactly the cases that need action."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from playwright.sync_api import Browser, Page, expect

from conftest import enrol_totp, person_details
from reintegra.cases import actions
from reintegra.cases.models import Case
from reintegra.followups.actions import start_followup
from tests.browser.test_first_case import register, sign_in
from tests.browser.test_three_years import add_agreed_action

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# 09:30 on 10 March 2026 in Ho Chi Minh City (UTC+7): still 02:30 in UTC.
MORNING = datetime(2026, 3, 10, 2, 30, tzinfo=UTC)
LONG_NAME = ("Nguyễn Thị Phương Thảo Hoàng", "မောင်ကျော်ဇင်ထက် သန်းထိုက်ဦး")


def _every_input_has_a_name(page: Page, url: str) -> int:
    page.goto(url)
    fields = page.locator("main input:not([type=hidden]), main select, main textarea")
    for index in range(fields.count()):
        field = fields.nth(index)
        if field.is_visible():
            expect(field).to_have_accessible_name(re.compile(r"\S"))
    return fields.count()


def _open_case(page: Page, base: str, case_id: int) -> None:
    page.goto(f"{base}/cases/{case_id}/assessments/")
    page.fill("#id_assessed_on", "2026-03-10")
    page.select_option("#id_reason", "first")
    page.get_by_role("button", name="Start").click()
    page.goto(f"{base}/cases/{case_id}/plan/")
    page.fill("#id_review_on", "2026-09-10")
    page.fill("#id_agreed_on", "2026-03-10")
    page.get_by_role("button", name="Save").click()
    add_agreed_action(page)
    page.goto(f"{base}/cases/{case_id}/followup/")
    page.get_by_label("Follow-up starts").fill("2026-03-10")
    page.get_by_role("button", name="Start follow-up").click()


def test_a_whole_case_in_a_utc_plus_7_office(live_server, browser: Browser, worker, supervisor):
    worker_secret, supervisor_secret = enrol_totp(worker), enrol_totp(supervisor)
    with time_machine.travel(MORNING, tick=True):
        # Two other cases of the same manager: one whose first contact is long overdue, one
        # that started today and needs nothing.
        overdue = actions.register_person_with_case(
            actor=worker,
            person=person_details(given_name="Mai", phones=[]),
            case=actions.CaseDetails(),
            supervisor=supervisor,
        )
        start_followup(actor=worker, case=overdue, starts_on=date(2025, 12, 1))
        quiet = actions.register_person_with_case(
            actor=worker,
            person=person_details(given_name="Hoa", phones=[]),
            case=actions.CaseDetails(),
            supervisor=supervisor,
        )
        start_followup(actor=worker, case=quiet, starts_on=date(2026, 3, 10))

        context = browser.new_context(locale="en-GB", timezone_id="Asia/Ho_Chi_Minh")
        page = context.new_page()
        page.set_default_timeout(15_000)
        sign_in(page, live_server.url, "worker", worker_secret)
        register(page, live_server.url, *LONG_NAME, "+84 907 333 444")
        case = Case.objects.exclude(pk__in=[overdue.pk, quiet.pk]).get()
        actions.set_team(actor=worker, case=case, supervisor=supervisor, team=[worker])
        base = f"{live_server.url}/cases/{case.pk}"
        _open_case(page, live_server.url, case.pk)

        # The call she took at nine this morning, office time.
        page.goto(f"{base}/followup/")
        form = page.locator("form:has(#id_outcome)")
        expect(form.locator("#id_on")).to_have_value("2026-03-10")
        form.locator("#id_time").fill("09:00")
        form.locator("#id_channel").select_option("phone")
        form.locator("#id_outcome").select_option("reached")
        form.get_by_role("button", name="Record").click()
        expect(page.locator("ul.messages")).to_contain_text("Contact recorded")
        expect(page.locator("main")).to_contain_text("2026-03-10 09:00")

        checked = sum(
            _every_input_has_a_name(page, f"{base}/{path}")
            for path in (
                "",
                "assessments/",
                "assessments/1/",
                "assessments/1/area/CAS/",
                "plan/",
                "consents/",
                "followup/",
                "outcomes/",
                "family/",
            )
        )
        assert checked > 40  # the walk looked at real forms, not empty pages
        expect(page.locator("body")).not_to_contain_text("Traceback")
        context.close()

        context = browser.new_context(locale="en-GB", timezone_id="Asia/Ho_Chi_Minh")
        page = context.new_page()
        page.set_default_timeout(15_000)
        sign_in(page, live_server.url, "supervisor", supervisor_secret)
        page.goto(f"{live_server.url}/cases/supervision/")
        rows = page.locator("table.supervision tbody tr[id^=case-]")
        expect(rows).to_have_count(1)
        expect(page.locator(f"#case-{overdue.pk}")).to_contain_text("overdue")
        context.close()
