"""Complaints and feedback from the people served, and from anyone else. They reach the
organisation's complaints officers, who hold no case (accounts.actions keeps the two roles
apart), so that a complaint never passes through the team it may be about."""

from __future__ import annotations

import secrets
from datetime import date, datetime, tzinfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.core.fields import EncryptedModel, EncryptedQuerySet, EncryptedTextField


class ComplaintKind(models.TextChoices):
    COMPLAINT = "complaint", _("A complaint")
    FEEDBACK = "feedback", _("Feedback or a suggestion")


class Channel(models.TextChoices):
    WEB = "web", _("The public page")
    PHONE = "phone", _("By phone")
    PAPER = "paper", _("On paper or in the complaints box")
    IN_PERSON = "in_person", _("In person")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged: being looked into")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


# Letters and digits that cannot be mistaken for one another when read out on the phone or
# copied from paper (no 0/O, 1/I/L, U).
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_GROUPS = 3
REFERENCE_GROUP_LENGTH = 4


def new_reference() -> str:
    """A code such as K7QM-4TZX-B9HD: about 59 bits, so that codes cannot be guessed to read
    someone else's answer, short enough to write down."""
    return "-".join(
        "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_GROUP_LENGTH))
        for _ in range(REFERENCE_GROUPS)
    )


def normalise_reference(text: str) -> str:
    """A code as someone typed it (lower case, spaces, no dashes) in its stored form."""
    plain = "".join(ch for ch in text.upper() if ch.isalnum())
    return "-".join(plain[i : i + REFERENCE_GROUP_LENGTH] for i in range(0, len(plain), REFERENCE_GROUP_LENGTH))


class ComplaintQuerySet(EncryptedQuerySet):
    def open(self) -> ComplaintQuerySet:
        return self.exclude(status=ComplaintStatus.CLOSED)

    def overdue(self, today: object) -> ComplaintQuerySet:
        return self.filter(
            Q(status=ComplaintStatus.RECEIVED, acknowledge_by__lt=today)
            | Q(status__in=[ComplaintStatus.RECEIVED, ComplaintStatus.ACKNOWLEDGED], answer_by__lt=today)
        )


class Complaint(EncryptedModel):
    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="complaints")
    reference = models.CharField(max_length=20, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=ComplaintKind.choices)
    channel = models.CharField(_("received"), max_length=10, choices=Channel.choices)
    language = models.CharField(_("language"), max_length=10)
    about = EncryptedTextField(_("what it is about"))
    filer_name = EncryptedTextField(_("name"), blank=True, default="")
    contact = EncryptedTextField(_("how to answer"), blank=True, default="")
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    # Working days of the organisation's country (settings.REINTEGRA_COMPLAINT_*_DAYS).
    acknowledge_by = models.DateField(_("acknowledge by"))
    answer_by = models.DateField(_("answer by"))
    status = models.CharField(
        _("status"), max_length=12, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED
    )
    # Shown to whoever follows the complaint up with its reference code.
    answer = EncryptedTextField(_("answer"), blank=True, default="")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # When the retention rule emptied its texts (privacy.retention): the dates and the figures stay.
    cleared_at = models.DateTimeField(null=True, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ComplaintKind.values), name="complaint_kind_valid"),
            models.CheckConstraint(condition=Q(channel__in=Channel.values), name="complaint_channel_valid"),
            models.CheckConstraint(condition=Q(status__in=ComplaintStatus.values), name="complaint_status_valid"),
            # Filed on the public page by nobody signed in; any other way, by the staff member who took it.
            models.CheckConstraint(
                condition=Q(channel=Channel.WEB, recorded_by__isnull=True)
                | (~Q(channel=Channel.WEB) & Q(recorded_by__isnull=False)),
                name="complaint_web_or_recorded_by_staff",
            ),
            models.CheckConstraint(
                condition=Q(answer_by__gte=models.F("acknowledge_by")), name="complaint_dates_order"
            ),
            models.CheckConstraint(
                condition=Q(status=ComplaintStatus.RECEIVED) | Q(acknowledged_at__isnull=False),
                name="complaint_acknowledged_when_past_received",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[ComplaintStatus.RECEIVED, ComplaintStatus.ACKNOWLEDGED])
                | Q(answered_at__isnull=False),
                name="complaint_answered_when_answered_or_closed",
            ),
            models.CheckConstraint(
                condition=~Q(status=ComplaintStatus.CLOSED) | Q(closed_at__isnull=False),
                name="complaint_closed_at_when_closed",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def answered_in_time(self) -> bool | None:
        """None while it waits for its answer and is not late yet."""
        where = answer_timeliness(self.answer_by, self.answered_at, self.organisation.tzinfo, timezone.now())
        return {"in_time": True, "late": False, "overdue": False}.get(where)


class ComplaintDate(models.TextChoices):
    """The two dates an officer is reminded of (notifications)."""

    ACKNOWLEDGE = "complaint_acknowledge", _("acknowledge the complaint")
    ANSWER = "complaint_answer", _("answer the complaint")


# Where a complaint stands against its answer date, for the monitoring report and the quality
# indicator: answered by the date, answered after it, waiting within it, waiting past it.
ANSWER_TIMELINESS = (
    ("in_time", _("Answered in time")),
    ("late", _("Answered late")),
    ("waiting", _("Not answered yet, still in time")),
    ("overdue", _("Not answered, and late")),
)


def answer_timeliness(answer_by: date, answered_at: datetime | None, zone: tzinfo, now: datetime) -> str:
    """One of ANSWER_TIMELINESS's codes; days are the office's (`zone`)."""
    if answered_at is not None:
        return "in_time" if answered_at.astimezone(zone).date() <= answer_by else "late"
    return "waiting" if now.astimezone(zone).date() <= answer_by else "overdue"


class EventKind(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")
    NOTE = "note", _("Note")


class ComplaintEvent(EncryptedModel):
    """The complaint's history, appended and never changed: who did what, when, and why."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=EventKind.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    note = EncryptedTextField(_("note"), blank=True, default="")

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="complaint_event_kind_valid")
        ]
