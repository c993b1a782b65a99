"""A case worker signs in with a second factor, registers a person, is warned when registering
the same person again, and finds the case on the caseload."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import Page, expect

from conftest import PASSWORD, enrol_totp
from reintegra.cases.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def current_code(secret: str) -> str:
    import time

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in(page: Page, base: str, username: str, secret: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("input[name=code]")).to_be_visible()
    page.fill("input[name=code]", current_code(secret))
    page.click("button[type=submit]")
    expect(page.get_by_role("heading", name="My caseload")).to_be_visible()


def register(page: Page, base: str, given: str, family: str, phone: str) -> None:
    page.goto(base + "/cases/new/")
    page.fill("#id_person-given_name", given)
    page.fill("#id_person-family_name", family)
    page.fill("#id_person-birth_date", "2004-07-09")
    page.fill("#id_person-phones", phone)
    page.select_option("#id_person-gender", "Feminine")
    page.get_by_label("Forced labour", exact=True).check()
    page.get_by_role("button", name="Register and open case").click()


def test_sign_in_register_duplicate_warning_and_caseload(live_server, page: Page, worker, supervisor):
    secret = enrol_totp(worker)
    base = live_server.url

    sign_in(page, base, "worker", secret)
    register(page, base, "Mai", "Trần", "+84 901 234 567")
    expect(page.get_by_text("Case SHELTER-")).to_be_visible()
    number = Case.objects.get().number
    expect(page.get_by_role("heading", name=re.compile(number))).to_be_visible()

    # The same person typed differently: no accents, name parts swapped, local phone format.
    # The warning comes while typing (htmx), before the form is sent...
    page.goto(base + "/cases/new/")
    page.fill("#id_person-given_name", "Tran")
    page.fill("#id_person-family_name", "Mai")
    page.locator("#id_person-family_name").blur()
    expect(page.locator("#live-duplicates")).to_contain_text(number)
    # ...and again when it is sent anyway.
    register(page, base, "Tran", "Mai", "0901234567")
    warning = page.locator("#duplicate-warning")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text(number)
    assert Case.objects.count() == 1  # nothing registered until the worker confirms

    page.goto(base + "/cases/")
    row = page.locator("table.cases tbody tr", has_text=number)
    expect(row).to_contain_text("Mai Trần")
    expect(page.locator('.count[data-status="intake"]')).to_have_text("1")


def test_wrong_second_factor_keeps_the_door_shut(live_server, page: Page, worker):
    enrol_totp(worker)
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", "worker")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.fill("input[name=code]", "000000")
    page.click("button[type=submit]")
    expect(page.locator("input[name=code]")).to_be_visible()
    page.goto(live_server.url + "/cases/")
    # Still half signed in: allauth sends the user back to the second-factor step.
    expect(page).to_have_url(re.compile(r"/accounts/(login|2fa/authenticate)/"))
    expect(page.get_by_role("heading", name="My caseload")).to_have_count(0)
