"""The coordinator's network view: referrals by organisation and service area, time to the first
answer, completion and gaps, with counts only and small ones suppressed. Nobody else sees it."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.urls import reverse

from conftest import IDENTIFIERS, send_with_consent, signed_in
from reintegra.referrals import actions
from reintegra.referrals.models import ReferralStatus

pytestmark = pytest.mark.django_db

NONE = "\N{EN DASH}"  # too few referrals to say


def cell(page: str, table: str, row: str) -> list[str]:
    """The cells of one row of one table, as text."""
    body = page.split(f'<table id="{table}">', 1)[1].split("</table>", 1)[0]
    for match in re.finditer(r"<tr><td>(.*?)</tr>", body, re.S):
        cells = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)).strip() for text in match.group(0).split("<td>")[1:]]
        if cells[0] == row:
            return cells[1:]
    raise AssertionError(f"no row {row!r} in {table}")


def sent_and_answered(worker, clinic_provider, case, service, answers: list[str], days: int = 2) -> None:
    for answer in answers:
        with time_machine.travel("2026-06-01 03:00Z", tick=False):
            referral = send_with_consent(worker, case, service)
        if answer == ReferralStatus.SENT:
            continue
        with time_machine.travel(f"2026-06-{1 + days:02d} 03:00Z", tick=False):
            actions.move_referral(
                actor=clinic_provider, side="receiver", referral=referral, to_status=answer, note="No place"
            )


def test_only_a_network_coordinator_sees_it(worker, supervisor, clinic_provider, outsider, as_coordinator):
    assert as_coordinator.get(reverse("referrals:network")).status_code == 200
    for user in (worker, supervisor, clinic_provider, outsider):
        assert signed_in(user).get(reverse("referrals:network")).status_code == 404


def test_counts_by_organisation_and_area_with_small_ones_suppressed(
    worker, clinic_provider, case, service, as_coordinator
):
    sent_and_answered(
        worker, clinic_provider, case, service, [ReferralStatus.ACCEPTED] * 5 + [ReferralStatus.REFUSED] * 2
    )
    sent_and_answered(worker, clinic_provider, case, service, [ReferralStatus.SENT])
    page = as_coordinator.get(reverse("referrals:network")).content.decode()
    assert "A count from 1 to 4 is shown as “fewer than 5”" in page

    # Sent, accepted, refused, still waiting, median days to answer, completed, completion share.
    assert cell(page, "by-receiver", "Lotus Clinic") == ["8", "5", "fewer than 5", "fewer than 5", "2.0", "0", NONE]
    assert cell(page, "by-sender", "Safe Harbour Shelter")[:3] == ["8", "5", "fewer than 5"]
    assert cell(page, "by-area", "Physical health")[:2] == ["8", "5"]
    for values in IDENTIFIERS.values():
        for value in values if isinstance(values, list) else [values]:
            assert value not in page
    assert case.number not in page


def test_completion_and_answer_time_need_enough_referrals(worker, clinic_provider, case, service, as_coordinator):
    sent_and_answered(worker, clinic_provider, case, service, [ReferralStatus.ACCEPTED] * 4, days=3)
    page = as_coordinator.get(reverse("referrals:network")).content.decode()
    assert cell(page, "by-receiver", "Lotus Clinic") == ["fewer than 5"] * 2 + ["0", "0", NONE, "0", NONE]


def test_a_withdrawal_before_any_answer_is_not_an_answer(worker, clinic_provider, case, service, as_coordinator):
    with time_machine.travel("2026-06-01 03:00Z", tick=False):
        referrals = [send_with_consent(worker, case, service) for _ in range(5)]
    with time_machine.travel("2026-06-04 03:00Z", tick=False):
        for referral in referrals:
            actions.move_referral(actor=worker, side="sender", referral=referral, to_status=ReferralStatus.WITHDRAWN)
    for referral in referrals:
        referral.refresh_from_db()
        assert referral.answered_at is None
    page = as_coordinator.get(reverse("referrals:network")).content.decode()
    assert cell(page, "by-receiver", "Lotus Clinic")[:5] == ["5", "0", "0", "0", NONE]
