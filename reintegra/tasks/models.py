"""A worker's tasks: things the system noticed that a person must act on, one list per worker.
Outcome alerts fill it first; referrals, legal deadlines and placement reviews are meant to add
their own kinds here rather than build lists of their own."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.outcomes.models import Outcome

# How long a worker has to act on an alert before the task is overdue.
OUTCOME_ALERT_DAYS = 7


class TaskKind(models.TextChoices):
    # Only kinds something really creates are listed: a new source adds its kind with its code.
    OUTCOME_ALERT = "outcome_alert", _("Outcome alert")
    REFERRAL_UNANSWERED = "referral_unanswered", _("Referral not answered")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("To do")
    DONE = "done", _("Done")
    DISMISSED = "dismissed", _("Not needed")


class TaskQuerySet(models.QuerySet["Task"]):
    def open(self) -> TaskQuerySet:
        return self.filter(status=TaskStatus.OPEN)


class Task(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="tasks")
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="tasks")
    kind = models.CharField(_("kind"), max_length=20, choices=TaskKind.choices)
    # What raised it. An outcome alert names the review and the outcomes (codes, not words, so
    # the reason is written in the reader's language).
    review = models.ForeignKey("outcomes.Review", on_delete=models.PROTECT, null=True, blank=True, related_name="tasks")
    outcomes = models.JSONField(default=list)  # [[code, "crisis" | "drop"], ...]
    # A referral the provider has not answered in time: raised by the reminder job, closed by
    # itself once the provider answers or the referral is withdrawn.
    referral = models.ForeignKey(
        "referrals.Referral", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set once, when the task is closed; a closed task is never reopened (a new alert makes a new task).
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["assigned_to", "status", "due_on"], name="task_worker_open_due")]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=TaskKind.values), name="task_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=TaskStatus.values), name="task_status_valid"),
            models.CheckConstraint(
                condition=Q(status=TaskStatus.OPEN, closed_at__isnull=True)
                | (~Q(status=TaskStatus.OPEN) & Q(closed_at__isnull=False)),
                name="task_closed_when_not_open",
            ),
            models.CheckConstraint(
                condition=~Q(kind=TaskKind.OUTCOME_ALERT) | Q(review__isnull=False), name="task_alert_has_review"
            ),
            models.CheckConstraint(
                condition=~Q(kind=TaskKind.REFERRAL_UNANSWERED) | Q(referral__isnull=False),
                name="task_unanswered_has_referral",
            ),
            # One task per review, and per referral: running again never doubles the worker's list.
            models.UniqueConstraint(fields=["review", "kind"], name="task_one_per_review"),
            models.UniqueConstraint(fields=["referral", "kind"], name="task_one_per_referral"),
        ]

    def reason(self) -> str:
        if self.kind == TaskKind.OUTCOME_ALERT:
            labels = dict(Outcome.choices)
            parts = [
                (_("%(outcome)s at 1") if why == "crisis" else _("%(outcome)s down two points or more"))
                % {"outcome": labels.get(code, code)}
                for code, why in self.outcomes
            ]
            return "; ".join(str(part) for part in parts)
        if self.kind == TaskKind.REFERRAL_UNANSWERED and self.referral is not None:
            return str(
                _("referral %(number)s to “%(service)s”, sent on %(sent)s, has no answer yet")
                % {
                    "number": self.referral_id,
                    "service": self.referral.service.name,
                    "sent": timezone.localdate(self.referral.sent_at).isoformat() if self.referral.sent_at else "",
                }
            )
        return ""
