"""A person's legal stay in a country, as a history of steps, and the rules of each country that
turn those steps into dates: when an identification decision falls due, when a reflection period
ends, when a permit expires and its renewal must be asked for.

The rules are data. They are seeded (migration 0002) from the figures IOM published for five
countries in 2013, which are historical: an administrator corrects them, and adds the days a
country's offices close beyond its public holidays, in the configuration pages (Django admin).
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from reintegra.cases.vocabularies import IdentificationStatus, IdentifyingAuthorityType
from reintegra.core.fields import EncryptedModel, EncryptedQuerySet, EncryptedTextField


class CountryRules(models.Model):
    """What one country's law and practice set for people identified as trafficked there."""

    country = CountryField(_("country"), unique=True)
    # holidays' code for a part of the country whose holidays differ (ENG for England in GB).
    holiday_subdivision = models.CharField(
        _("region for public holidays"),
        max_length=10,
        blank=True,
        help_text=_("Leave empty for the whole country's holidays. For the United Kingdom: ENG, NIR, SCT or WLS."),
    )
    mechanism = models.CharField(
        _("identification mechanism"),
        max_length=200,
        blank=True,
        help_text=_("The national procedure that decides whether a person was trafficked, if there is one."),
    )
    first_decision_working_days = models.PositiveSmallIntegerField(
        _("first decision due within (working days)"),
        null=True,
        blank=True,
        help_text=_("Counted from the day after the mechanism receives the referral. Empty: no deadline in law."),
    )
    reflection_starts_with_first_decision = models.BooleanField(
        _("a positive first decision starts the reflection period"), default=False
    )
    reflection_lasts_until_final_decision = models.BooleanField(
        _("the reflection period runs on while the final decision is pending"), default=False
    )
    source = models.TextField(
        _("where these rules come from"),
        blank=True,
        help_text=_("Say how current the figures are, so that nobody mistakes an old rule for today's law."),
    )

    class Meta:
        verbose_name = _("country's rules")
        verbose_name_plural = _("countries' rules")
        ordering = ["country"]

    def __str__(self) -> str:
        return str(self.country.name)

    def stays_in_order(self) -> list[StayRule]:
        """Its kinds of stay in the order a person goes through them (reflection first); from the
        prefetched rules where the caller loaded them."""
        order = {kind: index for index, kind in enumerate(StayKind.values)}
        return sorted(self.stay_rules.all(), key=lambda stay: order.get(stay.kind, len(order)))


class StayKind(models.TextChoices):
    REFLECTION = "reflection", _("Reflection period")
    TEMPORARY_PERMIT = "temporary_permit", _("Temporary residence permit")
    LONG_TERM_PERMIT = "long_term_permit", _("Longer residence permit")


class StayRule(models.Model):
    """One kind of lawful stay a country grants: how long it lasts, whether it is renewed, and on
    what conditions. A duration in days or in months (the law says one or the other), or none
    when the law sets none: then the date on the permit itself is what counts."""

    country = models.ForeignKey(CountryRules, on_delete=models.CASCADE, related_name="stay_rules")
    kind = models.CharField(_("kind"), max_length=20, choices=StayKind.choices)
    label = models.CharField(_("name in that country"), max_length=200, blank=True)
    duration_days = models.PositiveSmallIntegerField(_("lasts (days)"), null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField(_("lasts (months)"), null=True, blank=True)
    renewable = models.BooleanField(_("can be renewed"), default=False)
    conditions = models.TextField(_("conditions"), blank=True)
    rights = models.TextField(_("rights it opens"), blank=True)

    class Meta:
        verbose_name = _("kind of stay")
        verbose_name_plural = _("kinds of stay")
        ordering = ["country", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["country", "kind"], name="stay_rule_one_per_kind"),
            models.CheckConstraint(condition=Q(kind__in=StayKind.values), name="stay_rule_kind_valid"),
            models.CheckConstraint(
                condition=Q(duration_days__isnull=True) | Q(duration_months__isnull=True),
                name="stay_rule_days_or_months",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country}: {self.label or self.get_kind_display()}"

    @property
    def name(self) -> str:
        return self.label or str(self.get_kind_display())

    def ends(self, start: date) -> date | None:
        """The day a stay of this kind that begins on `start` ends, or None when the law sets no
        length. Months are calendar months: from 31 January, one month ends on 28 or 29 February."""
        if self.duration_days is not None:
            return start + relativedelta(days=self.duration_days)
        if self.duration_months is not None:
            return start + relativedelta(months=self.duration_months)
        return None

    def duration_text(self) -> str:
        if self.duration_days is not None:
            return str(_("%(n)d days") % {"n": self.duration_days})
        if self.duration_months is not None:
            return str(_("%(n)d months") % {"n": self.duration_months})
        return str(_("no length set in law"))


class Closure(models.Model):
    """A day the offices of a country (or the part of it whose holidays are used) are closed
    beyond its public holidays: no working-day deadline counts it."""

    country = models.ForeignKey(CountryRules, on_delete=models.CASCADE, related_name="closures")
    day = models.DateField(_("day"))
    reason = models.CharField(_("why"), max_length=200)

    class Meta:
        verbose_name = _("local closure")
        verbose_name_plural = _("local closures")
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["country", "day"], name="closure_once_per_day")]

    def __str__(self) -> str:
        return f"{self.day.isoformat()} {self.reason}"


