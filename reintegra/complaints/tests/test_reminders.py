"""The reminder job reminds complaints officers of a complaint's dates, from the day before until
they are met, and never emails its reference code."""

from __future__ import annotations

import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from conftest import make_user, signed_in
from reintegra.accounts.models import Role
from reintegra.complaints import actions
from reintegra.notifications.models import Notification, NotificationKind

pytestmark = pytest.mark.django_db

FILED = "2026-12-01 03:00Z"  # a Tuesday, 10:00 in Ho Chi Minh City


@pytest.fixture
def officers(shelter, partner):
    first = make_user("officer", shelter, Role.COMPLAINTS_OFFICER)
    first.email = "officer@shelter.example"
    first.save()
    second = make_user("officer2", shelter, Role.COMPLAINTS_OFFICER)
    elsewhere = make_user("officer.bkk", partner, Role.COMPLAINTS_OFFICER)
    return first, second, elsewhere


@pytest.fixture
def complaint(shelter):
    with time_machine.travel(FILED, tick=False):
        return actions.file_complaint(organisation=shelter, kind="complaint", about="Seed-about Marlow", language="en")


def run_at(moment: str) -> str:
    with time_machine.travel(moment, tick=False):
        out = io.StringIO()
        call_command("send_reminders", stdout=out)
        return out.getvalue()


def test_officers_are_reminded_from_the_day_before_and_the_date_met_settles_it(complaint, officers):
    first, second, _elsewhere = officers
    assert complaint.acknowledge_by.isoformat() == "2026-12-08"  # five working days
    assert "0 new" in run_at("2026-12-06 03:00Z")
    run_at("2026-12-07 03:00Z")
    notes = Notification.objects.filter(kind=NotificationKind.COMPLAINT_DUE)
    assert {note.user for note in notes} == {first, second}  # not the officer of another organisation
    note = notes.get(user=first)
    assert note.message() == f"Complaint no. {complaint.pk}: acknowledge the complaint by 2026-12-08."
    assert note.link() == reverse("complaints:detail", args=[complaint.pk])
    assert "0 new" in run_at("2026-12-07 09:00Z")  # once

    (message,) = mail.outbox
    text = message.subject + message.body
    assert complaint.reference not in text and "Seed-about" not in text
    assert f"/complaints/{complaint.pk}/" in text

    page = signed_in(first).get(reverse("notifications:notifications")).content.decode()
    assert f"Open complaint no. {complaint.pk}" in page

    actions.acknowledge(actor=first, complaint=complaint)
    run_at("2026-12-07 10:00Z")
    assert not Notification.objects.needing_attention().filter(user=first).exists()


def test_an_unanswered_complaint_reminds_of_its_answer_date(complaint, officers):
    first, _second, _elsewhere = officers
    actions.acknowledge(actor=first, complaint=complaint)
    day_before = complaint.answer_by.toordinal() - 1
    from datetime import date

    run_at(f"{date.fromordinal(day_before).isoformat()} 03:00Z")
    note = Notification.objects.get(user=first)
    assert note.deadline == "complaint_answer"
    actions.answer(actor=first, complaint=complaint, answer="Thank you.")
    run_at(f"{date.fromordinal(day_before).isoformat()} 09:00Z")
    assert not Notification.objects.needing_attention().exists()


def test_a_switched_off_officer_is_not_reminded(complaint, officers):
    first, second, _elsewhere = officers
    second.is_active = False
    second.save()
    run_at("2026-12-07 03:00Z")
    assert set(Notification.objects.values_list("user_id", flat=True)) == {first.pk}
