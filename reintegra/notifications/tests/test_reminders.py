"""The reminder job: a referral left unanswered reminds the provider and the sender once per
period, in the application and by email, with no name in either; answering settles it. Run by
the command, and by django-tasks' real database worker."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from conftest import IDENTIFIERS, send_with_consent, signed_in
from reintegra.notifications.models import Notification, NotificationKind
from reintegra.notifications.tasks import send_reminders
from reintegra.referrals.models import Referral, ReferralStatus
from reintegra.tasks.models import Task, TaskKind, TaskStatus

pytestmark = pytest.mark.django_db

IDENTIFIER_STRINGS = [v for value in IDENTIFIERS.values() for v in (value if isinstance(value, list) else [value])]
SENT = "2026-06-01 03:00Z"  # 10:00 in Ho Chi Minh City


@pytest.fixture
def referral(case, worker, clinic_provider, service) -> Referral:
    worker.email = "worker@shelter.example"
    worker.save()
    clinic_provider.email = "provider@lotus.example"
    clinic_provider.save()
    with time_machine.travel(SENT, tick=False):
        return send_with_consent(worker, case, service)


def run_at(moment: str) -> str:
    with time_machine.travel(moment, tick=False):
        out = io.StringIO()
        call_command("send_reminders", stdout=out)
        return out.getvalue()


def test_nothing_is_due_before_the_provider_had_its_days(referral):
    assert "0 new" in run_at("2026-06-05 03:00Z")
    assert not Notification.objects.exists()
    assert not Task.objects.filter(kind=TaskKind.REFERRAL_UNANSWERED).exists()


def test_an_unanswered_referral_reminds_the_provider_and_the_sender_once(referral, worker, clinic_provider, case):
    assert "2 new, 1 tasks" in run_at("2026-06-06 03:00Z")  # five days
    assert "0 new, 0 tasks" in run_at("2026-06-06 09:00Z")  # the job runs again: nothing twice

    provider_note = Notification.objects.get(user=clinic_provider)
    assert provider_note.kind == NotificationKind.REFERRAL_WAITING
    sender_note = Notification.objects.get(user=worker)
    assert sender_note.kind == NotificationKind.REFERRAL_UNANSWERED
    task = Task.objects.get(kind=TaskKind.REFERRAL_UNANSWERED)
    assert (task.assigned_to, task.referral, task.due_on) == (worker, referral, date(2026, 6, 6))

    # One email each, carrying numbers and a link, never the person.
    assert sorted(message.to[0] for message in mail.outbox) == ["provider@lotus.example", "worker@shelter.example"]
    for message in mail.outbox:
        text = message.subject + message.body
        assert f"/referrals/{referral.pk}/" in text
        for value in IDENTIFIER_STRINGS:
            assert value not in text
    sender_mail = next(message for message in mail.outbox if message.to == ["worker@shelter.example"])
    assert case.number in sender_mail.body


def test_the_reminder_comes_back_after_as_many_days_again_but_the_task_does_not(referral):
    run_at("2026-06-06 03:00Z")
    run_at("2026-06-11 03:00Z")  # ten days
    assert Notification.objects.count() == 4
    assert Task.objects.filter(kind=TaskKind.REFERRAL_UNANSWERED).count() == 1
    assert sorted(Notification.objects.values_list("waited_days", flat=True)) == [5, 5, 10, 10]


@override_settings(REINTEGRA_REFERRAL_ANSWER_DAYS=2)
def test_the_number_of_days_is_a_setting(referral):
    assert "2 new" in run_at("2026-06-03 03:00Z")


def test_the_provider_reads_it_in_the_application_and_opens_the_referral(referral, clinic_provider, outsider):
    run_at("2026-06-06 03:00Z")
    note = Notification.objects.get(user=clinic_provider)
    client = signed_in(clinic_provider)
    page = client.get(reverse("notifications:notifications")).content.decode()
    assert f"Referral {referral.pk} has waited 5 days" in page
    assert "Notifications (1 new)" in page

    response = client.post(reverse("notifications:open", args=[note.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:referral", args=[referral.pk])
    assert client.get(response["Location"]).status_code == 200
    note.refresh_from_db()
    assert note.read_at is not None
    assert "Notifications (1 new)" not in client.get(reverse("notifications:notifications")).content.decode()

    # Someone else's notification does not exist for them.
    assert signed_in(outsider).post(reverse("notifications:open", args=[note.pk])).status_code == 404


def test_an_answer_closes_the_task_and_settles_the_reminders(referral, worker, clinic_provider):
    run_at("2026-06-06 03:00Z")
    with time_machine.travel("2026-06-07 03:00Z", tick=False):
        response = signed_in(clinic_provider).post(
            reverse("referrals:move", args=[referral.pk]), {"to_status": ReferralStatus.ACCEPTED}
        )
        assert response.status_code == 302
    task = Task.objects.get(kind=TaskKind.REFERRAL_UNANSWERED)
    assert task.status == TaskStatus.DONE and task.closed_at is not None
    assert "2 settled" in run_at("2026-06-07 04:00Z")
    assert Notification.objects.filter(settled_at__isnull=True).count() == 0
    page = signed_in(worker).get(reverse("notifications:notifications")).content.decode()
    assert "Answered since" in page
    assert "new)" not in page
    assert task.pk not in [t.pk for t in Task.objects.open()]
    # Answered referrals are never due again.
    assert "0 new" in run_at("2026-06-20 03:00Z")


def test_a_mail_server_that_is_down_loses_nothing(referral):
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1", EMAIL_PORT=9
    ):
        assert "2 emails failed" in run_at("2026-06-06 03:00Z")
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 2
    assert "2 emailed" in run_at("2026-06-06 03:15Z")
    assert len(mail.outbox) == 2
    assert "0 emailed" in run_at("2026-06-06 03:30Z")


def test_a_deactivated_user_is_not_reminded(referral, clinic_provider):
    clinic_provider.is_active = False
    clinic_provider.save()
    assert "1 new" in run_at("2026-06-06 03:00Z")
    assert not Notification.objects.filter(user=clinic_provider).exists()


# The worker closes the connection between jobs, as it should; only a test outside one
# transaction survives that.
@pytest.mark.django_db(transaction=True)
def test_the_task_worker_runs_the_job_and_queues_the_next_run(referral):
    with time_machine.travel("2026-06-06 03:00Z", tick=False):
        call_command("schedule_reminders", stdout=io.StringIO())
        call_command("schedule_reminders", stdout=io.StringIO())  # still one waiting
        waiting = DBTaskResult.objects.filter(task_path=send_reminders.module_path, status=TaskResultStatus.READY)
        assert waiting.count() == 1
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    done = DBTaskResult.objects.get(status=TaskResultStatus.SUCCESSFUL)
    assert done.return_value["notified"] == 2
    assert Notification.objects.count() == 2
    following = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert following.run_after - done.run_after >= timedelta(minutes=15)