class StepKind(models.TextChoices):
    REFERRED = "referred", _("Referred to the identification mechanism")
    FIRST_DECISION = "first_decision", _("First decision (reasonable grounds)")
    FINAL_DECISION = "final_decision", _("Final decision (conclusive grounds)")
    REFLECTION_STARTED = "reflection_started", _("Reflection period started")
    PERMIT_APPLIED = "permit_applied", _("Permit applied for")
    PERMIT_GRANTED = "permit_granted", _("Permit granted or renewed")
    PERMIT_REFUSED = "permit_refused", _("Permit refused")
    ENDED = "ended", _("No longer needed (left the country, or another status)")


class Decision(models.TextChoices):
    POSITIVE = "positive", _("Positive")
    NEGATIVE = "negative", _("Negative")


class DeadlineKind(models.TextChoices):
    """The dates deadlines.py computes from the steps."""

    FIRST_DECISION = "first_decision", _("First identification decision due")
    REFLECTION_ENDS = "reflection_ends", _("Reflection period ends")
    RENEWAL_DUE = "renewal_due", _("Ask for the permit's renewal")
    PERMIT_EXPIRES = "permit_expires", _("Permit expires")
    SAFETY_BEFORE_HEARING = "safety_before_hearing", _("Reassess safety before a hearing")
    HEARING = "hearing", _("Hearing")


DECISION_STEPS = (StepKind.FIRST_DECISION, StepKind.FINAL_DECISION)
PERMIT_STEPS = (StepKind.PERMIT_APPLIED, StepKind.PERMIT_GRANTED, StepKind.PERMIT_REFUSED)


class StatusStep(EncryptedModel):
    """One step of a person's legal stay in one country, appended, never edited: a correction is a
    later step. The deadlines (deadlines.py) are computed from the steps and the country's rules
    each time they are shown, so a corrected rule corrects every date at once."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="status_steps")
    country = models.ForeignKey(CountryRules, on_delete=models.PROTECT, related_name="+", verbose_name=_("country"))
    kind = models.CharField(_("step"), max_length=20, choices=StepKind.choices)
    on = models.DateField(_("on"))
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    stay = models.ForeignKey(
        StayRule, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("permit")
    )
    # As written on the permit, where it says; otherwise the rule's length gives the date.
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    note = EncryptedTextField(_("note"), blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=StepKind.values), name="status_step_kind_valid"),
            models.CheckConstraint(
                condition=(Q(kind__in=DECISION_STEPS) & Q(decision__in=Decision.values))
                | (~Q(kind__in=DECISION_STEPS) & Q(decision="")),
                name="status_step_decision_iff_decision_step",
            ),
            models.CheckConstraint(
                condition=(Q(kind__in=PERMIT_STEPS) & Q(stay__isnull=False))
                | (Q(kind=StepKind.REFLECTION_STARTED))
                | (~Q(kind__in=PERMIT_STEPS) & Q(stay__isnull=True)),
                name="status_step_permit_names_its_kind",
            ),
            models.CheckConstraint(
                condition=Q(kind=StepKind.PERMIT_GRANTED) | Q(valid_until__isnull=True),
                name="status_step_validity_only_on_grant",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gt=models.F("on")),
                name="status_step_valid_after_grant",
            ),
        ]
        indexes = [models.Index(fields=["case", "on"], name="status_step_case_on")]

    def __str__(self) -> str:
        return f"{self.on.isoformat()} {self.get_kind_display()}"


class ReturnType(models.TextChoices):
    """How the person came back to the country, where the identification followed a return."""

    ASSISTED_VOLUNTARY = "assisted_voluntary", _("Assisted voluntary return")
    ON_OWN = "on_own", _("Came back on their own")
    REMOVED = "removed", _("Removed or deported")
    NOT_KNOWN = "not_known", _("Returned; how is not known")


class Identification(EncryptedModel):
    """One identification of the person as trafficked, or a change of it, appended, never edited.
    The case keeps a copy of the latest (Case.identification_status and its fields), which lists
    and the case page read; this is the history behind it, and what country and what return each
    identification happened in."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="identifications")
    status = models.CharField(_("identification"), max_length=16, choices=IdentificationStatus.choices)
    identified_on = models.DateField(_("identified on"), null=True, blank=True)
    authority = models.CharField(_("identified by"), max_length=200, blank=True)
    authority_type = models.CharField(
        _("kind of identifying body"), max_length=40, choices=IdentifyingAuthorityType.choices, blank=True
    )
    country = CountryField(_("country"), blank=True)
    return_type = models.CharField(_("return"), max_length=20, choices=ReturnType.choices, blank=True)
    note = EncryptedTextField(_("note"), blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=IdentificationStatus.values), name="identification_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=IdentificationStatus.FORMAL) | (Q(identified_on__isnull=False) & ~Q(authority="")),
                name="identification_formal_complete",
            ),
            models.CheckConstraint(
                condition=Q(return_type="") | Q(return_type__in=ReturnType.values), name="identification_return_valid"
            ),
        ]


