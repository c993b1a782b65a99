"""Reminders as a user receives them: a list in the application, and an email where the user has
an address. A notification names no person. It carries a case or referral number and a link that
opens only after sign-in, through the same access layer as any other visit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reintegra.children.models import ChildDate
from reintegra.complaints.models import ComplaintDate
from reintegra.legal.models import DeadlineKind


class NotificationKind(models.TextChoices):
    # Only kinds the reminder job really creates are listed; later sources add their own.
    REFERRAL_WAITING = "referral_waiting", _("A referral waits for your answer")
    REFERRAL_UNANSWERED = "referral_unanswered", _("A referral you sent has no answer")
    LEGAL_DEADLINE_NEAR = "legal_deadline_near", _("A legal-status date is near")
    LEGAL_DEADLINE_PASSED = "legal_deadline_passed", _("A legal-status date has passed")
    CHILD_DATE_NEAR = "child_date_near", _("A child-protection date is near")
    CHILD_DATE_PASSED = "child_date_passed", _("A child-protection date has passed")
    SAFETY_REASSESSMENT_DUE = "safety_reassessment_due", _("A safety reassessment is due")
    COMPLAINT_DUE = "complaint_due", _("A complaint must be acknowledged or answered")
    # Written by the workflow itself (cases.actions.open_in_emergency), not by the reminder job.
    EMERGENCY_ACCESS = "emergency_access", _("A case was opened under emergency access")


LEGAL_KINDS = (NotificationKind.LEGAL_DEADLINE_NEAR, NotificationKind.LEGAL_DEADLINE_PASSED)
CHILD_KINDS = (NotificationKind.CHILD_DATE_NEAR, NotificationKind.CHILD_DATE_PASSED)
# Reminders of a date: settled by the job once the date no longer stands as it was.
DATED_KINDS = (*LEGAL_KINDS, *CHILD_KINDS, NotificationKind.SAFETY_REASSESSMENT_DUE, NotificationKind.COMPLAINT_DUE)


class NotificationQuerySet(models.QuerySet["Notification"]):
    def needing_attention(self) -> NotificationQuerySet:
        """Unread, and what it is about still needs someone."""
        return self.filter(read_at__isnull=True, settled_at__isnull=True)


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
    # What it is about and which occurrence: the job runs again and again, and the same key is
    # never written twice for one user.
    key = models.CharField(max_length=100)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    referral = models.ForeignKey(
        "referrals.Referral", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    waited_days = models.PositiveIntegerField(default=0)
    # For reminders of a date: which one (legal.models.DeadlineKind, children.models.ChildDate)
    # and when it falls.
    deadline = models.CharField(
        max_length=24, choices=[*DeadlineKind.choices, *ChildDate.choices, *ComplaintDate.choices], blank=True
    )
    due_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(_("when"))
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Set by the job when the reason went away (the provider answered): it no longer counts as new.
    settled_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at", "settled_at"], name="notification_user_unread")]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_key"),
            models.CheckConstraint(condition=Q(kind__in=NotificationKind.values), name="notification_kind_valid"),
            models.CheckConstraint(
                condition=~Q(kind__in=[NotificationKind.REFERRAL_WAITING, NotificationKind.REFERRAL_UNANSWERED])
                | Q(referral__isnull=False),
                name="notification_referral_kinds_name_it",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=LEGAL_KINDS)
                | (Q(case__isnull=False) & Q(deadline__in=DeadlineKind.values) & Q(due_on__isnull=False)),
                name="notification_legal_kinds_name_the_date",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=CHILD_KINDS)
                | (Q(case__isnull=False) & Q(deadline__in=ChildDate.values) & Q(due_on__isnull=False)),
                name="notification_child_kinds_name_the_date",
            ),
            models.CheckConstraint(
                condition=~Q(kind=NotificationKind.SAFETY_REASSESSMENT_DUE)
                | (Q(case__isnull=False) & Q(due_on__isnull=False)),
                name="notification_safety_kind_names_the_date",
            ),
            models.CheckConstraint(
                condition=~Q(kind=NotificationKind.EMERGENCY_ACCESS) | Q(case__isnull=False),
                name="notification_emergency_kind_names_the_case",
            ),
            models.CheckConstraint(
                condition=~Q(kind=NotificationKind.COMPLAINT_DUE)
                | (Q(complaint__isnull=False) & Q(deadline__in=ComplaintDate.values) & Q(due_on__isnull=False)),
                name="notification_complaint_kind_names_the_date",
            ),
        ]

    def message(self) -> str:
        """The text, in the reader's language, with numbers only."""
        if self.kind == NotificationKind.REFERRAL_WAITING:
            return str(
                _("Referral %(number)s has waited %(days)s days for your organisation's answer.")
                % {"number": self.referral_id, "days": self.waited_days}
            )
        if self.kind == NotificationKind.REFERRAL_UNANSWERED:
            return str(
                _("Case %(case)s: the provider has not answered referral %(number)s in %(days)s days.")
                % {"case": self.case_number, "number": self.referral_id, "days": self.waited_days}
            )
        if self.kind in LEGAL_KINDS and self.due_on is not None:
            values = {
                "case": self.case_number,
                "what": DeadlineKind(self.deadline).label if self.deadline in DeadlineKind.values else "",
                "day": self.due_on.isoformat(),
            }
            if self.kind == NotificationKind.LEGAL_DEADLINE_PASSED:
                return str(_("Case %(case)s: %(what)s on %(day)s, and no step recorded since settles it.") % values)
            return str(_("Case %(case)s: %(what)s on %(day)s.") % values)
        if self.kind in CHILD_KINDS and self.due_on is not None:
            values = {
                "case": self.case_number,
                "what": ChildDate(self.deadline).label if self.deadline in ChildDate.values else "",
                "day": self.due_on.isoformat(),
            }
            if self.kind == NotificationKind.CHILD_DATE_PASSED:
                return str(
                    _("Case %(case)s: %(what)s was due on %(day)s and nothing recorded since settles it.") % values
                )
            return str(_("Case %(case)s: %(what)s on %(day)s.") % values)
        if self.kind == NotificationKind.SAFETY_REASSESSMENT_DUE and self.due_on is not None:
            # Never why (a threat, a court date): an email may be read by someone else.
            return str(
                _("Case %(case)s: a safety reassessment has been due since %(day)s.")
                % {"case": self.case_number, "day": self.due_on.isoformat()}
            )
        if self.kind == NotificationKind.EMERGENCY_ACCESS:
            # Never the reason given: an email may be read by someone else. The case's access
            # log says who opened it and why.
            return str(
                _(
                    "Case %(case)s was opened under emergency access by someone outside its team. "
                    "Its access log says who and why."
                )
                % {"case": self.case_number}
            )
        if self.kind == NotificationKind.COMPLAINT_DUE and self.due_on is not None:
            # The complaint's number, never its reference code: with the code, anyone reads the
            # answer on the public page, and an email may be read by someone else.
            values = {
                "number": str(self.complaint_id),
                "what": ComplaintDate(self.deadline).label if self.deadline in ComplaintDate.values else "",
                "day": self.due_on.isoformat(),
            }
            return str(_("Complaint no. %(number)s: %(what)s by %(day)s.") % values)
        return ""

    def open_label(self) -> str:
        """The words of the button that opens what the reminder is about."""
        if self.referral_id is not None:
            return str(_("Open referral %(number)s") % {"number": self.referral_id})
        if self.kind in LEGAL_KINDS:
            return str(_("Open the legal status of case %(case)s") % {"case": self.case_number})
        if self.kind in CHILD_KINDS:
            return str(_("Open the child-protection record of case %(case)s") % {"case": self.case_number})
        if self.kind == NotificationKind.SAFETY_REASSESSMENT_DUE:
            return str(_("Open the safety record of case %(case)s") % {"case": self.case_number})
        if self.complaint_id is not None:
            return str(_("Open complaint no. %(number)s") % {"number": self.complaint_id})
        if self.kind == NotificationKind.EMERGENCY_ACCESS:
            return str(_("Open case %(case)s") % {"case": self.case_number})
        return str(_("Open"))

    def settled_label(self) -> str:
        """What "settled" means for this kind: a referral was answered; a date was dealt with."""
        if self.kind in DATED_KINDS:
            return str(_("Dealt with since"))
        return str(_("Answered since"))

    @property
    def case_number(self) -> str:
        return self.case.number if self.case is not None else ""

    def link(self) -> str:
        """Where it leads, a path inside the application; the page checks access again."""
        if self.referral_id is not None:
            return reverse("referrals:referral", args=[self.referral_id])
        if self.kind in LEGAL_KINDS and self.case_id is not None:
            return reverse("legal:status", args=[self.case_id])
        if self.kind in CHILD_KINDS and self.case_id is not None:
            return reverse("children:record", args=[self.case_id])
        if self.kind == NotificationKind.SAFETY_REASSESSMENT_DUE and self.case_id is not None:
            return reverse("safety:page", args=[self.case_id])
        if self.complaint_id is not None:
            return reverse("complaints:detail", args=[self.complaint_id])
        if self.kind == NotificationKind.EMERGENCY_ACCESS and self.case_id is not None:
            return reverse("cases:detail", args=[self.case_id])
        return reverse("notifications:notifications")
