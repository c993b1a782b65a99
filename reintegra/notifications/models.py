"""Reminders as a user receives them: a list in the application, and an email where the user has
an address. A notification names no person. It carries a case or referral number and a link that
opens only after sign-in, through the same access layer as any other visit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    # Only kinds the reminder job really creates are listed; later sources add their own.
    REFERRAL_WAITING = "referral_waiting", _("A referral waits for your answer")
    REFERRAL_UNANSWERED = "referral_unanswered", _("A referral you sent has no answer")


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
    waited_days = models.PositiveIntegerField(default=0)
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
        return ""

    @property
    def case_number(self) -> str:
        return self.case.number if self.case is not None else ""

    def link(self) -> str:
        """Where it leads, a path inside the application; the page checks access again."""
        if self.referral_id is not None:
            return reverse("referrals:referral", args=[self.referral_id])
        return reverse("notifications:notifications")
