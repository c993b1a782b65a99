from __future__ import annotations

from datetime import date, time
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reintegra.assessments.models import Observation
from reintegra.core.fields import EncryptedModel, EncryptedQuerySet, EncryptedTextField
from reintegra.followups import schedule
from reintegra.orgs.models import Organisation

# Missed contacts in a row after which the case is flagged: the person may be out of reach.
LOST_CONTACT_AFTER = 3


# Intervals that the assessed follow-up intensity asks for (at most this many months apart).
ASSESSED_INTERVALS = {"intensive": 1}


def default_phases() -> list[list[int]]:
    return [[phase.until_month, phase.every_months] for phase in schedule.DEFAULT_PHASES]


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone call")
    MESSAGE = "message", _("Message")
    MEETING = "meeting", _("Meeting at an agreed place")
    OFFICE = "office", _("At our office")
    HOME_VISIT = "home_visit", _("Home visit")


class ContactOutcome(models.TextChoices):
    REACHED = "reached", _("Spoke with the person")
    NO_ANSWER = "no_answer", _("No answer")
    MISSED = "missed", _("The person did not come")
    CANCELLED = "cancelled", _("Cancelled by us")


class FollowUp(models.Model):
    """A case's follow-up schedule. `next_due_on` is derived from the schedule and the contacts
    and stored so that caseloads can sort and count by it; every action that changes an input
    recomputes it in the same transaction."""

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="followup")
    starts_on = models.DateField(_("follow-up starts"))
    # Reopening a case starts a new cycle from the reopening date; `starts_on` keeps the first.
    cycle_started_on = models.DateField(_("current cycle started"), null=True, blank=True)
    phases = models.JSONField(default=default_phases)
    setbacks = models.JSONField(
        default=list, help_text=_("Dates of setbacks and outcome alerts, each bringing back monthly contacts.")
    )
    last_contact_on = models.DateField(null=True, blank=True)
    missed_in_a_row = models.PositiveSmallIntegerField(default=0)
    next_due_on = models.DateField(null=True, blank=True, db_index=True)

    def schedule_phases(self) -> list[schedule.Phase]:
        return [schedule.Phase(until, every) for until, every in self.phases]

    def setback_dates(self) -> list[date]:
        return [date.fromisoformat(value) for value in self.setbacks]

    @property
    def cycle_start(self) -> date:
        return self.cycle_started_on or self.starts_on

    def reached_contact_days(self) -> list[date]:
        """Local dates of the contacts that reached the person in the current cycle."""
        # The office's zone, not the request's: a reminder job computes the same dates as a page.
        zone = Organisation.objects.only("time_zone", "country").get(cases=self.case_id).tzinfo
        moments = Contact.objects.filter(case_id=self.case_id, outcome=ContactOutcome.REACHED).values_list(
            "at", flat=True
        )
        return [day for day in (at.astimezone(zone).date() for at in moments) if day > self.cycle_start]

    def preferred_every_months(self) -> int | None:
        preference = ContactPreference.objects.filter(case_id=self.case_id).only("preferred_every_months").first()
        return preference.preferred_every_months if preference else None

    def assessed_every_months(self) -> int | None:
        """The latest assessment's "how much follow-up is needed": intensive means monthly."""
        answer = (
            Observation.objects.filter(assessment__case_id=self.case_id, area="CAS", field="intensity")
            .order_by("-assessment__version")
            .first()
        )
        return ASSESSED_INTERVALS.get(answer.value) if answer else None

    def _schedule_arguments(self) -> dict[str, Any]:
        wishes = [m for m in (self.preferred_every_months(), self.assessed_every_months()) if m]
        return {
            "contacts": self.reached_contact_days(),
            "phases": self.schedule_phases(),
            "setbacks": self.setback_dates(),
            "preferred_every_months": min(wishes, default=None),
        }

    def compute_next_due(self) -> date | None:
        return schedule.next_due(self.cycle_start, **self._schedule_arguments())

    def next_due_for(self, *, case_closed: bool) -> date | None:
        """What next_due_on should hold: nothing is due on a closed case, since closing stops
        the schedule (and with it the overdue signs)."""
        return None if case_closed else self.compute_next_due()

    def upcoming(self, after: date, count: int = 6) -> list[date]:
        dates = schedule.projected(self.cycle_start, count=count + 40, **self._schedule_arguments())
        return [d for d in dates if d > after][:count]

    def is_overdue(self, today: date) -> bool:
        return schedule.is_overdue(self.next_due_on, today)

    @property
    def contact_may_be_lost(self) -> bool:
        return self.missed_in_a_row >= LOST_CONTACT_AFTER


class ContactPreference(EncryptedModel):
    """How, when and by whom the person agreed to be contacted. Every planned contact is checked
    against it: a careless call can put someone in danger."""

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="contact_preference")
    channels = models.JSONField(_("ways to get in touch"), default=list)
    home_visits_allowed = models.BooleanField(_("home visits allowed"), default=False)
    avoid = models.JSONField(_("times to avoid"), default=list)
    allow = models.JSONField(_("the only times to get in touch"), default=list, blank=True)
    timezone = models.CharField(_("the person's time zone"), max_length=64, default="UTC")
    preferred_every_months = models.PositiveSmallIntegerField(
        _("how often the person would like to be contacted"),
        null=True,
        blank=True,
        choices=[(1, _("Every month")), (2, _("Every two months"))],
        help_text=_("Followed where it asks for more contact than the schedule."),
    )
    who_may_answer = EncryptedTextField(_("who may answer the phone"), blank=True, default="")
    what_may_be_said = EncryptedTextField(_("what may be said, and to whom"), blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    objects = EncryptedQuerySet.as_manager()

    def channel_labels(self) -> list[str]:
        return [str(Channel(code).label) for code in self.channels if code in Channel.values]

    def as_rules(self) -> schedule.Preferences:
        return schedule.Preferences(
            channels=frozenset(self.channels),
            home_visits=self.home_visits_allowed,
            avoid=_windows(self.avoid),
            allow=_windows(self.allow),
            timezone=self.timezone,
        )


def _windows(stored: list[dict[str, Any]]) -> tuple[schedule.AvoidWindow, ...]:
    return tuple(
        schedule.AvoidWindow(frozenset(w["weekdays"]), time.fromisoformat(w["from"]), time.fromisoformat(w["to"]))
        for w in stored
    )


class Contact(EncryptedModel):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="contacts")
    at = models.DateTimeField(_("when"))
    channel = models.CharField(_("how"), max_length=12, choices=Channel.choices)
    outcome = models.CharField(_("outcome"), max_length=12, choices=ContactOutcome.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    issues_raised = EncryptedTextField(_("issues raised"), blank=True, default="")
    note = EncryptedTextField(_("note"), blank=True, default="")
    # Conflicts with the person's preferences the worker saw and went ahead with, and why.
    conflicts_acknowledged = models.JSONField(default=list, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["case", "-at"], name="contact_case_at")]
        constraints = [
            models.CheckConstraint(condition=Q(channel__in=Channel.values), name="contact_channel_valid"),
            models.CheckConstraint(condition=Q(outcome__in=ContactOutcome.values), name="contact_outcome_valid"),
        ]
