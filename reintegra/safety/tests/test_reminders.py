"""Reassessments due reach the responsible worker through the reminder job, once, and a new
assessment settles them."""

from __future__ import annotations

import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from conftest import IDENTIFIERS, signed_in
from reintegra.notifications.models import Notification, NotificationKind

pytestmark = pytest.mark.django_db


def run_at(moment: str) -> None:
    with time_machine.travel(moment, tick=False):
        call_command("send_reminders", stdout=io.StringIO())


def assess(client, case, on: str, review: str) -> None:
    response = client.post(
        f"/cases/{case.pk}/safety/",
        {
            "kind": "team",
            "assessed_on": on,
            "assessed_by": "Case worker",
            "traffickers": "medium",
            "community": "low",
            "family": "low",
            "own_sense": "medium",
            "level": "medium",
            "next_review_on": review,
        },
    )
    assert response.status_code == 302


def test_a_threat_and_a_review_date_remind_the_responsible_worker_until_reassessed(case, worker):
    worker.email = "worker@shelter.example"
    worker.save()
    with time_machine.travel("2026-12-01 03:00Z", tick=False):
        client = signed_in(worker)
        assess(client, case, "2026-12-01", "2027-01-15")
        client.post(
            f"/cases/{case.pk}/safety/triggers/",
            {
                "trigger-kind": "threat",
                "trigger-on": "2026-12-01",
                "trigger-note": "A call from the recruiter's cousin",
            },
        )
    # The assessment is dated the same day as the threat: nothing is due yet.
    run_at("2026-12-02 03:00Z")
    assert not Notification.objects.exists()
    with time_machine.travel("2026-12-03 03:00Z", tick=False):
        signed_in(worker).post(
            f"/cases/{case.pk}/safety/triggers/", {"trigger-kind": "return_home", "trigger-on": "2026-12-10"}
        )
    run_at("2026-12-09 03:00Z")
    assert not Notification.objects.exists()  # the return home is still ahead
    run_at("2026-12-10 03:00Z")
    run_at("2026-12-11 03:00Z")  # twice: once only
    reminder = Notification.objects.get()
    assert reminder.user == worker and reminder.kind == NotificationKind.SAFETY_REASSESSMENT_DUE
    assert reminder.link() == f"/cases/{case.pk}/safety/"
    assert case.number in reminder.message() and "2026-12-10" in reminder.message()
    # What it says names neither the person nor why (a threat, a return home).
    sent = "".join(message.subject + message.body for message in mail.outbox)
    assert case.number in sent
    for text in (IDENTIFIERS["given_name"], "return", "threat", "cousin"):
        assert text not in sent and text not in reminder.message()
    # A new assessment settles it; the review date it sets reminds again once passed.
    with time_machine.travel("2026-12-12 03:00Z", tick=False):
        assess(signed_in(worker), case, "2026-12-12", "2027-01-12")
    run_at("2026-12-13 03:00Z")
    reminder.refresh_from_db()
    assert reminder.settled_at is not None
    assert Notification.objects.filter(settled_at__isnull=True).count() == 0
    run_at("2027-01-12 03:00Z")
    review = Notification.objects.get(settled_at__isnull=True)
    assert review.due_on.isoformat() == "2027-01-12"


def test_closed_cases_are_not_reminded(case, worker):
    with time_machine.travel("2026-12-01 03:00Z", tick=False):
        assess(signed_in(worker), case, "2026-12-01", "2026-12-05")
    case.status, case.closure_reason = "closed", "other"
    case.save(update_fields=["status", "closure_reason"])
    run_at("2026-12-06 03:00Z")
    assert not Notification.objects.exists()
