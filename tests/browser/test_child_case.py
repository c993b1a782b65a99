"""A girl of 15 identified abroad, in a real browser in a UTC+7 office, at a controlled clock: her
age is disputed, then confirmed; a guardian is appointed; a best-interests determination with a
family risk assessment finds that her uncle was complicit, and chooses kinship care with her
aunt, which a supervisor approves; the placement's periodic reviews fall due, are reminded of and
recorded; and at 18 she moves to youth support with her record whole."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

from conftest import enrol_totp, person_details
from reintegra.cases import actions
from reintegra.children.models import BestInterestsDetermination, Placement
from tests.browser.test_first_case import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# 09:00 on 3 December 2026 in Bangkok (UTC+7).
MORNING = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)
NAME = ("Nguyễn Thị Ngọc Lan", "ငွေစင်မိုး")


def _new_page(browser: Browser, base: str, username: str, secret: str) -> Page:
    context = browser.new_context(locale="en-GB", timezone_id="Asia/Bangkok")
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, base, username, secret)
    return page


def _submit(page: Page, slot: str, button: str, **fields: str) -> None:
    """Fill one of the page's forms (by its fields' labels) and send it."""
    form = page.locator(f'form[action$="/children/{slot}/"]')
    # Each form sits folded under its heading until the worker opens it.
    form.locator("xpath=ancestor::details").evaluate("details => { details.open = true; }")
    for label, value in fields.items():
        field = form.get_by_label(label, exact=True)
        if field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    form.get_by_role("button", name=button).click()
    expect(page.locator(".messages")).to_be_visible()


def test_a_girl_of_15_from_identification_to_youth_support(live_server, browser: Browser, worker, supervisor):
    worker_secret, supervisor_secret = enrol_totp(worker), enrol_totp(supervisor)
    with time_machine.travel(MORNING, tick=True):
        case = actions.register_person_with_case(
            actor=worker,
            person=person_details(given_name=NAME[0], family_name=NAME[1], birth_date=None, phones=[]),
            case=actions.CaseDetails(
                identification_status="formal",
                identified_on=datetime(2026, 11, 2).date(),
                identifying_authority="Anti-trafficking police, Bangkok",
                identifying_authority_type="police",
                exploitation_countries=["TH"],
            ),
            supervisor=supervisor,
        )
        base = live_server.url
        url = f"{base}/cases/{case.pk}/children/"
        page = _new_page(browser, base, "worker", worker_secret)

        # Her papers say 19, she says 15: the age is disputed, and she is treated as a child.
        page.goto(url)
        _submit(
            page,
            "age",
            "Record age assessment",
            Outcome="Age disputed: treated as a child until settled",
            On="2026-11-03",
        )
        expect(page.locator("#summary")).to_contain_text("Disputed: every child protection applies")
        page.goto(f"{base}/cases/{case.pk}/")
        page.get_by_role("link", name="Child protection").click()
        expect(page.get_by_role("heading", name="Child protection", exact=True)).to_be_visible()
        _submit(
            page,
            "age",
            "Record age assessment",
            Outcome="Confirmed under 18",
            On="2026-11-20",
            **{"Date of birth established": "2011-06-01", "Assessed by": "Birth record from her commune"},
        )
        expect(page.locator("#summary")).to_contain_text("15 today")
        expect(page.locator("#summary")).to_contain_text("Turns 18 on 2029-06-01")

        # A guardian is asked for, then appointed; the case cannot close in between.
        _submit(page, "guardian", "Record guardianship", Guardianship="Appointment requested", On="2026-11-21")
        expect(page.locator("#closure-blockers")).to_contain_text("a guardian has been asked for")
        _submit(
            page,
            "guardian",
            "Record guardianship",
            Guardianship="Appointed",
            On="2026-11-25",
            **{"Guardian's name": "Phạm Thị Hoa", "Appointing authority": "Bangkok Juvenile and Family Court"},
        )
        expect(page.locator("#closure-blockers")).to_have_count(0)

        # Assessment, then the determination: her uncle sold her; her aunt is safe.
        _submit(
            page,
            "bia",
            "Record assessment",
            On="2026-11-26",
            **{
                "The action it comes before": "Where she will live after the shelter",
                "Findings": "Her uncle arranged the recruitment; her aunt in Hà Nội is willing",
                "The child's own views": "She will not go back to her uncle's house",
            },
        )
        _submit(
            page,
            "bid",
            "Record determination",
            **{
                "Decided on": "2026-12-01",
                "Panel members": "Mai, child-protection officer\nDr Somchai, psychologist",
                "The family's safety for the child": "Not safe for the child",
                "Were parents or carers complicit in the trafficking?": "Yes",
                "Family and risk assessment": "Her uncle sold her to the recruiter; her aunt knew nothing",
                "The child's own views": "She wants to live with her aunt and go back to school",
                "The parents' or carers' views": "Her father, working abroad, agrees",
                "The decision and its reasons": "Kinship care with her aunt; no contact with the uncle",
                "Durable solution": "Kinship care with other relatives",
                "To be reviewed by": "2027-06-01",
            },
        )
        expect(page.locator("section#bid")).to_contain_text("awaiting approval")
        determination = BestInterestsDetermination.objects.get()

        # The worker who wrote it is not offered to approve it; the supervisor approves it.
        expect(page.locator(f"#bid-{determination.pk}")).to_contain_text(
            "A supervisor who did not record it approves it"
        )
        expect(page.get_by_role("button", name="Approve this determination")).to_have_count(0)
        boss = _new_page(browser, base, "supervisor", supervisor_secret)
        boss.goto(url)
        boss.locator(f"#bid-{determination.pk}").get_by_role("button", name="Approve this determination").click()
        expect(boss.locator(f"#bid-{determination.pk}")).to_contain_text("approved by")

        page.goto(url)
        _submit(
            page,
            "placement",
            "Record placement",
            **{
                "Kind of care": "With other relatives (kinship care)",
                "Started on": "2026-12-02",
                "Carer or place": "Her aunt, Nguyễn Thị Thu",
                "The child's own views on it": "Glad to go to her aunt",
                "Best-interests determination": "2026-12-01: Kinship care with other relatives (approved)",
            },
        )
        expect(page.locator("section#placement")).to_contain_text("Next review due by 2027-03-02")
        # Every input of the page has a name a screen reader can say.
        fields = page.locator("main input:not([type=hidden]), main select, main textarea")
        for index in range(fields.count()):
            if fields.nth(index).is_visible():
                expect(fields.nth(index)).to_have_accessible_name(re.compile(r"\S"))
        page.context.close()
        boss.context.close()

    # Three months on, the review is near: the reminder job tells the worker.
    with time_machine.travel(datetime(2027, 2, 20, 2, 0, tzinfo=UTC), tick=True):
        call_command("send_reminders", stdout=io.StringIO())
        page = _new_page(browser, live_server.url, "worker", worker_secret)
        page.goto(f"{live_server.url}/notifications/")
        expect(page.locator("main")).to_contain_text("review of a care placement on 2027-03-02")
        page.get_by_role("button", name=re.compile("Open the child-protection record")).click()
        placement = Placement.objects.get()
        page.locator(f"#placement-{placement.pk} summary").click()
        review = page.locator(f"#placement-{placement.pk} form")
        review.get_by_label("Reviewed on").fill("2027-02-20")
        review.get_by_label("Outcome").select_option(label="The placement continues")
        review.get_by_label("The child's own views").fill("Likes her new school")
        review.get_by_role("button", name="Record review").click()
        expect(page.locator(f"#placement-{placement.pk}")).to_contain_text("Next review due by 2027-05-20")
        page.context.close()

    # She turns 18: youth support, with everything before it still there.
    with time_machine.travel(datetime(2029, 6, 2, 2, 0, tzinfo=UTC), tick=True):
        page = _new_page(browser, live_server.url, "worker", worker_secret)
        page.goto(url)
        _submit(page, "youth", "Move to youth support", **{"Moved on": "2029-06-02"})
        expect(page.locator("section#youth")).to_contain_text("Moved to youth support on 2029-06-02")
        expect(page.locator("section#bid")).to_contain_text("Her uncle sold her to the recruiter")
        expect(page.locator("section#placement")).to_contain_text("Likes her new school")
        page.context.close()