class ProceedingKind(models.TextChoices):
    CRIMINAL = "criminal", _("Criminal")
    CIVIL = "civil", _("Civil")
    LABOUR = "labour", _("Labour")
    COMPENSATION = "compensation", _("Compensation")


class PersonRole(models.TextChoices):
    VICTIM_WITNESS = "victim_witness", _("Victim and witness")
    COMPLAINANT = "complainant", _("Complainant or claimant")
    WITNESS = "witness", _("Witness")
    # A victim may be charged for what they were forced to do; the non-punishment principle.
    ACCUSED = "accused", _("Accused")
    OTHER = "other", _("Other")


class Proceeding(EncryptedModel):
    """One legal proceeding the person takes part in. What happens in it is appended as events."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="proceedings")
    kind = models.CharField(_("kind"), max_length=16, choices=ProceedingKind.choices)
    role = models.CharField(_("the person's role"), max_length=16, choices=PersonRole.choices)
    # Which court, where: it can point to the person, like the reference and the lawyer's name.
    authority = EncryptedTextField(_("court or authority"), blank=True, default="")
    reference = EncryptedTextField(_("file reference"), blank=True, default="")
    lawyer = EncryptedTextField(_("lawyer or legal aid provider"), blank=True, default="")
    opened_on = models.DateField(_("started on"))
    currency = models.CharField(_("currency of any compensation"), max_length=3, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["opened_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ProceedingKind.values), name="proceeding_kind_valid"),
            models.CheckConstraint(condition=Q(role__in=PersonRole.values), name="proceeding_role_valid"),
            models.CheckConstraint(
                condition=Q(currency="") | Q(currency__regex=r"^[A-Z]{3}$"), name="proceeding_currency_iso"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.opened_on.isoformat()})"


class EventKind(models.TextChoices):
    HEARING = "hearing", _("Hearing")
    INTERVIEW = "interview", _("Interview or statement")
    CONSENT = "consent", _("The person's decision on a step")
    CLAIMED = "claimed", _("Compensation claimed")
    AWARDED = "awarded", _("Compensation awarded")
    RECEIVED = "received", _("Compensation received")
    ENDED = "ended", _("Proceeding ended")


AMOUNT_EVENTS = (EventKind.CLAIMED, EventKind.AWARDED, EventKind.RECEIVED)


class ProceedingEvent(EncryptedModel):
    """One thing that happened, or is set to happen (a hearing), in a proceeding. Appended, never
    edited. A hearing ahead brings reminders: of the hearing, and of a safety reassessment before
    it (deadlines.py). Each step the person is asked to take is preceded by their informed
    decision (CONSENT), yes or no, in their words."""

    proceeding = models.ForeignKey(Proceeding, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("what"), max_length=12, choices=EventKind.choices)
    on = models.DateField(_("on"))
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=2, null=True, blank=True)
    agreed = models.BooleanField(_("the person agreed"), null=True, blank=True)
    note = EncryptedTextField(_("note"), blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="proceeding_event_kind_valid"),
            models.CheckConstraint(
                condition=(Q(kind__in=AMOUNT_EVENTS) & Q(amount__gte=0))
                | (~Q(kind__in=AMOUNT_EVENTS) & Q(amount__isnull=True)),
                name="proceeding_event_amount_iff_money",
            ),
            models.CheckConstraint(
                condition=(Q(kind=EventKind.CONSENT) & Q(agreed__isnull=False))
                | (~Q(kind=EventKind.CONSENT) & Q(agreed__isnull=True)),
                name="proceeding_event_decision_iff_consent",
            ),
        ]
