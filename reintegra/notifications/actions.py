"""The reminder job: write what `due.py` finds, once, then email it. Each reminder is its own
transaction (the notification, the task where there is one, and the audit record); emails go
after the commit, so a mail server that is down loses nothing and the next run tries again."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.notifications.due import Due, due_now
from reintegra.notifications.models import DATED_KINDS, Notification
from reintegra.referrals.models import ReferralStatus
from reintegra.tasks.models import Task, TaskKind

logger = logging.getLogger(__name__)

# An email not sent by then (the server was down for days) is left to the in-app list.
EMAIL_RETRY_WINDOW = timedelta(days=2)


@dataclass
class RunSummary:
    notified: int = 0
    tasks: int = 0
    settled: int = 0
    emailed: int = 0
    email_failures: int = 0
    seen: set[tuple[int, str]] = field(default_factory=set, repr=False)

    def as_dict(self) -> dict[str, int]:
        return {
            "notified": self.notified,
            "tasks": self.tasks,
            "settled": self.settled,
            "emailed": self.emailed,
            "email_failures": self.email_failures,
        }


def send_due_reminders(*, now: datetime) -> RunSummary:
    summary = RunSummary()
    summary.settled = settle_answered(now=now)
    for due in due_now(now):
        if (due.user.pk, due.key) in summary.seen:
            continue
        summary.seen.add((due.user.pk, due.key))
        notified, tasked = _record(due, now=now)
        summary.notified += notified
        summary.tasks += tasked
    summary.settled += settle_dated(now=now, still_due=summary.seen)
    summary.emailed, summary.email_failures = email_pending(now=now)
    return summary


def settle_answered(*, now: datetime) -> int:
    """Reminders about referrals that have since been answered or withdrawn stop counting as new."""
    with transaction.atomic():
        return (
            Notification.objects.filter(settled_at__isnull=True, referral__isnull=False)
            .exclude(referral__status=ReferralStatus.SENT)
            .update(settled_at=now)
        )


def settle_dated(*, now: datetime, still_due: set[tuple[int, str]]) -> int:
    """Reminders of a date (legal status, child protection) whose date no longer stands as it was
    (a step or review settled it, a rule or the case changed, a near date has passed and has a
    reminder of its own, or another worker now answers for the case) stop counting as new.
    `still_due` holds (user, key) pairs."""
    stale = [
        pk
        for pk, user_id, key in Notification.objects.filter(settled_at__isnull=True, kind__in=DATED_KINDS).values_list(
            "pk", "user_id", "key"
        )
        if (user_id, key) not in still_due
    ]
    if not stale:
        return 0
    with transaction.atomic():
        return Notification.objects.filter(pk__in=stale).update(settled_at=now)


def _deadline_of(due: Due) -> str:
    for which in (due.deadline, due.child_date, due.complaint_date):
        if which is not None:
            return which.value
    return ""


def _record(due: Due, *, now: datetime) -> tuple[int, int]:
    if Notification.objects.filter(user=due.user, key=due.key).exists():
        return 0, 0
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                user=due.user,
                kind=due.kind,
                key=due.key,
                case=due.case,
                referral=due.referral,
                complaint=due.complaint,
                waited_days=due.waited_days,
                deadline=_deadline_of(due),
                due_on=due.due_on,
                created_at=now,
            )
            tasked = _task_for(due, now=now) if due.as_task else 0
            log.log_change(
                actor=None,
                case=due.case,
                action=AuditAction.NOTIFY,
                changes={
                    "notification": (None, notification.pk),
                    "user": (None, due.user.pk),
                    "kind": (None, due.kind.value),
                    "referral": (None, due.referral.pk if due.referral else None),
                    "complaint": (None, due.complaint.pk if due.complaint else None),
                    "due_on": (None, due.due_on.isoformat() if due.due_on else None),
                },
            )
    except IntegrityError:
        # Another run wrote the same reminder a moment ago: it is there once, which is the point.
        return 0, 0
    return 1, tasked


def _task_for(due: Due, *, now: datetime) -> int:
    # Only referrals to chase become tasks, and a referral always has its case.
    if due.case is None or Task.objects.filter(referral=due.referral, kind=TaskKind.REFERRAL_UNANSWERED).exists():
        return 0
    task = Task.objects.create(
        case=due.case,
        assigned_to=due.user,
        kind=TaskKind.REFERRAL_UNANSWERED,
        referral=due.referral,
        due_on=now.astimezone(due.case.organisation.tzinfo).date(),  # the office's today
    )
    log.log_change(
        actor=None,
        case=due.case,
        action=AuditAction.CREATE_TASK,
        changes={"task": (None, task.pk), "kind": (None, task.kind), "assigned_to": (None, task.assigned_to_id)},
    )
    return 1


def email_pending(*, now: datetime) -> tuple[int, int]:
    """Email each new reminder to its user, where the user has an address. The email names no
    one: a number and a link that opens after sign-in."""
    sent = failed = 0
    pending = (
        Notification.objects.needing_attention()
        .filter(emailed_at__isnull=True, created_at__gte=now - EMAIL_RETRY_WINDOW, user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "case")
        .order_by("pk")
    )
    base = settings.REINTEGRA_BASE_URL.rstrip("/")
    for notification in pending:
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Reintegra: %(what)s") % {"what": notification.get_kind_display()}
            body = "\n\n".join(
                [
                    notification.message(),
                    _("Sign in to open it: %(link)s") % {"link": base + notification.link()},
                    _("This message names no one on purpose; the details are behind sign-in."),
                ]
            )
        try:
            send_mail(subject, body, None, [notification.user.email])
        except OSError:
            # The next run tries again; the in-app list already has it.
            logger.warning("Reminder email %s not sent: the mail server did not take it.", notification.pk)
            failed += 1
            continue
        Notification.objects.filter(pk=notification.pk).update(emailed_at=now)
        sent += 1
    return sent, failed


def mark_read(*, user: User, notification: Notification, now: datetime) -> None:
    Notification.objects.filter(pk=notification.pk, user=user, read_at__isnull=True).update(read_at=now)


def mark_all_read(*, user: User, now: datetime) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=now)
