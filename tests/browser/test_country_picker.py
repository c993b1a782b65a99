"""Countries are picked by typing: the browser suggests names from the field's list, a name or
a code is accepted, and the case page reads them back as names."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from conftest import enrol_totp
from reintegra.cases.models import Case
from tests.browser.test_first_case import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_typing_countries_at_registration(live_server, page: Page, worker):
    sign_in(page, live_server.url, "worker", enrol_totp(worker))
    page.goto(live_server.url + "/cases/new/")
    first = page.get_by_label("Nationalities", exact=True)
    # The browser itself ties the box to its list of every country, which it filters as one types.
    assert first.evaluate("box => box.list.options.length") > 240
    assert first.evaluate("box => [...box.list.options].some(option => option.value === 'Vietnam')")
    first.fill("Vietnam")
    page.get_by_label("Nationalities, country 2").fill("laos")
    page.get_by_label("Countries of exploitation", exact=True).fill("TH")
    page.fill("#id_person-given_name", "Hạnh")
    page.fill("#id_person-family_name", "Lê")
    page.get_by_label("Forced labour", exact=True).check()
    page.get_by_role("button", name="Register and open case").click()
    expect(page.get_by_text("Vietnam, Laos")).to_be_visible()
    expect(page.get_by_text("Thailand")).to_be_visible()
    case = Case.objects.get()
    assert (case.person.nationalities, case.exploitation_countries) == (["VN", "LA"], ["TH"])
